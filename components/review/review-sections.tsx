import type { PublishedReview } from '@/db/queries/public-reviews';
import { RichText } from '@/lib/content/rich-text/render';

/**
 * Sections of a review in order (the article renders the opening one, then the others). A
 * spoiler section stays collapsed behind a native details/summary control, which works
 * without JavaScript.
 */
export function ReviewSections({
  sections,
  className,
}: {
  sections: PublishedReview['sections'];
  className?: string;
}) {
  return (
    <div className={className ? `review-body ${className}` : 'review-body'}>
      {sections.map((section) => (
        <section
          key={section.id}
          id={`section-${section.id}`}
          className="review-section"
          aria-labelledby={`heading-${section.id}`}
        >
          <h2 id={`heading-${section.id}`}>{section.heading}</h2>
          {section.spoiler ? (
            <details className="spoiler">
              <summary>Show spoilers</summary>
              <RichText doc={section.body} />
            </details>
          ) : (
            <RichText doc={section.body} />
          )}
        </section>
      ))}
    </div>
  );
}
