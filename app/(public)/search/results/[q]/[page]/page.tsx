import type { Metadata } from 'next';
import { SearchView, searchMetadata } from '../../../_components/search-view';
import { searchRequest } from '../../../_lib/params';

// /search?q=…&page=… arrives here by a rewrite (next.config.ts), so each query's results page
// is rendered once and served from the cache until a publish changes what can be found (the
// search query is cached under the reader tag). Readers only ever see the /search address.
export const revalidate = 300;
export async function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ q: string; page: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return searchMetadata(searchRequest(await params));
}

export default async function CachedSearchPage({ params }: Props) {
  return <SearchView {...searchRequest(await params)} />;
}
