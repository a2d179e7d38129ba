import type { AnchoredSection } from './review-sections';

/**
 * Links to each section's anchor, in order; spoiler sections say so before anyone opens them.
 * The opening (a section with no heading) has no entry: there is no heading to name it by.
 */
export function TableOfContents({ sections }: { sections: AnchoredSection[] }) {
  const headed = sections.filter((section) => section.heading !== '');
  if (headed.length < 2) return null;
  return (
    <nav className="toc" aria-labelledby="toc-heading">
      <h2 id="toc-heading">Contents</h2>
      <ol>
        {headed.map((section) => (
          <li key={section.anchor}>
            <a href={`#${section.anchor}`}>{section.heading}</a>
            {section.spoiler && <span className="toc-spoiler"> (spoilers)</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
