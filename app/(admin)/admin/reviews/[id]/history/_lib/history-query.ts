import { firstParam, type SearchParams } from '@/lib/search-params';

// What the history page was asked to show, read from its address: which page of the list,
// which two versions to compare, and which restore to confirm. An address someone typed or
// shortened is never a server error: what cannot be read is named as a problem on the page,
// and the page shows its default instead.

/** The versions checked in the From and To columns. */
export type Selection = { from: number | null; to: number };

export type HistoryQuery = {
  /** The page of the list asked for: 1 when absent or unreadable. */
  page: number;
  /** Said first on the page, before what the list itself reports. */
  pageProblems: string[];
  /** The versions asked for (either may be absent), or null when one is unreadable. */
  versions: { from: number | undefined; to: number | undefined } | null;
  versionProblems: string[];
  /** The version a restore just saved, to confirm (ignored when unreadable). */
  restored: number | undefined;
};

/** A query parameter that should be a positive whole number: absent, a number, or refused. */
type NumberParam = { ok: true; value: number | undefined } | { ok: false; raw: string };

function numberParam(raw: string | undefined): NumberParam {
  if (raw === undefined) return { ok: true, value: undefined };
  const trimmed = raw.trim();
  if (!/^\d{1,9}$/.test(trimmed) || Number(trimmed) < 1) return { ok: false, raw };
  return { ok: true, value: Number(trimmed) };
}

/** User-typed text quoted back in a message, kept short. */
const quoted = (raw: string) => `“${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}”`;

export function parseHistoryQuery(raw: SearchParams): HistoryQuery {
  const page = numberParam(firstParam(raw, 'page'));
  const from = numberParam(firstParam(raw, 'from'));
  const to = numberParam(firstParam(raw, 'to'));
  const restored = numberParam(firstParam(raw, 'restored'));
  const versionProblems: string[] = [];
  if (!from.ok) versionProblems.push(`${quoted(from.raw)} is not a version number.`);
  if (!to.ok) versionProblems.push(`${quoted(to.raw)} is not a version number.`);
  return {
    page: page.ok ? (page.value ?? 1) : 1,
    pageProblems: page.ok ? [] : [`${quoted(page.raw)} is not a page number.`],
    versions: from.ok && to.ok ? { from: from.value, to: to.value } : null,
    versionProblems,
    restored: restored.ok ? restored.value : undefined,
  };
}

/** The list had fewer pages than asked for, and shows another one. */
export function pageProblem(asked: number, shown: number): string | null {
  return asked === shown ? null : `There is no page ${asked}; showing page ${shown}.`;
}

export type VersionChoice = {
  /** What the radio buttons show until a comparison succeeds. */
  selected: Selection;
  /** The two versions to diff, when there are two different ones. */
  compare: { from: number; to: number } | null;
  problem: string | null;
};

/** Which two versions to compare: as asked, by default the newest (`head`) and the one before. */
export function chooseVersions(versions: HistoryQuery['versions'], head: number): VersionChoice {
  const fallback: VersionChoice = {
    selected: { from: head > 1 ? head - 1 : null, to: head },
    compare: null,
    problem: null,
  };
  if (!versions) return fallback;
  const to = versions.to ?? head;
  const from = versions.from ?? (to > 1 ? to - 1 : null);
  // Nothing to compare yet: only one version (said below the list).
  if (from === null) return fallback;
  if (from === to)
    return {
      selected: { from, to },
      compare: null,
      problem: 'Choose two different versions to compare.',
    };
  return { ...fallback, compare: { from, to } };
}

/** A version asked for that this review does not have. */
export function noSuchVersion(version: number, head: number): string {
  return head === 1
    ? `This review has no version ${version}: it has only version 1.`
    : `This review has no version ${version}: its versions are 1 to ${head}.`;
}

/** The history page's address with these parameters (null ones left out). */
export function historyHref(
  reviewId: number,
  query: Record<string, string | number | null>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== null) search.set(key, String(value));
  const text = search.toString();
  return `/admin/reviews/${reviewId}/history${text ? `?${text}` : ''}`;
}
