import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReviewList } from '@/components/review/review-card';
import { Pagination } from '@/components/ui/pagination';
import { listPublishedReviews } from '@/db/queries/public-reviews';
import { parsePageNumber } from '@/lib/page-number';

// The latest reviews, a page at a time. `/` is this page's first page (a rewrite in
// next.config.ts), so the home page is cached like any other reader page and is never
// rendered at build time, when there is no database to read.

// A literal, as Next requires of segment config: READER_PAGE_SECONDS (a CDN's s-maxage).
export const revalidate = 300;
// No page is rendered at build time (there is no database then): each on its first request.
export async function generateStaticParams() {
  return [];
}

const PAGE_SIZE = 12;
const pageHref = (n: number) => (n === 1 ? '/' : `/page/${n}`);

type Props = { params: Promise<{ n: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = parsePageNumber((await params).n) ?? 1;
  // The first page keeps the site's own title.
  return {
    ...(page > 1 ? { title: `Latest reviews, page ${page}` } : {}),
    alternates: { canonical: pageHref(page) },
  };
}

export default async function LatestReviewsPage({ params }: Props) {
  const page = parsePageNumber((await params).n);
  if (page === null) notFound();
  const { reviews, hasNext } = await listPublishedReviews({
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  if (page > 1 && reviews.length === 0) notFound();
  return (
    <>
      <h1 className="page-title">
        {page === 1 ? 'Latest reviews' : `Latest reviews, page ${page}`}
      </h1>
      {reviews.length === 0 ? (
        <p>No reviews have been published yet.</p>
      ) : (
        <ReviewList reviews={reviews} />
      )}
      <Pagination page={page} hasNext={hasNext} href={pageHref} />
    </>
  );
}
