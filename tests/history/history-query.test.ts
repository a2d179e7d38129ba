import { describe, expect, it } from 'vitest';
import {
  chooseVersions,
  historyHref,
  noSuchVersion,
  pageProblem,
  parseHistoryQuery,
} from '@/app/(admin)/admin/reviews/[id]/history/_lib/history-query';

// The history page's address, read without a database: what it asks for, and the problems it
// names when a parameter cannot be read (typed by hand, cut short, or stale).

describe('parseHistoryQuery', () => {
  it('reads an empty address as the first page and the default comparison', () => {
    expect(parseHistoryQuery({})).toEqual({
      page: 1,
      pageProblems: [],
      versions: { from: undefined, to: undefined },
      versionProblems: [],
      restored: undefined,
    });
  });

  it('reads positive whole numbers, trimmed, from the first of repeated values', () => {
    const query = parseHistoryQuery({ page: ' 2 ', from: ['3', '9'], to: '5', restored: '6' });
    expect(query).toMatchObject({ page: 2, versions: { from: 3, to: 5 }, restored: 6 });
    expect(parseHistoryQuery({ from: '', to: '4' }).versions).toEqual({ from: undefined, to: 4 });
  });

  it('names an unreadable page, and shows the first page instead', () => {
    for (const raw of ['0', '-1', '1.5', 'abc', '1234567890'])
      expect(parseHistoryQuery({ page: raw })).toMatchObject({
        page: 1,
        pageProblems: [`“${raw}” is not a page number.`],
      });
  });

  it('names each unreadable version, quoted short, and drops the comparison asked for', () => {
    const query = parseHistoryQuery({ from: 'abc', to: 'x'.repeat(50) });
    expect(query.versions).toBeNull();
    expect(query.versionProblems).toEqual([
      '“abc” is not a version number.',
      `“${'x'.repeat(40)}…” is not a version number.`,
    ]);
  });

  it('ignores an unreadable restored version: it only confirms a restore', () => {
    expect(parseHistoryQuery({ restored: 'soon' })).toMatchObject({
      restored: undefined,
      pageProblems: [],
      versionProblems: [],
    });
  });
});

describe('chooseVersions', () => {
  const asked = (from?: number, to?: number) => ({ from, to });

  it('compares the newest version with the one before by default', () => {
    expect(chooseVersions(asked(), 4)).toEqual({
      selected: { from: 3, to: 4 },
      compare: { from: 3, to: 4 },
      problem: null,
    });
  });

  it('compares what was asked, or `to` with the one before it', () => {
    expect(chooseVersions(asked(1, 3), 4).compare).toEqual({ from: 1, to: 3 });
    expect(chooseVersions(asked(undefined, 2), 4).compare).toEqual({ from: 1, to: 2 });
  });

  it('has nothing to compare with only one version', () => {
    expect(chooseVersions(asked(), 1)).toEqual({
      selected: { from: null, to: 1 },
      compare: null,
      problem: null,
    });
  });

  it('asks for two different versions, keeping the one chosen', () => {
    expect(chooseVersions(asked(2, 2), 4)).toEqual({
      selected: { from: 2, to: 2 },
      compare: null,
      problem: 'Choose two different versions to compare.',
    });
  });

  it('shows the default selection, without comparing, when the address was unreadable', () => {
    expect(chooseVersions(null, 4)).toEqual({
      selected: { from: 3, to: 4 },
      compare: null,
      problem: null,
    });
  });
});

describe('messages and addresses', () => {
  it('says when the list shows another page than the one asked for', () => {
    expect(pageProblem(2, 2)).toBeNull();
    expect(pageProblem(9, 3)).toBe('There is no page 9; showing page 3.');
  });

  it('names the versions a review has', () => {
    expect(noSuchVersion(99, 1)).toBe('This review has no version 99: it has only version 1.');
    expect(noSuchVersion(99, 5)).toBe('This review has no version 99: its versions are 1 to 5.');
  });

  it('builds the page address, leaving out empty parameters', () => {
    expect(historyHref(7, { from: null, to: 4, page: null })).toBe('/admin/reviews/7/history?to=4');
    expect(historyHref(7, { page: null })).toBe('/admin/reviews/7/history');
    expect(historyHref(7, { from: 1, to: 2, page: 3 })).toBe(
      '/admin/reviews/7/history?from=1&to=2&page=3',
    );
  });
});
