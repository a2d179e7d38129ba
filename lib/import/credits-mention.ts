import type { CreditRole } from '../content/vocabulary';
import type { Item } from './credits-names';

// What the readers of credits take and give: a text to read, and a credit as one text names it.

/** A text credits are read from: a paragraph or list item, and where it is ("line 12"). */
export type CreditText = {
  text: string;
  /** Stands alone as a line (a list item, a short paragraph): where a credits list is read. */
  line: boolean;
  /** Where the text is, for the warning about a credit guessed from it ("line 12"). */
  where?: string;
};

/** The sentence a credit was read from, and where it is. */
export type CreditSource = { sentence: string; where: string };

/** A credit as one text names it. */
export type Mention = Item & {
  role: CreditRole;
  /** Where in the text: mentions are ordered by text, then by this. */
  at: number;
  source: CreditSource | null;
  /** Right after a "… by" phrase, where one word may be a name. */
  afterBy: boolean;
};
