'use client';

import { useEffect, useRef, useState } from 'react';
import { PRESENCE_HEARTBEAT_MS } from '@/lib/content/presence';
import { postHeartbeat, sendLeave } from './save-api';

/**
 * Who else has this review open, kept current by a light heartbeat. Each heartbeat also
 * reports the newest saved version, so the editor can fetch other people's changes early.
 */
export function usePresence(
  reviewId: number | null,
  onVersion: (version: number) => void,
): { id: number; name: string }[] {
  const [editors, setEditors] = useState<{ id: number; name: string }[]>([]);
  const versionHandler = useRef(onVersion);
  useEffect(() => {
    versionHandler.current = onVersion;
  }, [onVersion]);

  useEffect(() => {
    if (reviewId === null) return;
    let stopped = false;
    const beat = async () => {
      const answer = await postHeartbeat(reviewId);
      if (stopped || !answer) return;
      setEditors(answer.editors);
      versionHandler.current(answer.version);
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') void beat();
    };
    const onLeave = () => sendLeave(reviewId);
    void beat();
    const timer = window.setInterval(() => void beat(), PRESENCE_HEARTBEAT_MS);
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('pagehide', onLeave);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('pagehide', onLeave);
      sendLeave(reviewId);
    };
  }, [reviewId]);

  return editors;
}
