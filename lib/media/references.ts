// Which media-library images a review shows, for the published_media projection (written by
// db/reviews/projection.ts; the media route serves a file to anyone only when a published review
// uses it). drizzle/sqlite/0007_published_media.sql backfills the same rows in SQL with json_tree:
// tests/media/visibility.test.ts checks the two agree.

/** `/media/<id>/…`: the only image address the rich-text validator lets a section body hold. */
const MEDIA_FILE_SRC = /^\/media\/([1-9][0-9]{0,15})\//;

/** The media id a `/media/<id>/<file>` address names, or null for anything else. */
export function mediaIdFromSrc(src: unknown): number | null {
  if (typeof src !== 'string') return null;
  const match = MEDIA_FILE_SRC.exec(src);
  if (!match) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) ? id : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The ids of the images in a Tiptap/ProseMirror document (its `image` nodes' src), each once,
 * in document order. Walks without recursion, like the validator, whatever the depth.
 */
export function mediaIdsInRichText(doc: unknown): number[] {
  const ids = new Set<number>();
  const stack: unknown[] = [doc];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isRecord(node)) continue;
    if (node.type === 'image' && isRecord(node.attrs)) {
      const id = mediaIdFromSrc(node.attrs.src);
      if (id !== null) ids.add(id);
    }
    if (Array.isArray(node.content)) {
      for (let index = node.content.length - 1; index >= 0; index--) {
        stack.push(node.content[index]);
      }
    }
  }
  return [...ids];
}

/** Every media id a review shows: its poster, then the images of all its sections. */
export function mediaIdsInReview(content: {
  posterMediaId: number | null;
  sections: ReadonlyArray<{ body: unknown }>;
}): number[] {
  const ids = new Set<number>();
  if (content.posterMediaId !== null) ids.add(content.posterMediaId);
  for (const section of content.sections) {
    for (const id of mediaIdsInRichText(section.body)) ids.add(id);
  }
  return [...ids];
}
