import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReviewList } from '@/components/review/review-card';
import { Pagination } from '@/components/ui/pagination';
import { getGenrePage } from '@/db/queries/public-taxonomy';
import { parsePageNumber } from '@/lib/page-number';

// A genre's page: every published review in it, newest first, a page at a time
// (/genres/<slug>, /genres/<slug>/page/<n>: path segments, so every page is cached).

export const genreHref = (slug: string, page: number) =>
  page === 1 ? `/genres/${slug}` : `/genres/${slug}/page/${page}`;

async function load(slug: string, rawPage: string | undefined) {
  const page = parsePageNumber(rawPage);
  if (page === null) return null;
  const found = await getGenrePage(slug, page);
  return found ? { ...found, page } : null;
}

export async function genreMetadata(slug: string, rawPage?: string): Promise<Metadata> {
  const found = await load(slug, rawPage);
  if (!found) return { title: 'Genre not found' };
  const { genre, page } = found;
  return {
    title: page === 1 ? `${genre.name} reviews` : `${genre.name} reviews, page ${page}`,
    description: `Every review of a ${genre.name.toLowerCase()} film or series.`,
    alternates: { canonical: genreHref(genre.slug, page) },
  };
}

export async function GenreView({ slug, rawPage }: { slug: string; rawPage?: string }) {
  const found = await load(slug, rawPage);
  if (!found) notFound();
  const { genre, reviews, hasNext, page } = found;
  return (
    <>
      <p className="kicker">Genre</p>
      <h1 className="page-title">{genre.name}</h1>
      <ReviewList reviews={reviews} />
      <Pagination page={page} hasNext={hasNext} href={(n) => genreHref(genre.slug, n)} />
    </>
  );
}
