import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RevisionNotFoundError } from '@/db/reviews/errors';
import {
  getRevisionPair,
  listRevisions,
  type RevisionHistory,
  type RevisionListItem,
} from '@/db/reviews/history';
import { guardPage } from '@/db/auth/page-guard';
import type { ReviewContent } from '@/lib/content/review-content';
import {
  diffReviewContent,
  posterMediaIds,
  type DiffOptions,
  type RevisionDiff,
} from '@/lib/content/revision-diff';
import { getMediaLabels } from '@/db/media/media';
import { REVISION_KIND_LABELS } from '@/lib/content/revision-groups';
import { orRefusalPage } from '@/lib/errors/refusal-page';
import type { SearchParams } from '@/lib/search-params';
import { HistoryRow, timeFormat } from './_components/history-row';
import { RevisionDiffView } from './_components/revision-diff-view';
import {
  chooseVersions,
  historyHref,
  noSuchVersion,
  pageProblem,
  parseHistoryQuery,
} from './_lib/history-query';

export const metadata = { title: 'History' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

function loadHistory(id: number, page: number): Promise<RevisionHistory> {
  return orRefusalPage(() => listRevisions(id, { page }));
}

/** Two versions the diff cannot read; only this page raises it, and shows it as a problem. */
class IncomparableError extends Error {}

/**
 * The diff of two stored contents. A revision saved under an older content schema could lack
 * a field the diff expects; that is reported on the page rather than as a server error.
 */
function compare(
  before: ReviewContent,
  after: ReviewContent,
  media: DiffOptions['media'],
): RevisionDiff {
  try {
    return diffReviewContent(before, after, { media });
  } catch (error) {
    console.error('Could not compare two revisions:', error);
    throw new IncomparableError('one of them is not in a shape this page can read.');
  }
}

type Comparison = {
  from: number;
  to: number;
  diff: RevisionDiff;
  describe: { from: string; to: string };
};

function describeRevision(revision: {
  version: number;
  kind: RevisionListItem['kind'];
  authorName: string | null;
  createdAt: Date;
}) {
  const by = revision.authorName ? ` by ${revision.authorName}` : '';
  return `version ${revision.version} (${REVISION_KIND_LABELS[revision.kind].toLowerCase()}${by}, ${timeFormat.format(revision.createdAt)} UTC)`;
}

export default async function ReviewHistoryPage({ params, searchParams }: Props) {
  await guardPage('admin:access');
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const query = parseHistoryQuery(await searchParams);
  const history = await loadHistory(id, query.page);
  const head = history.review.version;
  const problems = [...query.pageProblems];
  const pageMismatch = pageProblem(query.page, history.page);
  if (pageMismatch) problems.push(pageMismatch);
  problems.push(...query.versionProblems);

  // Which two versions to compare: ?from=&to=, by default the newest and the one before.
  const choice = chooseVersions(query.versions, head);
  if (choice.problem) problems.push(choice.problem);
  let selected = choice.selected;
  let comparison: Comparison | null = null;
  if (choice.compare) {
    const { from, to } = choice.compare;
    try {
      const pair = await getRevisionPair(id, from, to);
      const media = await getMediaLabels(posterMediaIds(pair.from.content, pair.to.content));
      selected = choice.compare;
      comparison = {
        from,
        to,
        diff: compare(pair.from.content, pair.to.content, media),
        describe: { from: describeRevision(pair.from), to: describeRevision(pair.to) },
      };
    } catch (error) {
      if (error instanceof RevisionNotFoundError) {
        problems.push(noSuchVersion(error.version, head));
      } else if (error instanceof IncomparableError) {
        problems.push(`Versions ${from} and ${to} cannot be compared: ${error.message}`);
      } else {
        throw error;
      }
    }
  }
  const restoredEntry =
    query.restored === undefined
      ? undefined
      : history.entries.find(
          (entry) => entry.revision.version === query.restored && entry.revision.kind === 'restore',
        );
  const pageHref = (page: number) =>
    historyHref(id, { from: selected.from, to: selected.to, page: page === 1 ? null : page });

  return (
    <>
      <p>
        <Link href={`/admin/reviews/${id}`}>← Back to the editor</Link>
      </p>
      <h1>History: {history.review.headline || 'Untitled review'}</h1>
      <p className="muted">
        {history.totalRevisions === 1 ? '1 version' : `${history.totalRevisions} versions`}; the
        current draft is version {head}.{' '}
        {history.publishedVersion === null
          ? 'Not published.'
          : `Readers see version ${history.publishedVersion}.`}{' '}
        Restoring a version adds it again as a new version; nothing is ever removed.
      </p>
      {restoredEntry && (
        <p className="form-message success" role="status">
          {restoredEntry.revision.message ?? 'Restored'}: saved as version{' '}
          {restoredEntry.revision.version}.
        </p>
      )}
      {problems.length > 0 && (
        <div className="form-message error" role="alert">
          {problems.map((problem) => (
            <p key={problem} className="history-problem">
              {problem}
            </p>
          ))}
        </div>
      )}

      {history.changeRequests.length > 0 && (
        <section aria-labelledby="change-requests-heading" className="history-change-requests">
          <h2 id="change-requests-heading">Changes requested</h2>
          <ul>
            {history.changeRequests.map((request) => (
              <li key={`${request.version}-${request.createdAt.getTime()}`}>
                <p className="muted">
                  On version {request.version}, by {request.requestedBy ?? 'a former user'},{' '}
                  {timeFormat.format(request.createdAt)} UTC
                </p>
                <blockquote>{request.note}</blockquote>
              </li>
            ))}
          </ul>
        </section>
      )}

      <form
        id="compare-form"
        method="get"
        action={`/admin/reviews/${id}/history#diff`}
        aria-label="Compare two versions"
      >
        {history.page > 1 && <input type="hidden" name="page" value={history.page} />}
      </form>
      <table className="table history-table">
        <caption className="visually-hidden">
          Versions of this review, newest first. Choose one in the From column and one in the To
          column, then Compare.
        </caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Version</th>
            <th scope="col">Change</th>
            <th scope="col">Author</th>
            <th scope="col">Time (UTC)</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {history.entries.map((entry) => (
            <HistoryRow
              key={entry.revision.id}
              entry={entry}
              reviewId={id}
              head={head}
              canRestore={history.canRestore}
              selected={selected}
            />
          ))}
        </tbody>
      </table>
      <div className="history-compare">
        <button type="submit" form="compare-form" className="button" disabled={head === 1}>
          Compare
        </button>
        {history.pageCount > 1 && (
          <nav className="pagination" aria-label="Pages of the history">
            {history.page > 1 && <Link href={pageHref(history.page - 1)}>Newer</Link>}
            <span>
              Page {history.page} of {history.pageCount}
            </span>
            {history.page < history.pageCount && (
              <Link href={pageHref(history.page + 1)}>Older</Link>
            )}
          </nav>
        )}
      </div>

      <section id="diff" aria-labelledby="diff-heading" className="history-diff">
        {comparison ? (
          <>
            <h2 id="diff-heading">
              Changes from version {comparison.from} to version {comparison.to}
            </h2>
            <p className="muted">
              From {comparison.describe.from} to {comparison.describe.to}.
            </p>
            <RevisionDiffView diff={comparison.diff} />
          </>
        ) : (
          <>
            <h2 id="diff-heading">Changes</h2>
            <p className="muted">
              {head === 1
                ? 'There is only one version so far, so there is nothing to compare.'
                : 'Choose two versions above and press Compare.'}
            </p>
          </>
        )}
      </section>
    </>
  );
}
