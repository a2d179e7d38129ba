import type { ReviewContent } from '@/lib/content/review-content';

// Unsent edits kept in this browser (localStorage survives a browser restart), so a save that
// could not reach the server loses nothing: the editor offers them back when the review is
// opened again. A draft is removed only once the server has acknowledged that exact text.

export type LocalDraft = {
  /** The version the edits were based on, so restoring them merges with later saves. */
  baseVersion: number;
  baseContent: ReviewContent;
  content: ReviewContent;
  /** When it was last written, in ms since the epoch. */
  savedAt: number;
};

const key = (reviewId: number | null) => `review-draft:${reviewId ?? 'new'}`;

export function readLocalDraft(reviewId: number | null): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(key(reviewId));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Partial<LocalDraft>;
    if (typeof draft.baseVersion !== 'number' || !draft.content || !draft.baseContent) return null;
    return draft as LocalDraft;
  } catch {
    return null;
  }
}

/** Keeps the draft; false when the browser refused (storage full or disabled). */
export function writeLocalDraft(reviewId: number | null, draft: LocalDraft): boolean {
  try {
    window.localStorage.setItem(key(reviewId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function removeLocalDraft(reviewId: number | null): void {
  try {
    window.localStorage.removeItem(key(reviewId));
  } catch {
    // Storage disabled: there is nothing to remove.
  }
}
