import type { Metadata } from 'next';
import Link from 'next/link';
import { Fragment } from 'react';
import { StarRating } from '@/components/review/star-rating';
import { workLabel } from '@/components/review/work-label';
import { SearchForm } from '@/components/search/site-search';
import styles from '@/components/search/search.module.css';
import { searchPublishedReviews, type SearchResult, type SearchResults } from '@/db/queries/search';
import { formatDate, isoDate } from '@/lib/format';
import { toFtsQuery } from '@/lib/search/fts-query';
import { pageHref, quoted, type SearchRequest } from '../_lib/params';

/** The search page's title; search results are never indexed. */
export function searchMetadata({ q }: SearchRequest): Metadata {
  const shown = quoted(q);
  return {
    // React escapes the title like any other text.
    title: shown ? `Search: ${shown}` : 'Search',
    robots: { index: false, follow: true },
  };
}

/** The search page for one query and page (db/queries/search.ts). */
export async function SearchView({ q, page }: SearchRequest) {
  const searchable = toFtsQuery(q) !== null;
  const found = searchable ? await searchPublishedReviews(q, { page }) : null;
  return (
    <>
      <h1 className="page-title">Search</h1>
      <SearchForm query={q} />
      <SearchOutcome q={q} found={found} />
    </>
  );
}

function SearchOutcome({ q, found }: { q: string; found: SearchResults | null }) {
  const shown = quoted(q);
  if (shown === '')
    return (
      <p className={styles.summary}>
        Type a word to search the reviews: a title, a name, a character or anything a review says.
      </p>
    );
  if (!found)
    return (
      <p className={styles.summary}>
        There is nothing to search for in “{shown}”. Try words or names: a title, a person, a
        character.
      </p>
    );
  if (found.total === 0)
    return (
      <p className={styles.summary}>
        No reviews match “{shown}”. Check the spelling, or try fewer or other words.
      </p>
    );

  const lastPage = Math.max(1, Math.ceil(found.total / found.pageSize));
  const first = (found.page - 1) * found.pageSize + 1;
  return (
    <>
      <p className={styles.summary}>
        {found.total === 1 ? '1 review matches' : `${found.total} reviews match`} “{shown}”
        {lastPage > 1 &&
          found.results.length > 0 &&
          ` · showing ${first}–${first + found.results.length - 1}`}
      </p>
      {found.results.length === 0 ? (
        <p>
          There are fewer results than that.{' '}
          <Link href={pageHref(q, 1)}>Go to the first page of results</Link>.
        </p>
      ) : (
        <ol className={styles.results} start={first}>
          {found.results.map((result) => (
            <li key={result.slug}>
              <SearchResultItem result={result} />
            </li>
          ))}
        </ol>
      )}
      {lastPage > 1 && found.page <= lastPage && (
        <nav className={styles.pages} aria-label="Result pages">
          {found.page > 1 && (
            <Link href={pageHref(q, found.page - 1)} rel="prev">
              ← Previous
            </Link>
          )}
          <span aria-current="page">
            Page {found.page} of {lastPage}
          </span>
          {found.page < lastPage && (
            <Link href={pageHref(q, found.page + 1)} rel="next">
              Next →
            </Link>
          )}
        </nav>
      )}
    </>
  );
}

function SearchResultItem({ result }: { result: SearchResult }) {
  return (
    <article className={styles.result}>
      <p className="kicker">{workLabel(result)}</p>
      <h2>
        <Link href={`/reviews/${result.slug}`}>{result.headline}</Link>
      </h2>
      {result.snippet.length > 0 && (
        <p className={styles.snippet}>
          {result.snippet.map((segment, i) =>
            segment.match ? (
              <mark key={i}>{segment.text}</mark>
            ) : (
              <Fragment key={i}>{segment.text}</Fragment>
            ),
          )}
        </p>
      )}
      <p className={styles.meta}>
        {result.rating && <StarRating rating={result.rating} />}
        <time dateTime={isoDate(result.publishedAt)}>{formatDate(result.publishedAt)}</time>
      </p>
    </article>
  );
}
