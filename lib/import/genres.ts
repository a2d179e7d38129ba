import type { ReviewContent } from '../content/review-content';
import { slugify } from '../text/slug';

// Genres named where an article says what the work is: its label line, headline and first
// sentence ("a tense South Korean thriller that weaves together political drama …"). Compound
// genres are matched before their parts; words that are genres only sometimes ("action",
// "war", "crime") count only before a word for a film or show ("a war drama", "crime thriller").

const FILM_WORDS = String.raw`(?:films?|movies?|series|shows?|drama|dramas|thrillers?|comedy|comedies|epics?|flicks?|features?|pictures?|saga|story|tale|adventures?|mystery|romance)`;

/** Each genre: its name and what names it in text. Listed longest first. */
const GENRES: ReadonlyArray<{ name: string; pattern: string }> = [
  { name: 'Political drama', pattern: 'political dramas?' },
  { name: 'Political thriller', pattern: 'political thrillers?' },
  { name: 'Psychological thriller', pattern: 'psychological thrillers?' },
  { name: 'Legal drama', pattern: 'legal dramas?|courtroom dramas?' },
  { name: 'Period drama', pattern: 'period dramas?|period pieces?|costume dramas?' },
  { name: 'Historical drama', pattern: 'historical dramas?' },
  { name: 'War drama', pattern: 'war dramas?' },
  { name: 'Family drama', pattern: 'family dramas?' },
  { name: 'Romantic comedy', pattern: 'romantic comed(?:y|ies)|rom-?coms?' },
  { name: 'Black comedy', pattern: '(?:black|dark) comed(?:y|ies)' },
  { name: 'Science fiction', pattern: 'science[- ]fiction|sci-?fi' },
  { name: 'Coming-of-age', pattern: 'coming[- ]of[- ]age' },
  { name: 'Martial arts', pattern: 'martial[- ]arts' },
  { name: 'Superhero', pattern: 'superhero' },
  { name: 'Documentary', pattern: 'documentar(?:y|ies)|docuseries' },
  { name: 'Animation', pattern: 'animated|animation|anime' },
  { name: 'Biopic', pattern: 'biopics?|biographical' },
  { name: 'Thriller', pattern: 'thrillers?' },
  { name: 'Comedy', pattern: 'comed(?:y|ies)' },
  { name: 'Horror', pattern: 'horror' },
  { name: 'Musical', pattern: 'musicals?' },
  { name: 'Western', pattern: 'westerns?' },
  { name: 'Satire', pattern: 'satires?|satirical' },
  { name: 'Noir', pattern: '(?:film )?noir|neo-noir' },
  { name: 'Melodrama', pattern: 'melodramas?' },
  { name: 'Romance', pattern: 'romances?' },
  { name: 'Mystery', pattern: 'myster(?:y|ies)|whodunn?its?' },
  { name: 'Drama', pattern: 'dramas?|k-dramas?' },
  // Genres only before a word for a film or show.
  { name: 'Action', pattern: `action(?=[- ]${FILM_WORDS}\\b)` },
  { name: 'Adventure', pattern: `adventure(?= ${FILM_WORDS}\\b)` },
  { name: 'Crime', pattern: `crime(?= ${FILM_WORDS}\\b)` },
  { name: 'War', pattern: `war(?= ${FILM_WORDS}\\b)` },
  { name: 'Fantasy', pattern: `fantasy(?= ${FILM_WORDS}\\b)` },
  { name: 'Spy', pattern: `spy(?= ${FILM_WORDS}\\b)` },
  { name: 'Heist', pattern: `heist(?= ${FILM_WORDS}\\b)` },
  { name: 'Disaster', pattern: `disaster(?= ${FILM_WORDS}\\b)` },
  { name: 'Sports', pattern: `sports?(?= ${FILM_WORDS}\\b)` },
  { name: 'Family', pattern: `family(?= (?:films?|movies?|comedy|adventure)\\b)` },
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Genres named in `text`, in order of first mention. `known` are the genres the site already
 * has (matched as written, so an import reuses them), tried before the built-in list.
 */
export function findGenres(text: string, known: readonly string[] = []): ReviewContent['genres'] {
  const candidates = [
    ...known.map((name) => ({ name, pattern: escape(name).replace(/\s+/g, '\\s+'), known: true })),
    ...GENRES.map((genre) => ({ ...genre, known: false })),
  ];
  const matches: Array<{ name: string; start: number; end: number; known: boolean }> = [];
  for (const { name, pattern, known: isKnown } of candidates) {
    const regex = new RegExp(`(?<![\\p{L}\\p{N}-])(?:${pattern})(?![\\p{L}\\p{N}])`, 'giu');
    for (const match of text.matchAll(regex))
      matches.push({
        name,
        start: match.index,
        end: match.index + match[0].length,
        known: isKnown,
      });
  }
  // The longest match at each place wins ("political drama" over "drama"); at the same place,
  // the name the site already uses.
  matches.sort((a, b) => a.start - b.start || b.end - a.end || Number(b.known) - Number(a.known));
  const genres: ReviewContent['genres'] = [];
  let covered = -1;
  for (const match of matches) {
    if (match.start < covered) continue;
    covered = match.end;
    const slug = slugify(match.name);
    if (slug && !genres.some((genre) => genre.slug === slug) && genres.length < 10)
      genres.push({ name: match.name.slice(0, 80), slug });
  }
  return genres;
}
