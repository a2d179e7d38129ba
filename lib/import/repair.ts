import { repairLostBytes } from './repair-lost';
import { CP1252, GREEK, decodeRuns } from './repair-mojibake';
import { REASONS, type Note } from './repair-notes';
import type { ImportWarning } from './types';

// Repairs text that went through a wrong code page ("mojibake"), one line at a time, and says
// what it changed. Three accidents are undone:
//
// - UTF-8 read as Windows-1252 (or Latin-1): "â€™" → "’", "Ã©" → "é", "Ð¶" → "ж", "ðŸŽ¬" → "🎬",
//   and the same encoded twice ("Ã¢â‚¬â„¢" → "’").
// - UTF-8 read as Greek ISO-8859-7: "Ξ±" → "α", "Γ©" → "é", "ZΓΌrich" → "Zürich".
// - Either with bytes lost (the C1 bytes 0x80–0x9F dropped, as in the sample article): the
//   lost bytes cannot be recovered, so the most plausible character is read from context
//   ("Gyu-namβs" → "Gyu-nam’s", "the artistsâ flat" → "the artists’ flat"), or "�" is shown.
//
// The steps: repair-mojibake.ts decodes runs that spell UTF-8 in a code page and read as
// plausible text (repair-chars.ts says what is plausible); repair-lost.ts reads the fragments
// that lost bytes leave; repair-notes.ts keeps the notes that become the warnings. Clean text
// (Greek, Cyrillic, Korean, Chinese, accented Latin, curly quotes) passes through unchanged.

export type RepairResult = {
  text: string;
  warnings: ImportWarning[];
  /** 1-based numbers of the lines that lost an emoji at their start (a heading's decoration). */
  decoratedLines: Set<number>;
};

function describe(note: Note, count: number): string {
  const times = count > 1 ? `, ${count} times` : '';
  if (note.reason === 'suspect') return `Check: “${note.before}” (${REASONS.suspect}${times})`;
  const verb = note.reason === 'emoji-lost' ? 'Dropped' : 'Repaired';
  return `${verb}: “${note.before}” → “${note.after}” (${REASONS[note.reason]}${times})`;
}

const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * How many characters of lines beyond ASCII are checked for broken encodings. Weighing every
 * reading of a run costs up to 16 µs a character on this project's machines, so a hostile 2 MB of
 * "â" would take seconds; a review (10–30 KB, most of it ASCII) is below this, and lines past it are left as
 * they are, with a warning.
 */
export const REPAIR_BUDGET_CHARS = 30_000;

/** Repairs one line; returns it with what was changed. */
export function repairLine(line: string): { text: string; notes: Note[]; decorated: boolean } {
  // Every repair needs a character beyond ASCII, so an ASCII line is clean as it is. Skipping it
  // matters: 500,000 short lines (a <pre> of spaces and line breaks) must take well under a second.
  if (!NON_ASCII.test(line)) return { text: line, notes: [], decorated: false };
  const notes: Note[] = [];
  const chars = [...line];
  const latin = decodeRuns(chars, new Uint8Array(chars.length), CP1252, notes);
  const greek = decodeRuns(latin.chars, latin.mask, GREEK, notes);
  const read = repairLostBytes(greek, { 1: latin, 2: greek }, notes);
  const decoded = latin.decodedRuns + greek.decodedRuns > 0;
  const text = read ? read.text : decoded ? greek.chars.join('') : line;
  // A byte order mark decoded from the middle of a file carries nothing.
  const clean = text.includes('\uFEFF') ? text.replace(/\uFEFF/g, '') : text;
  return { text: clean, notes, decorated: read?.decorated ?? false };
}

/**
 * Repairs every line of a text, leaving clean lines exactly as they are. Warnings name each
 * change (grouped when the same change repeats on a line) and its line.
 */
export function repairText(input: string): RepairResult {
  const lines = input.split('\n');
  const warnings: ImportWarning[] = [];
  const decoratedLines = new Set<number>();
  let budget = REPAIR_BUDGET_CHARS;
  let unchecked = 0;
  const repaired = lines.map((line, index) => {
    const number = index + 1;
    if (line.length > budget && NON_ASCII.test(line)) {
      unchecked++;
      return line;
    }
    if (NON_ASCII.test(line)) budget -= line.length;
    const { text, notes, decorated } = repairLine(line);
    if (decorated) decoratedLines.add(number);
    const grouped = new Map<string, { note: Note; count: number }>();
    // Grouped by what changed: a line of a million repairs has a few kinds of them.
    for (const note of notes) {
      const key = `${note.reason}\u0000${note.before}\u0000${note.after}`;
      const entry = grouped.get(key);
      if (entry) entry.count++;
      else grouped.set(key, { note, count: 1 });
    }
    for (const { note, count } of grouped.values())
      warnings.push({ what: describe(note, count), where: `line ${number}` });
    // A "�" of the input that no repair explained ("Γ�" is "î" in ISO-8859-7).
    if (line.includes('\uFFFD') && text.includes('\uFFFD')) {
      warnings.push({
        what: 'A character was already lost before the import (shown as “�”): check the original.',
        where: `line ${number}`,
      });
    }
    return text;
  });
  if (unchecked > 0)
    warnings.push({
      what: `${unchecked.toLocaleString('en')} ${unchecked === 1 ? 'line was' : 'lines were'} not checked for broken characters: the importer checks the first ${REPAIR_BUDGET_CHARS.toLocaleString('en')} characters of text beyond ASCII. Check them in the editor.`,
      where: 'the whole article',
    });
  return { text: repaired.join('\n'), warnings, decoratedLines };
}
