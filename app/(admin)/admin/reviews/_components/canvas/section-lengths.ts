import type { CanvasSection } from '@/lib/content/canvas/document';
import { isEmptyBody } from '@/lib/content/publish-checklist';
import { countBodyWords } from '@/lib/content/word-count';

// Each section's word count, and whether it is empty (not published), shown beside its heading. The headings are node
// views rendered by the editor, not children of the canvas, so they read their count from this
// store by id: a keystroke re-renders only the heading whose count changed.

export type SectionLengths = {
  subscribe: (listener: () => void) => () => void;
  words: (id: string) => number;
  empty: (id: string) => boolean;
  update: (sections: readonly CanvasSection[]) => void;
};

export function createSectionLengths(): SectionLengths {
  let counts = new Map<string, number>();
  let empties = new Set<string>();
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    words: (id) => counts.get(id) ?? 0,
    empty: (id) => empties.has(id),
    update(sections) {
      // countBodyWords caches per body object, and unchanged sections keep theirs.
      counts = new Map(sections.map((section) => [section.id, countBodyWords(section.body)]));
      empties = new Set(sections.filter((s) => isEmptyBody(s.body)).map((s) => s.id));
      for (const listener of listeners) listener();
    },
  };
}
