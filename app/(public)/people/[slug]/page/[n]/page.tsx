import { personMetadata, PersonView } from '../../../_components/person-view';

// A literal, as Next requires of segment config: READER_PAGE_SECONDS (a CDN's s-maxage).
export const revalidate = 300;
// No page is rendered at build time (there is no database then): each on its first request.
export async function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string; n: string }> };

export async function generateMetadata({ params }: Props) {
  const { slug, n } = await params;
  return personMetadata(slug, n);
}

export default async function PersonPageN({ params }: Props) {
  const { slug, n } = await params;
  return <PersonView slug={slug} rawPage={n} />;
}
