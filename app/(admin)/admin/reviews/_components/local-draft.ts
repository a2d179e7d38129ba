import { deepEqual } from '@/lib/content/deep-equal';
import type { ReviewContent } from '@/lib/content/review-content';

// Unsent edits kept in this browser (localStorage survives a browser restart), so a save that
// could not reach the server loses nothing: the editor offers them back when the review is
// opened again. A draft is removed only once the server has acknowledged that exact text.
// Drafts are kept per staff member and removed at sign-out: on a shared computer the next
// person is never offered the previous person's text.

export type LocalDraft = {
  /** The version the edits were based on, so restoring them merges with later saves. */
  baseVersion: number;
  baseContent: ReviewContent;
  content: ReviewContent;
  /** When it was last written, in ms since the epoch. */
  savedAt: number;
};

const PREFIX = 'review-draft:';
const key = (userId: number, reviewId: number | null) => `${PREFIX}${userId}:${reviewId ?? 'new'}`;

export function readLocalDraft(userId: number, reviewId: number | null): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(key(userId, reviewId));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Partial<LocalDraft>;
    if (typeof draft.baseVersion !== 'number' || !draft.content || !draft.baseContent) return null;
    return draft as LocalDraft;
  } catch {
    return null;
  }
}

/** Edits kept on this device from an earlier visit that the server does not have. */
export function unsentLocalDraft(
  userId: number,
  reviewId: number | null,
  serverContent: ReviewContent,
): LocalDraft | null {
  const draft = readLocalDraft(userId, reviewId);
  if (!draft || deepEqual(draft.content, serverContent)) return null;
  return draft;
}

/** Keeps the draft; false when the browser refused (storage full or disabled). */
export function writeLocalDraft(
  userId: number,
  reviewId: number | null,
  draft: LocalDraft,
): boolean {
  try {
    window.localStorage.setItem(key(userId, reviewId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function removeLocalDraft(userId: number, reviewId: number | null): void {
  try {
    window.localStorage.removeItem(key(userId, reviewId));
  } catch {
    // Storage disabled: there is nothing to remove.
  }
}

/**
 * At sign-out: removes this person's drafts, and any kept before drafts had an owner
 * ("review-draft:<review>"), which cannot be told apart from someone else's.
 */
export function removeLocalDraftsOf(userId: number): void {
  try {
    const storage = window.localStorage;
    const doomed: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const name = storage.key(i);
      if (!name?.startsWith(PREFIX)) continue;
      const owner = name.slice(PREFIX.length).split(':');
      if (owner.length === 1 || owner[0] === String(userId)) doomed.push(name);
    }
    for (const name of doomed) storage.removeItem(name);
  } catch {
    // Storage disabled: nothing was kept.
  }
}
