import 'server-only';
import { renderToReactElement } from '@tiptap/static-renderer/pm/react';
import { richTextExtensions } from './extensions';
import { withSiteLinkRel } from './link-rel';
import { validateRichText } from './validate';

/**
 * Server-renders a stored section body. The document is validated again here, so content that
 * reached the database by any route renders only through the allowed schema; link rel is
 * decided here, not by the stored document.
 */
export function RichText({ doc }: { doc: unknown }) {
  const result = validateRichText(doc);
  if (!result.ok) {
    console.error(`Refused to render a section body: ${result.error}`);
    return <p className="rich-text-unavailable">This section is unavailable.</p>;
  }
  return (
    <div className="rich-text">
      {renderToReactElement({
        extensions: richTextExtensions,
        content: withSiteLinkRel(result.doc),
      })}
    </div>
  );
}
