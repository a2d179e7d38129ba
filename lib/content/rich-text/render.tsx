import 'server-only';
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import { richTextExtensions } from './extensions';
import { withSiteLinkRel } from './link-rel';
import { validateRichText } from './validate';

/**
 * Server-renders a stored section body. The document is validated again here, so content that
 * reached the database by any route renders only through the allowed schema; link rel is
 * decided here, not by the stored document.
 *
 * It is written as one HTML string (Tiptap's static renderer, which escapes every text and
 * attribute value), not as React elements: a page's RSC payload repeats what it renders, and an
 * element tree there costs about three times its HTML. Nothing in a section body is interactive.
 */
export function RichText({ doc }: { doc: unknown }) {
  const result = validateRichText(doc);
  if (!result.ok) {
    console.error(`Refused to render a section body: ${result.error}`);
    return <p className="rich-text-unavailable">This section is unavailable.</p>;
  }
  const html = renderToHTMLString({
    extensions: richTextExtensions,
    content: withSiteLinkRel(result.doc),
  });
  return <div className="rich-text" dangerouslySetInnerHTML={{ __html: html }} />;
}
