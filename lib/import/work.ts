import type { WorkKind } from '../content/vocabulary';
import { slugify } from '../text/slug';
import { charIn, trimEndChars, trimEndWhere, trimStartWhere } from '../text/trim';

// The work's title and year ("Title (YYYY)") and whether it is a film or a series.

/** Words that stay lowercase inside a title ("The Lives of Others"). */
const SMALL = new Set('a an the and or of in on at to for with by from de la le et'.split(' '));
const notLetterOrDigit = charIn(/[^\p{L}\p{N}]/u);

/**
 * How far before a year a title is looked for, in characters. A title is at most 300; a run of
 * title-like words longer than this is not one. Reading the whole text before every "(YYYY)"
 * was quadratic: every year split it again and `unshift` copied the words kept so far (a
 * 780 KB paragraph of capitalised words before one year took 84 s).
 */
const TITLE_WINDOW = 2000;
const SPACE = /\s/;

/**
 * The title before "(YYYY)": a quoted title ("“Escape” (2024)"), or the run of capitalised
 * words just before the year ("like Samjin Company English Class (2020)").
 */
function titleBefore(text: string): string | null {
  let end = text.length;
  while (end > 0 && SPACE.test(text[end - 1]!)) end--;
  // The closing quote is the last character that is not a space, so only the last 152 count.
  const quoted = /[“"‘']([^“”"‘’]{1,150})[”"’']$/u.exec(text.slice(Math.max(0, end - 152), end));
  if (quoted) return quoted[1]!.trim();
  // The words before the year, read backwards one at a time, as far as they read as a title.
  const limit = Math.max(0, end - TITLE_WINDOW);
  const title: string[] = [];
  for (let wordEnd = end; wordEnd > 0;) {
    let start = wordEnd;
    while (start > limit && !SPACE.test(text[start - 1]!)) start--;
    // The words may go on before the window: too long for a title.
    if (start === limit && limit > 0) return null;
    const word = text.slice(start, wordEnd);
    if (/[.!?;,:|–—]$/.test(word) && title.length > 0) break;
    const bare = trimEndWhere(trimStartWhere(word, notLetterOrDigit), notLetterOrDigit);
    if (bare === '') break;
    if (/^[\p{Lu}\p{N}]/u.test(bare) || /^\p{Lo}/u.test(bare)) title.push(word);
    else if (SMALL.has(bare.toLowerCase()) && title.length > 0) title.push(word);
    else break;
    if (/^[:|–—]/.test(word)) break;
    wordEnd = start;
    while (wordEnd > limit && SPACE.test(text[wordEnd - 1]!)) wordEnd--;
    if (wordEnd === limit && limit > 0) return null;
  }
  title.reverse();
  // "like the Lives of Others": a lowercase word does not start a title ("The" does).
  while (title.length > 0 && SMALL.has(title[0]!) && title[0] === title[0]!.toLowerCase())
    title.shift();
  const joined = trimEndWhere(
    trimStartWhere(title.join(' '), notLetterOrDigit),
    charIn(/[^\p{L}\p{N}!?.)]/u),
  ).replace(/^(?:review|film review|movie review)\s*[:–—-]?\s*/i, '');
  return joined.length > 0 && joined.length <= 300 ? joined : null;
}

/** The first "Title (YYYY)" in the texts, in the order given. */
export function findTitleAndYear(texts: Array<string | null>): {
  title: string;
  year: number | null;
} {
  for (const text of texts) {
    if (!text) continue;
    for (const match of text.matchAll(/\((\d{4})\)/g)) {
      const year = Number(match[1]);
      if (year < 1870 || year > 2100) continue;
      const title = titleBefore(text.slice(0, match.index));
      if (title) return { title, year };
    }
  }
  return { title: '', year: null };
}

/**
 * A title in capitals ("ESCAPE") is written as another of the texts writes it ("Escape"),
 * when one does.
 */
export function preferWrittenCase(title: string, texts: Array<string | null>): string {
  if (title !== title.toUpperCase() || title === title.toLowerCase()) return title;
  const pattern = new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  for (const text of texts) {
    const match = text ? pattern.exec(text) : null;
    if (match && match[0] !== title) return match[0];
  }
  return title;
}

export function findWorkKind(text: string): WorkKind {
  return /\b(?:series|miniseries|season \d+|seasons|episodes?|tv show|k-drama|docuseries|sitcom|showrunner)\b/i.test(
    text,
  )
    ? 'series'
    : 'film';
}

/** A slug from the work's title and year, else the headline. */
export function importSlug(title: string, year: number | null, headline: string): string {
  const base = slugify(`${title} ${year ?? ''}`) || slugify(headline) || 'imported-review';
  return trimEndChars(base.slice(0, 100), '-') || 'imported-review';
}
