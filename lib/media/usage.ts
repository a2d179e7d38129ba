import type { ActionResult } from '../action-result';
import type { ReviewStatus } from '../content/vocabulary';
import { REVIEW_STATUS_LABELS } from '../content/vocabulary';

// Where an image is used, as the media library shows it and as a refused delete explains it.
// Found by db/media/manage.ts (findMediaUses); shaped and worded here, free of the database.

/** Where in one version of a review the image appears. */
export type MediaUsePlace = 'poster' | 'text';

export type MediaUse = {
  reviewId: number;
  /** The working copy's headline, or its slug while it has none. */
  label: string;
  status: ReviewStatus;
  /** Where the working copy (the review's newest revision) shows the image. */
  workingCopy: MediaUsePlace[];
  /** Where the version readers see shows it; empty when none does. */
  published: MediaUsePlace[];
};

/** The uses one person is shown: those in reviews they may open, and how many others. */
export type VisibleUses = { uses: MediaUse[]; hidden: number };

/** What the delete control gets back: a refusal because of its uses carries them, to link to. */
export type DeleteMediaResult = ActionResult<object, VisibleUses>;

/** How many names a refusal message spells out; the rest are counted (the page lists all). */
const NAMED_IN_MESSAGE = 5;

const quoted = (use: MediaUse) => `“${use.label}” (${REVIEW_STATUS_LABELS[use.status]})`;

const reviews = (count: number) =>
  count === 1 ? '1 review' : `${count.toLocaleString('en')} reviews`;

/** "A", "A and B", "A, B and C". */
function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Why an image cannot be deleted, naming the reviews that use it:
 * "This image is used by “Escape (2024)” (Draft). Remove it from that review first, then delete it."
 */
export function inUseMessage({ uses, hidden }: VisibleUses): string {
  const total = uses.length + hidden;
  const named = uses.slice(0, NAMED_IN_MESSAGE).map(quoted);
  const unnamed = uses.length - named.length;
  if (unnamed > 0)
    named.push(unnamed === 1 ? '1 more review' : `${unnamed.toLocaleString('en')} more reviews`);
  if (hidden > 0) {
    named.push(
      `${hidden === 1 ? 'a review' : reviews(hidden)} you cannot open (an editor can remove it there)`,
    );
  }
  const them = total === 1 ? 'that review' : 'those reviews';
  return `This image is used by ${list(named)}. Remove it from ${them} first, then delete it.`;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const PLACE_WORDS: Record<MediaUsePlace, string> = { poster: 'the poster', text: 'in the text' };

/**
 * Where one review uses the image, in words: "As the poster and in the text; readers see it",
 * or, when only the published version still has it, what to do about that.
 */
export function describeUse(use: MediaUse): string {
  const parts: string[] = [];
  if (use.workingCopy.length > 0) {
    const where = list(use.workingCopy.map((place) => PLACE_WORDS[place]));
    parts.push(use.workingCopy[0] === 'poster' ? `As ${where}` : capitalized(where));
    if (use.published.length > 0) parts.push('published, so readers see it');
  } else if (use.published.length > 0) {
    const where = list(use.published.map((place) => PLACE_WORDS[place]));
    parts.push(
      `Only in the published version (${where}): publish the current version, or unpublish the review, to stop using it`,
    );
  }
  return parts.join('; ');
}
