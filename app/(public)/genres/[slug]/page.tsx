import { genreMetadata, GenreView } from '../_components/genre-view';

// A literal, as Next requires of segment config: READER_PAGE_SECONDS (a CDN's s-maxage).
export const revalidate = 300;
// No page is rendered at build time (there is no database then): each on its first request.
export async function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props) {
  return genreMetadata((await params).slug);
}

export default async function GenrePage({ params }: Props) {
  return <GenreView slug={(await params).slug} />;
}
