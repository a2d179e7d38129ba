import type { CreditRole } from '../content/vocabulary';
import type { Mention } from './credits-mention';
import {
  AS_LINE,
  LABEL_NAMES,
  cleanCharacter,
  listItems,
  nameWords,
  type Item,
} from './credits-names';

// The reader of the article's credits list: "Actor as Character" and labelled lines ("Cast: A").

/**
 * The labels of the lines of a credits list ("Cast:", "Directed by –"), lower case. Those that
 * name a person or a credit take any name; those that name an aspect of the film
 * ("Cinematography:", "Music:") are also how a review scores it ("Cinematography: Stunning"),
 * so a one-word value after them is not taken as a person.
 */
const LABEL_WORDS: ReadonlyArray<
  readonly [role: CreditRole, people: readonly string[], aspects: readonly string[]]
> = [
  ['director', ['director', 'directors', 'directed by'], []],
  ['cast', ['cast', 'starring'], []],
  [
    'writer',
    ['writer', 'writers', 'written by', 'screenplay by', 'screenwriter', 'screenwriters'],
    ['screenplay', 'script'],
  ],
  [
    'cinematographer',
    ['cinematographer', 'cinematographers', 'director of photography', 'shot by'],
    ['cinematography', 'photography'],
  ],
  [
    'composer',
    ['composer', 'composers', 'music by', 'score by'],
    ['music', 'score', 'original score'],
  ],
  ['editor', ['editor', 'editors', 'edited by'], ['editing']],
  ['producer', ['producer', 'producers', 'produced by'], []],
];
type Label = { role: CreditRole; aspect: boolean };
const LABELS = new Map<string, Label>(
  LABEL_WORDS.flatMap(([role, people, aspects]) => [
    ...people.map((label): [string, Label] => [label, { role, aspect: false }]),
    ...aspects.map((label): [string, Label] => [label, { role, aspect: true }]),
  ]),
);
/** A label at the start of a line; longest first, so "director of photography" wins. */
const LABEL = new RegExp(
  String.raw`^(${[...LABELS.keys()]
    .sort((a, b) => b.length - a.length)
    .map((label) => label.replace(/ /g, String.raw`\s+`))
    .join('|')})\s*[:：–—]\s*`,
  'iu',
);

/** What a line of the article's credits list states: "Actor as Character", "Cast: A, B". */
export function listMentions(text: string): Mention[] {
  const listed = (item: Item, role: CreditRole): Mention => ({
    ...item,
    role,
    at: 0,
    source: null,
    afterBy: false,
  });
  const mentions: Mention[] = [];
  const as = AS_LINE.exec(text);
  if (as) mentions.push(listed({ name: as[1]!, character: cleanCharacter(as[2]!) }, 'cast'));
  const label = LABEL.exec(text);
  const labelled = label ? LABELS.get(label[1]!.toLowerCase().replace(/\s+/g, ' ')) : undefined;
  const names = label && LABEL_NAMES.exec(text.slice(label[0].length));
  if (!labelled || !names) return mentions;
  const { role, aspect } = labelled;
  for (const item of listItems(names[1]!, false)) {
    if (aspect && nameWords(item.name) < 2) continue;
    mentions.push(listed({ ...item, character: role === 'cast' ? item.character : null }, role));
  }
  return mentions;
}
