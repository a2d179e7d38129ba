import type { WorkKind } from '@/lib/content/vocabulary';

/** "Escape (2024) · Film" */
export function workLabel(work: {
  workTitle: string;
  year: number | null;
  kind: WorkKind;
}): string {
  const title = work.year ? `${work.workTitle} (${work.year})` : work.workTitle;
  return `${title} · ${work.kind === 'film' ? 'Film' : 'Series'}`;
}
