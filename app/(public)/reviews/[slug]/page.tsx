import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { ReviewArticle } from '@/components/review/review-article';
import { findRedirectedSlug, getPublishedReviewBySlug } from '@/db/queries/public-reviews';

// Rendered per request until the reader-site work moves these pages to tag-revalidated caching.
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const review = await getPublishedReviewBySlug((await params).slug);
  if (!review) return { title: 'Review not found' };
  return { title: review.headline, description: review.dek };
}

export default async function ReviewPage({ params }: Props) {
  const { slug } = await params;
  const review = await getPublishedReviewBySlug(slug);
  if (!review) {
    // A review whose slug changed keeps its old address working (308, permanent).
    const current = await findRedirectedSlug(slug);
    if (current) permanentRedirect(`/reviews/${current}`);
    notFound();
  }

  return <ReviewArticle review={review} />;
}
