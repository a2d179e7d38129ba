import type { CreditRole } from '../content/vocabulary';
import type { CreditText, Mention } from './credits-mention';
import {
  CAST_ITEM,
  NAME,
  NAMES,
  PLAYED_BY,
  cleanCharacter,
  list,
  listItems,
} from './credits-names';

// The reader of prose: role phrases ("directed by X", "starring A as B"), each with its sentence.

/** A keyword in either case at the start of a sentence: "directed" or "Directed". */
const kw = (words: string) =>
  words
    .split(' ')
    .map((word) => `[${word[0]!.toUpperCase()}${word[0]!.toLowerCase()}]${word.slice(1)}`)
    .join(String.raw`\s+`);

const any = (...alternatives: string[]) => `(?:${alternatives.join('|')})`;

/** Patterns that name people with a role, the names in group 1. */
const ROLE_PATTERNS: ReadonlyArray<{
  role: CreditRole;
  hint: RegExp;
  pattern: RegExp;
  /**
   * A "… by" phrase: the full name as credited follows, so its first name may be one word.
   * After a job title ("Director Bong") a surname alone is as likely, and is not taken.
   */
  by: boolean;
}> = [
  {
    role: 'director',
    hint: /directed|helmed/i,
    pattern: new RegExp(String.raw`\b${any(kw('directed'), kw('helmed'))}\s+by\s+(${NAMES})`, 'gu'),
    by: true,
  },
  {
    role: 'director',
    hint: /director|filmmaker/i,
    pattern: new RegExp(String.raw`\b${any(kw('director'), kw('filmmaker'))},?\s+(${NAME})`, 'gu'),
    by: false,
  },
  {
    role: 'writer',
    hint: /written|penned|scripted|screenplay|script/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('written'), kw('penned'), kw('scripted'), `${any(kw('screenplay'), kw('script'))}\s+(?:is\s+)?`)}\s*by\s+(${NAMES})`,
      'gu',
    ),
    by: true,
  },
  {
    role: 'writer',
    hint: /writer/i,
    pattern: new RegExp(String.raw`\b${any(kw('screenwriter'), kw('writer'))},?\s+(${NAME})`, 'gu'),
    by: false,
  },
  {
    role: 'cast',
    hint: /star/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('starring'), kw('stars'), kw('co-starring'), kw('co-stars'))}\s+(${list(CAST_ITEM)})`,
      'gu',
    ),
    by: false,
  },
  {
    role: 'cinematographer',
    hint: /cinematography|photography|camerawork/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('cinematography'), kw('photography'), kw('camerawork'))}\s+(?:is\s+|was\s+)?by\s+(${NAMES})`,
      'gu',
    ),
    by: true,
  },
  {
    role: 'cinematographer',
    hint: /shot|lensed|photographed/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('shot'), kw('lensed'), kw('photographed'))}\s+by\s+(${NAMES})`,
      'gu',
    ),
    by: true,
  },
  {
    role: 'cinematographer',
    hint: /cinematographer|director of photography/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('cinematographers?'), kw('director of photography'))},?\s+(${NAMES})`,
      'gu',
    ),
    by: false,
  },
  {
    role: 'composer',
    hint: /score|music|soundtrack/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('score'), kw('music'), kw('soundtrack'))}\s+(?:is\s+|was\s+)?(?:composed\s+)?by\s+(${NAMES})`,
      'gu',
    ),
    by: true,
  },
  {
    role: 'composer',
    hint: /scored|composed/i,
    pattern: new RegExp(String.raw`\b${any(kw('scored'), kw('composed'))}\s+by\s+(${NAMES})`, 'gu'),
    by: true,
  },
  {
    role: 'composer',
    hint: /composer/i,
    pattern: new RegExp(String.raw`\b${kw('composers?')},?\s+(${NAMES})`, 'gu'),
    by: false,
  },
];

/**
 * How much of a sentence is quoted either side of a credit, in characters. Bounded, so a
 * paragraph of 200 KB with a credit in every line costs the same per credit as a short one.
 */
const SENTENCE_REACH = 200;
const SENTENCE_END = /[.!?]["”’)]?(?:\s|$)/u;
const SENTENCE_ENDS = /[.!?]["”’)]?\s/gu;

/** The sentence around text[start, end), cut ("…") where it goes on past SENTENCE_REACH. */
function sentenceAround(text: string, start: number, end: number): string {
  const from = Math.max(0, start - SENTENCE_REACH);
  let begin = -1;
  for (const match of text.slice(from, start).matchAll(SENTENCE_ENDS))
    begin = from + match.index + match[0].length;
  const after = text.slice(end, end + SENTENCE_REACH);
  const stop = SENTENCE_END.exec(after);
  const head = begin === -1 ? (from > 0 ? '…' : '') : '';
  const body = text.slice(
    begin === -1 ? from : begin,
    stop ? end + stop.index + 1 : end + after.length,
  );
  const tail = !stop && end + after.length < text.length ? '…' : '';
  return `${head}${body.replace(/\s+/g, ' ').trim()}${tail}`;
}

/** What a text's sentences say, each credit with the sentence it was read from. */
export function proseMentions({ text, where = 'the article' }: CreditText): Mention[] {
  const mentions: Mention[] = [];
  const sourceOf = (match: RegExpExecArray) => ({
    sentence: sentenceAround(text, match.index, match.index + match[0].length),
    where,
  });
  if (/played|portrayed/i.test(text)) {
    for (const match of text.matchAll(PLAYED_BY))
      mentions.push({
        name: match[2]!,
        character: cleanCharacter(match[1]!),
        role: 'cast',
        at: match.index,
        source: sourceOf(match),
        afterBy: true,
      });
  }
  // Each pattern only where its keyword appears at all: most paragraphs name no one.
  for (const { role, hint, pattern, by } of ROLE_PATTERNS) {
    if (!hint.test(text)) continue;
    for (const match of text.matchAll(pattern)) {
      const source = sourceOf(match);
      listItems(match[1]!, true).forEach((item, i) =>
        mentions.push({ ...item, role, at: match.index, source, afterBy: by && i === 0 }),
      );
    }
  }
  return mentions;
}
