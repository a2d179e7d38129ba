import type { Metadata } from 'next';
import { SearchView, searchMetadata } from './_components/search-view';
import { searchRequest } from './_lib/params';

// /search with no query (or one next.config.ts does not rewrite): rendered per request, as it
// reads the query string. A search for words is rewritten to /search/results/<q>/<page>, a
// page cached per query until a publish.

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(props: Props): Promise<Metadata> {
  return searchMetadata(searchRequest(await props.searchParams));
}

export default async function SearchPage(props: Props) {
  return <SearchView {...searchRequest(await props.searchParams)} />;
}
