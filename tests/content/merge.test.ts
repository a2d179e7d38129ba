import { describe, expect, it } from 'vitest';
import { mergeReviewContent } from '@/lib/content/merge';
import { newReviewContent } from '@/lib/content/new-review';
import type { ReviewContent, ReviewSection } from '@/lib/content/review-content';

type RichTextDoc = ReviewSection['body'];
import { doc, paragraph, textRun } from '@/lib/content/rich-text/build';

const body = (text: string) => doc([paragraph(textRun(text))]) as RichTextDoc;

/** The same JSON value with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reverseKeys(item)]),
  );
}

function base(): ReviewContent {
  const content = newReviewContent();
  content.headline = 'Escape';
  content.dek = 'A thriller.';
  content.sections = content.sections.map((section, index) => ({
    ...section,
    body: body(`Original text ${index}`),
  }));
  return content;
}

/** A copy of `content` with one section's body replaced. */
function withSectionText(content: ReviewContent, index: number, text: string): ReviewContent {
  return {
    ...content,
    sections: content.sections.map((section, i) =>
      i === index ? { ...section, body: body(text) } : section,
    ),
  };
}

describe('three-way merge of review content', () => {
  it('keeps both changes when two people changed different fields', () => {
    const start = base();
    const theirs = { ...start, headline: 'Escape, reviewed' };
    const mine = { ...start, dek: 'A tense thriller.' };
    const { content, conflicts } = mergeReviewContent(start, theirs, mine);
    expect(conflicts).toEqual([]);
    expect(content.headline).toBe('Escape, reviewed');
    expect(content.dek).toBe('A tense thriller.');
  });

  it('keeps both changes when two people changed different sections', () => {
    const start = base();
    const theirs = withSectionText(start, 0, 'Their plot');
    const mine = withSectionText(start, 7, 'My verdict');
    const { content, conflicts } = mergeReviewContent(start, theirs, mine);
    expect(conflicts).toEqual([]);
    expect(content.sections[0]!.body).toEqual(body('Their plot'));
    expect(content.sections[7]!.body).toEqual(body('My verdict'));
    expect(content.sections.map((s) => s.id)).toEqual(start.sections.map((s) => s.id));
  });

  it('merges different parts of one section: their heading, my text', () => {
    const start = base();
    const theirs = {
      ...start,
      sections: start.sections.map((s, i) => (i === 2 ? { ...s, heading: 'Direction' } : s)),
    };
    const mine = withSectionText(start, 2, 'My direction notes');
    const { content, conflicts } = mergeReviewContent(start, theirs, mine);
    expect(conflicts).toEqual([]);
    expect(content.sections[2]).toMatchObject({
      heading: 'Direction',
      body: body('My direction notes'),
    });
  });

  it('reports a conflict, with both texts, when both changed the same section text', () => {
    const start = base();
    const theirs = withSectionText(start, 1, 'Their cast notes');
    const mine = withSectionText(start, 1, 'My cast notes');
    const { content, conflicts } = mergeReviewContent(start, theirs, mine);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      path: `sections.${start.sections[1]!.id}.body`,
      label: 'Section “Main Cast and Performances”: text',
      base: body('Original text 1'),
      theirs: body('Their cast notes'),
      mine: body('My cast notes'),
    });
    // Until someone decides, the merge holds their text; mine is in the conflict.
    expect(content.sections[1]!.body).toEqual(body('Their cast notes'));
  });

  it('reports a conflict when both changed the same field differently', () => {
    const start = base();
    const { conflicts } = mergeReviewContent(
      start,
      { ...start, headline: 'Theirs' },
      { ...start, headline: 'Mine' },
    );
    expect(conflicts.map((c) => [c.path, c.theirs, c.mine])).toEqual([
      ['headline', 'Theirs', 'Mine'],
    ]);
  });

  it('reports conflicts in the work facts by field', () => {
    const start = base();
    const theirs = { ...start, work: { ...start.work, year: 2024, title: 'Escape' } };
    const mine = { ...start, work: { ...start.work, year: 2023, runtimeMinutes: 94 } };
    const { content, conflicts } = mergeReviewContent(start, theirs, mine);
    expect(conflicts.map((c) => c.path)).toEqual(['work.year']);
    expect(content.work).toMatchObject({ title: 'Escape', runtimeMinutes: 94 });
  });

  it('is not a conflict when both made the same change', () => {
    const start = base();
    const { conflicts, content } = mergeReviewContent(
      start,
      { ...start, headline: 'Same' },
      { ...start, headline: 'Same' },
    );
    expect(conflicts).toEqual([]);
    expect(content.headline).toBe('Same');
  });

  it('treats rich text with attributes in another order as unchanged', () => {
    const start = base();
    const reordered = reverseKeys(start.sections[0]!.body) as RichTextDoc;
    const mine = {
      ...start,
      sections: start.sections.map((s, i) => (i === 0 ? { ...s, body: reordered } : s)),
    };
    const theirs = withSectionText(start, 0, 'Their plot');
    expect(mergeReviewContent(start, theirs, mine).conflicts).toEqual([]);
  });

  it('keeps sections added on either side, after the section they followed', () => {
    const start = base();
    const theirNew = { ...start.sections[0]!, id: crypto.randomUUID(), heading: 'Their extra' };
    const myNew = { ...start.sections[0]!, id: crypto.randomUUID(), heading: 'My extra' };
    const theirs = {
      ...start,
      sections: [...start.sections.slice(0, 3), theirNew, ...start.sections.slice(3)],
    };
    const mine = { ...start, sections: [...start.sections, myNew] };
    const { content, conflicts } = mergeReviewContent(start, theirs, mine);
    expect(conflicts).toEqual([]);
    expect(content.sections.map((s) => s.heading)).toEqual([
      ...start.sections.slice(0, 3).map((s) => s.heading),
      'Their extra',
      ...start.sections.slice(3).map((s) => s.heading),
      'My extra',
    ]);
  });

  it('deletes a section one side deleted and the other left alone', () => {
    const start = base();
    const mine = { ...start, sections: start.sections.slice(1) };
    const theirs = withSectionText(start, 5, 'Their relevance');
    const { content, conflicts } = mergeReviewContent(start, theirs, mine);
    expect(conflicts).toEqual([]);
    expect(content.sections).toHaveLength(7);
    expect(content.sections[4]!.body).toEqual(body('Their relevance'));
  });

  it('refuses to drop a section one side deleted while the other rewrote it', () => {
    const start = base();
    const mine = { ...start, sections: start.sections.slice(1) };
    const theirs = withSectionText(start, 0, 'Their rewritten plot');
    const { content, conflicts } = mergeReviewContent(start, theirs, mine);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ path: `sections.${start.sections[0]!.id}`, mine: null });
    expect(content.sections[0]!.body).toEqual(body('Their rewritten plot'));
  });

  it('takes my order when only I reordered, and their text with it', () => {
    const start = base();
    const mine = { ...start, sections: [...start.sections].reverse() };
    const theirs = withSectionText(start, 0, 'Their plot');
    const { content, conflicts } = mergeReviewContent(start, theirs, mine);
    expect(conflicts).toEqual([]);
    expect(content.sections.map((s) => s.id)).toEqual(mine.sections.map((s) => s.id));
    expect(content.sections.at(-1)!.body).toEqual(body('Their plot'));
  });

  it('merges credits and genres as whole lists', () => {
    const start = base();
    const credit = {
      name: 'Lee Jong-pil',
      slug: 'lee-jong-pil',
      role: 'director' as const,
      character: null,
    };
    const theirs = { ...start, credits: [credit] };
    const mine = { ...start, genres: [{ name: 'Thriller', slug: 'thriller' }] };
    const { content, conflicts } = mergeReviewContent(start, theirs, mine);
    expect(conflicts).toEqual([]);
    expect(content.credits).toEqual([credit]);
    expect(content.genres).toEqual([{ name: 'Thriller', slug: 'thriller' }]);
  });
});
