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

/** The query as typed: the rewrite URI-encodes it into the path (next.config.ts). */
async function requested(params: Props['params']) {
  const { q, page } = await params;
  let query = q;
  try {
    query = decodeURIComponent(q);
  } catch {
    // Not an encoding the rewrite makes: someone typed this address; search for it as it is.
  }
  return searchRequest({ q: query, page });
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return searchMetadata(await requested(params));
}

export default async function CachedSearchPage({ params }: Props) {
  return <SearchView {...await requested(params)} />;
}
