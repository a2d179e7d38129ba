import type { ReviewContent } from '../content/review-content';
import { slugify } from '../text/slug';
import type { ImportWarning } from './types';

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

/** A genre and where in `text` it is named. */
type GenreMatch = ReviewContent['genres'][number] & { start: number; end: number };

/**
 * Genres named in `text`, in order of first mention. `known` are the genres the site already
 * has (matched as written, so an import reuses them), tried before the built-in list.
 */
function genreMatches(text: string, known: readonly string[]): GenreMatch[] {
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
  const genres: GenreMatch[] = [];
  let covered = -1;
  for (const match of matches) {
    if (match.start < covered) continue;
    covered = match.end;
    const slug = slugify(match.name);
    if (slug && !genres.some((genre) => genre.slug === slug) && genres.length < 10)
      genres.push({ name: match.name.slice(0, 80), slug, start: match.start, end: match.end });
  }
  return genres;
}

/** Genres named in `text`, in order of first mention (see genreMatches). */
export function findGenres(text: string, known: readonly string[] = []): ReviewContent['genres'] {
  return genreMatches(text, known).map(({ name, slug }) => ({ name, slug }));
}

/** A text genres are read from ("the headline", the dek's first sentence) and where it is. */
export type GenreText = { text: string; where: string };

/** How much of a long text is quoted either side of a genre, in characters. */
const QUOTE_REACH = 150;

/** The words around text[start, end), cut ("…") where the text goes on past QUOTE_REACH. */
function quoteAround(text: string, start: number, end: number): string {
  const from = Math.max(0, start - QUOTE_REACH);
  const to = Math.min(text.length, end + QUOTE_REACH);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
}

/**
 * Genres named in the texts, each with the words it was read from. A genre is always the
 * importer's reading of a sentence, so the preview lists each with its words to check.
 */
export function findGenresIn(
  texts: readonly GenreText[],
  known: readonly string[] = [],
): Array<{ genre: ReviewContent['genres'][number]; from: GenreText }> {
  const used = texts.filter((entry) => entry.text !== '');
  // Each text's start in the joined text, to tell which text a match is in.
  const starts: number[] = [];
  let at = 0;
  for (const entry of used) {
    starts.push(at);
    at += entry.text.length + 1;
  }
  return genreMatches(used.map((entry) => entry.text).join('\n'), known).map(
    ({ name, slug, start, end }) => {
      let index = 0;
      while (index + 1 < starts.length && starts[index + 1]! <= start) index++;
      const { text, where } = used[index]!;
      const offset = starts[index]!;
      return {
        genre: { name, slug },
        from: { text: quoteAround(text, start - offset, end - offset), where },
      };
    },
  );
}

/** The warning that lists a genre read from a sentence, for the editor to check. */
export function guessedGenreWarning(name: string, from: GenreText): ImportWarning {
  return {
    what: `Guessed from the text: the genre ${name}, from “${from.text}” — check it.`,
    where: from.where,
  };
}
