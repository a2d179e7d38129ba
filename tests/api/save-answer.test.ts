import { describe, expect, it } from 'vitest';
import { readSaveAnswer } from '../../app/(admin)/admin/reviews/_components/save-api';
import { newReviewContent } from '../../lib/content/new-review';

// The editor reads every answer of POST /api/reviews/:id/revisions with the contract's
// schemas (lib/api/contract.ts): an answer that does not match is a failed save, which the
// editor retries, never a crash or a half-read state.

const content = newReviewContent();
const answered = (status: number, body: unknown) =>
  readSaveAnswer({ ok: status >= 200 && status < 300, status }, body);

describe('readSaveAnswer', () => {
  it('reads a save and a conflict', () => {
    expect(answered(200, { status: 'saved', version: 4, merged: false, content })).toEqual({
      status: 'saved',
      version: 4,
      merged: false,
      content,
    });
    const conflict = {
      status: 'conflict',
      message: 'Someone else changed it.',
      version: 5,
      theirs: content,
      merged: content,
      conflicts: [{ path: ['headline'], label: 'Headline', base: 'a', theirs: 'b', mine: 'c' }],
    };
    expect(answered(409, conflict)).toEqual(conflict);
  });

  it('reads field errors, and the refusals by their status', () => {
    expect(answered(400, { message: 'Correct it.', errors: { slug: ['Taken.'] } })).toEqual({
      status: 'invalid',
      message: 'Correct it.',
      errors: { slug: ['Taken.'] },
    });
    expect(answered(400, { message: 'Not JSON.' })).toEqual({
      status: 'invalid',
      message: 'Not JSON.',
      errors: {},
    });
    expect(answered(401, { message: 'Sign in to continue.' })).toEqual({
      status: 'refused',
      message: 'Sign in to continue.',
      signedOut: true,
    });
    expect(answered(404, null)).toEqual({
      status: 'refused',
      message: 'The save failed.',
      signedOut: false,
    });
    expect(answered(429, { message: 'Saving resumes in 40 seconds.' })).toEqual({
      status: 'failed',
      offline: false,
      message: 'Saving resumes in 40 seconds.',
    });
  });

  it('turns an answer that is not the contract’s into a failed save', () => {
    const failed = (status: number) => ({
      status: 'failed',
      offline: false,
      message: `The server answered ${status}.`,
    });
    expect(answered(200, null)).toEqual(failed(200));
    expect(answered(200, { status: 'saved', version: '4', merged: false, content })).toEqual(
      failed(200),
    );
    expect(answered(200, { status: 'saved', version: 4, merged: false })).toEqual(failed(200));
    expect(answered(409, { status: 'conflict', message: 'x', version: 5 })).toEqual(failed(409));
    expect(answered(400, '<html>Bad Request</html>')).toEqual(failed(400));
    expect(answered(400, { message: 'x', errors: { slug: 'Taken.' } })).toEqual(failed(400));
    expect(answered(502, { message: 'Bad gateway' })).toEqual(failed(502));
  });
});
