'use client';

import { useEffect } from 'react';
import type { ReviewContent } from '@/lib/content/review-content';
import { removeLocalDraft, writeLocalDraft } from './local-draft';
import type { SaverState } from './review-saver-state';

type DeviceCopy = {
  enabled: boolean;
  userId: number;
  content: ReviewContent;
  dirty: boolean;
  /** The saver's newest state, read when the copy is written (a save may have landed since). */
  saver: () => Pick<SaverState, 'base' | 'reviewId'>;
};

/** Every unsent change is kept on this device until the server has it. */
export function useDeviceCopy({ enabled, userId, content, dirty, saver }: DeviceCopy) {
  useEffect(() => {
    if (!enabled) return;
    const timer = window.setTimeout(() => {
      const { base, reviewId } = saver();
      if (!dirty) return removeLocalDraft(userId, reviewId);
      writeLocalDraft(userId, reviewId, {
        baseVersion: base.version,
        baseContent: base.content,
        content,
        savedAt: Date.now(),
      });
    }, 250);
    return () => window.clearTimeout(timer);
  }, [content, dirty, enabled, userId, saver]);
}
