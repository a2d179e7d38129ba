import { buildReviewJsonLd, serializeJsonLd, type JsonLdReview } from '@/lib/seo/review-json-ld';
import { SITE_NAME, siteUrl } from '@/lib/site';

/**
 * The review's schema.org data for search engines. The JSON is escaped for a script element
 * (lib/seo/review-json-ld.ts), so no text an editor typed can close it.
 */
export function ReviewJsonLd({ review }: { review: JsonLdReview }) {
  const json = serializeJsonLd(buildReviewJsonLd(review, { url: siteUrl(), name: SITE_NAME }));
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}
