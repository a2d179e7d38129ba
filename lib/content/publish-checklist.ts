import type { JSONContent } from '@tiptap/core';
import type { ReviewContent } from './review-content';
import { sectionLabel } from './section-label';

/** True when a body holds no text, image or rule: an editor's empty section. */
export function isEmptyBody(body: JSONContent): boolean {
  const stack: JSONContent[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text' && node.text?.trim()) return false;
    if (node.type === 'image' || node.type === 'horizontalRule') return false;
    stack.push(...(node.content ?? []));
  }
  return true;
}

/**
 * The sections a reader gets: an empty section (a template heading nothing was written under)
 * is not published, so it is not on the page, in Contents, the feed or search, nor in the
 * preview of the page.
 */
export function publishedSections<T extends { body: JSONContent }>(sections: readonly T[]): T[] {
  return sections.filter((section) => !isEmptyBody(section.body));
}

/** Images (in any section body) whose alt text is missing. */
function imagesWithoutAlt(body: JSONContent): number {
  let missing = 0;
  const stack: JSONContent[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'image' && !String(node.attrs?.alt ?? '').trim()) missing++;
    stack.push(...(node.content ?? []));
  }
  return missing;
}

/**
 * What a review still needs before it can be published, in words an editor can act on.
 * An empty list means it is ready.
 */
export function publishChecklist(content: ReviewContent): string[] {
  const missing: string[] = [];
  if (!content.headline.trim()) missing.push('Add a headline.');
  if (!content.work.title.trim()) missing.push('Add the title of the work.');
  if (content.work.year === null) missing.push('Add the year of the work.');
  if (
    content.sections.length === 0 ||
    content.sections.every((section) => isEmptyBody(section.body))
  ) {
    missing.push('Write at least one section.');
  }
  for (const section of content.sections) {
    const count = imagesWithoutAlt(section.body);
    if (count > 0)
      missing.push(
        `Add alt text to ${count === 1 ? 'the image' : `${count} images`} in “${sectionLabel(section)}”.`,
      );
  }
  return missing;
}
