import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { ReviewArticle } from '@/components/review/review-article';
import { ReviewJsonLd } from '@/components/review/review-json-ld';
import { findRedirectedSlug, getPublishedReviewBySlug } from '@/db/queries/public-reviews';
import { listRelatedReviews } from '@/db/queries/public-taxonomy';
import { reviewMetadata } from '@/lib/seo/review-metadata';
import { SITE_NAME } from '@/lib/site';

// Rendered on its first request and then served from the cache until a publish changes
// what readers can see (lib/cache/reader-cache.ts). No review is rendered at build time.
// A literal, as Next requires of segment config: READER_PAGE_SECONDS (a CDN's s-maxage).
export const revalidate = 300;
// No page is rendered at build time (there is no database then): each on its first request.
export async function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const review = await getPublishedReviewBySlug((await params).slug);
  if (!review) return { title: 'Review not found' };
  // Description, canonical URL, Open Graph and Twitter card; never text from a spoiler section.
  return reviewMetadata(review, SITE_NAME);
}

export default async function ReviewPage({ params }: Props) {
  const { slug } = await params;
  const review = await getPublishedReviewBySlug(slug);
  if (!review) {
    // A renamed review's old address answers 308 with the new one. The redirect is cached
    // like the page (under the reader tag, so a publish expires it); server.mjs sends its
    // Location once (lib/net/single-valued-headers.mjs).
    const current = await findRedirectedSlug(slug);
    if (current) permanentRedirect(`/reviews/${current}`);
    notFound();
  }
  const related = await listRelatedReviews(slug);
  return (
    <>
      <ReviewJsonLd review={review} />
      <ReviewArticle review={review} related={related} />
    </>
  );
}
