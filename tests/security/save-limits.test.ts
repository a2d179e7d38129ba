import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { countSave } from '../../db/reviews/save-rate';
import { MAX_CONTENT_BYTES } from '../../lib/content/review-content';
import type { AppError } from '../../lib/errors/app-error';
import { newReviewContent } from '../../lib/content/new-review';
import { doc, paragraph, textRun } from '../../lib/content/rich-text/build';
import { addSignedInUser } from '../support/staff';

// POST /api/reviews/:id/revisions as a stranger and as a writer: who is asking is checked
// before the body is read; the body, the content and the rate of saves are bounded.

const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({ headers: vi.fn(async () => new Headers()) }));

let reviewId = 0;
let writerId = 0;

beforeAll(async () => {
  await migrateDatabase(getDb());
  const writer = await addSignedInUser('writer', 'limits-writer@example.com');
  writerId = writer.id;
  session.current = { sid: writer.sid };
  const { createReviewAction } = await import('../../app/(admin)/admin/reviews/actions');
  const created = await createReviewAction({ content: newReviewContent() });
  if (!created.ok) throw new Error(created.message);
  reviewId = created.id;
});

async function post(body: string, headers: Record<string, string> = {}) {
  const { POST } = await import('../../app/api/reviews/[id]/revisions/route');
  const request = new Request(`http://localhost/api/reviews/${reviewId}/revisions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return POST(request, { params: Promise.resolve({ id: String(reviewId) }) });
}

const saveBody = (content: unknown, baseVersion = 1) =>
  JSON.stringify({ baseVersion, kind: 'save', content });

describe('saving through the JSON route', () => {
  it('refuses a stranger before reading the body: 80 KB of "<a" costs nothing', async () => {
    const signedIn = session.current;
    session.current = null;
    try {
      const started = performance.now();
      const response = await post(
        saveBody({ ...newReviewContent(), headline: '<a'.repeat(40_000) }),
      );
      expect(response.status).toBe(401);
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      session.current = signedIn;
    }
  });

  it('answers an over-long field with its limit and length, without running the markup check on it', async () => {
    const response = await post(saveBody({ ...newReviewContent(), headline: '<a'.repeat(40_000) }));
    expect(response.status).toBe(400);
    const answer = await response.json();
    expect(answer.errors.headline).toEqual(['Use at most 300 characters; this is 80,000.']);
  });

  it('refuses a body over the limit as it arrives (413), before parsing', async () => {
    const response = await post('"' + 'x'.repeat(MAX_CONTENT_BYTES + 100_000) + '"');
    expect(response.status).toBe(413);
    expect((await response.json()).message).toMatch(/too large: at most/);
  });

  it('refuses content whose whole revision would be over 1 MB', async () => {
    const base = newReviewContent();
    // 60 sections of 20,000 characters: each within its own limits, 1.2 MB together.
    const sections = Array.from({ length: 60 }, (_, i) => ({
      ...base.sections[0]!,
      id: crypto.randomUUID(),
      heading: `Part ${i + 1}`,
      body: doc([paragraph(textRun('words '.repeat(3_400)))]),
    }));
    const { reviewContentSchema } = await import('../../lib/content/review-content');
    const checked = reviewContentSchema.safeParse({ ...base, sections });
    expect(checked.success).toBe(false);
    expect(checked.error?.issues.map((issue) => issue.message).join(' ')).toMatch(
      /This review is 1\.\d MB; a review holds at most 1\.0 MB/,
    );
  });
});

describe('saves per minute', () => {
  it('stops one person after the limit, says when saving resumes, and counts per person', async () => {
    const now = new Date('2026-06-01T10:00:00Z');
    // Someone with no saves yet (the writer above created a review, which counts).
    const person = writerId + 500;
    await getDb().transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await countSave(tx, person, now, 3);
      let refused: unknown = null;
      try {
        await countSave(tx, person, new Date(now.getTime() + 20_000), 3);
      } catch (error) {
        refused = error;
      }
      expect(refused).toMatchObject({ code: 'rate_limited' });
      expect((refused as AppError).retryAfterMs).toBe(40_000);
      expect((refused as Error).message).toMatch(/saved 3 times in the last minute.*40 seconds/);
      // Someone else is not affected; a minute later the writer saves again.
      await countSave(tx, person + 1, now, 3);
      await countSave(tx, person, new Date(now.getTime() + 60_000), 3);
    });
  });

  it('answers 429 with Retry-After from the route', async () => {
    process.env.SAVES_PER_MINUTE = '2';
    try {
      let version = 1;
      let last: Response | null = null;
      for (let i = 0; i < 4; i++) {
        last = await post(saveBody({ ...newReviewContent(), headline: `Take ${i}` }, version));
        if (last.status !== 200) break;
        version = (await last.json()).version;
      }
      expect(last?.status).toBe(429);
      expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await last!.json()).message).toMatch(/saved 2 times in the last minute/);
    } finally {
      delete process.env.SAVES_PER_MINUTE;
    }
  });

  it('counts new reviews too: past the limit, creating one is refused with the message', async () => {
    const { createReviewAction } = await import('../../app/(admin)/admin/reviews/actions');
    const creator = await addSignedInUser('writer', 'limits-creator@example.com');
    const signedIn = session.current;
    session.current = { sid: creator.sid };
    process.env.SAVES_PER_MINUTE = '2';
    try {
      const results = [];
      for (let i = 0; i < 3; i++)
        results.push(await createReviewAction({ content: newReviewContent() }));
      expect(results.map((result) => result.ok)).toEqual([true, true, false]);
      expect(results[2]!.message).toMatch(/saved 2 times in the last minute/);
    } finally {
      delete process.env.SAVES_PER_MINUTE;
      session.current = signedIn;
    }
  });
});
