import type { JSONContent } from '@tiptap/core';

// A link's rel is the site's decision, never the stored document's: a writer could otherwise
// store rel="" (or "opener") and have readers' browsers keep window.opener and send the
// referrer to any site. The renderer sets it on every link from the href alone.

/** External links: no window.opener, no referrer, no endorsement for search engines. */
export const EXTERNAL_LINK_REL = 'noopener noreferrer nofollow';
/** The site's own pages (relative links). */
export const INTERNAL_LINK_REL = 'noopener';

export function relFor(href: unknown): string {
  return typeof href === 'string' && href.startsWith('/') && !href.startsWith('//')
    ? INTERNAL_LINK_REL
    : EXTERNAL_LINK_REL;
}

/** The document with every link mark's rel decided by relFor (a copy; the input is unchanged). */
export function withSiteLinkRel(doc: JSONContent): JSONContent {
  const marks = doc.marks?.map((mark) =>
    mark.type === 'link'
      ? { ...mark, attrs: { ...mark.attrs, rel: relFor(mark.attrs?.href) } }
      : mark,
  );
  const content = doc.content?.map(withSiteLinkRel);
  return {
    ...doc,
    ...(marks ? { marks } : {}),
    ...(content ? { content } : {}),
  };
}
