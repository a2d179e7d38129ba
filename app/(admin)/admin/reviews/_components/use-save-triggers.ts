'use client';

import { useEffect } from 'react';
import type { ReviewContent } from '@/lib/content/review-content';
import { AUTOSAVE_DELAY_MS, type SaverState } from './review-saver-state';
import type { SaveKind } from './save-api';

type Save = (kind: SaveKind, options?: { keepalive?: boolean }) => Promise<boolean>;

type Triggers = {
  enabled: boolean;
  content: ReviewContent;
  dirty: boolean;
  conflict: SaverState['conflict'];
  retry: SaverState['retry'];
  save: Save;
};

/**
 * When the review editor saves without being asked: a moment after typing stops, when a
 * failed save's retry is due, when the page is hidden and when the network comes back.
 */
export function useSaveTriggers({ enabled, content, dirty, conflict, retry, save }: Triggers) {
  // Autosave a moment after typing stops; a conflict waits for a person's decision.
  useEffect(() => {
    if (!enabled || !dirty || conflict) return;
    const timer = window.setTimeout(() => void save('autosave'), AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [content, dirty, conflict, enabled, save]);

  // A failed save is retried after the delay the state names (it grows with each failure);
  // any save started meanwhile clears `retry`, which cancels the timer.
  useEffect(() => {
    if (!enabled || !retry) return;
    const timer = window.setTimeout(() => void save('autosave'), retry.delayMs);
    return () => window.clearTimeout(timer);
  }, [enabled, retry, save]);

  // Save at once when the page is hidden (tab switched, window closed) and when the network
  // comes back; `keepalive` lets the request finish after the page is gone.
  useEffect(() => {
    if (!enabled) return;
    const flush = () => {
      if (document.visibilityState === 'hidden') void save('autosave', { keepalive: true });
    };
    const online = () => void save('autosave');
    document.addEventListener('visibilitychange', flush);
    window.addEventListener('pagehide', flush);
    window.addEventListener('online', online);
    return () => {
      document.removeEventListener('visibilitychange', flush);
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('online', online);
    };
  }, [enabled, save]);
}
