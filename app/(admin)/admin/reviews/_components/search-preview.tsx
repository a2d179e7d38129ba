'use client';

import type { ReviewContent } from '@/lib/content/review-content';
import { truncateText } from '@/lib/seo/text';

/** Where the published review will live, for the previews' address lines. */
export type EditorSite = { name: string; url: string };

/** About what a search result shows of a title before it cuts it. */
const SEARCH_TITLE_LENGTH = 60;

/**
 * The review as a search result and as a social card would show it, from the same headline,
 * description (the dek, or the first paragraph that is not a spoiler: reviewDescription) and
 * poster the page's metadata uses (lib/seo/review-metadata.ts).
 */
export function SearchPreview({
  content,
  description,
  site,
}: {
  content: Pick<ReviewContent, 'headline' | 'slug' | 'posterMediaId'>;
  /** The page's meta description: reviewDescription of the content. */
  description: string;
  site: EditorSite;
}) {
  const title = content.headline.trim() || 'Untitled review';
  const address = `${site.url}/reviews/${content.slug}`;
  const host = new URL(site.url).host;
  return (
    <div className="search-preview">
      <figure className="search-result" aria-label="As a search result">
        <figcaption className="field-hint">Search result</figcaption>
        <p className="search-result-site">
          {site.name} <span className="search-result-url">{address}</span>
        </p>
        <p className="search-result-title">{truncateText(title, SEARCH_TITLE_LENGTH)}</p>
        <p className="search-result-description">
          {description || 'No description yet: write a dek or a first paragraph.'}
        </p>
      </figure>
      <figure className="social-card" aria-label="As a social card">
        <figcaption className="field-hint">Social card</figcaption>
        {content.posterMediaId === null ? (
          <div className="social-card-image social-card-no-image">No poster: no image</div>
        ) : (
          // eslint-disable-next-line @next/next/no-img-element -- a fixed-size variant file
          <img
            className="social-card-image"
            src={`/media/${content.posterMediaId}/640.webp`}
            alt=""
          />
        )}
        <p className="social-card-host">{host}</p>
        <p className="social-card-title">{title}</p>
        {description && <p className="social-card-description">{description}</p>}
      </figure>
    </div>
  );
}
