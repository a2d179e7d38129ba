import type { Metadata } from 'next';
import type { JsonLdReview } from './review-json-ld';
import { reviewDescription } from './excerpt';
import { posterImage } from './poster';

// The review page's metadata: title, description, canonical URL, Open Graph and Twitter card.
// URLs are relative: the root layout sets metadataBase from SITE_URL at run time.
//
// The shared image is the poster when there is one. Without a poster the `images` keys are
// left out entirely, so Next.js uses the generated image (opengraph-image.tsx beside the page);
// a key present even as `undefined` would switch the generated one off. Twitter falls back to
// og:image when a card has no twitter:image, and to og:description always.

export function reviewMetadata(review: JsonLdReview, siteName: string): Metadata {
  const path = `/reviews/${review.slug}`;
  const description = reviewDescription(review);
  const poster = review.poster ? posterImage(review.poster) : null;
  const image = poster && { ...poster, alt: `Poster for ${review.workTitle}` };

  return {
    title: review.headline,
    description,
    alternates: { canonical: path },
    openGraph: {
      type: 'article',
      url: path,
      siteName,
      title: review.headline,
      description,
      publishedTime: review.publishedAt,
      modifiedTime: review.updatedAt,
      ...(review.authorName ? { authors: [review.authorName] } : {}),
      ...(image ? { images: [image] } : {}),
    },
    twitter: {
      card: 'summary_large_image',
      title: review.headline,
      // No twitter:description: cards fall back to og:description, and every page would carry
      // the same text a third time.
      ...(image ? { images: [{ url: image.url, alt: image.alt }] } : {}),
    },
  };
}
