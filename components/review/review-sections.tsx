import type { PublishedReview } from '@/lib/content/published-review';
import { RichText } from '@/lib/content/rich-text/render';

export type AnchoredSection = PublishedReview['sections'][number] & { anchor: string };

/**
 * Sections of a review in order (the article renders the opening one, then the others), each
 * under its anchor (lib/content/section-anchors.ts). A spoiler section stays collapsed behind a
 * native details/summary control, which works without JavaScript. A section with no heading
 * (only ever the first: the review's opening) is shown as running text, with no heading the
 * author never wrote.
 */
export function ReviewSections({
  sections,
  className,
}: {
  sections: AnchoredSection[];
  className?: string;
}) {
  return (
    <div className={className ? `review-body ${className}` : 'review-body'}>
      {sections.map((section) => {
        const body = section.spoiler ? (
          <details className="spoiler">
            <summary>Show spoilers</summary>
            <RichText doc={section.body} />
          </details>
        ) : (
          <RichText doc={section.body} />
        );
        if (section.heading === '')
          return (
            <div key={section.anchor} id={section.anchor} className="review-section">
              {body}
            </div>
          );
        return (
          <section
            key={section.anchor}
            id={section.anchor}
            className="review-section"
            aria-labelledby={`${section.anchor}-title`}
          >
            <h2 id={`${section.anchor}-title`}>{section.heading}</h2>
            {body}
          </section>
        );
      })}
    </div>
  );
}
