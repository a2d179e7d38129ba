import type { PublishedReview } from '@/db/queries/public-reviews';

/** Links to each section's anchor, in order; spoiler sections say so before anyone opens them. */
export function TableOfContents({ sections }: { sections: PublishedReview['sections'] }) {
  if (sections.length < 2) return null;
  return (
    <nav className="toc" aria-labelledby="toc-heading">
      <h2 id="toc-heading">Contents</h2>
      <ol>
        {sections.map((section) => (
          <li key={section.id}>
            <a href={`#section-${section.id}`}>{section.heading}</a>
            {section.spoiler && <span className="toc-spoiler"> (spoilers)</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
