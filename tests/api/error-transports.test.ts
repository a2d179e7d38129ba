import { describe, expect, it, vi } from 'vitest';
import { errorResponse, STATUS_BY_CODE } from '../../app/api/_lib/error-response';
import {
  MergeConflictError,
  notPublishableError,
  reviewNotFoundError,
} from '../../db/reviews/errors';
import { actionFailure, refusalOf, settle } from '../../lib/errors/action-failure';
import {
  APP_ERROR_CODES,
  AppError,
  invalidInput,
  notAllowed,
  signInRequired,
} from '../../lib/errors/app-error';
import { orRefusalPage } from '../../lib/errors/refusal-page';
import { MediaInUseError, uploadBusyError } from '../../lib/media/errors';
import { newReviewContent } from '../../lib/content/new-review';

// The one error model and its three transports: a Server Action's refusal, a JSON route's
// answer and a refusal page. Each maps by code alone, and lets anything else through.

vi.mock('next/navigation', () => ({
  redirect: vi.fn((url: string) => {
    throw Object.assign(new Error(`redirect:${url}`), { redirectTo: url });
  }),
  forbidden: vi.fn(() => {
    throw new Error('forbidden page');
  }),
  notFound: vi.fn(() => {
    throw new Error('not-found page');
  }),
}));

const bug = new Error('a bug');

describe('the JSON transport', () => {
  it('answers each code with the status the routes have always sent', () => {
    expect(STATUS_BY_CODE).toEqual({
      unauthenticated: 401,
      forbidden: 403,
      not_found: 404,
      invalid: 400,
      conflict: 409,
      not_publishable: 422,
      rate_limited: 429,
    });
    for (const code of APP_ERROR_CODES) {
      const response = errorResponse(new AppError(code, 'No.'));
      expect(response.status).toBe(STATUS_BY_CODE[code]);
      expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    }
  });

  it('sends each refusal its body', async () => {
    expect(await errorResponse(signInRequired()).json()).toEqual({
      message: 'Sign in to continue.',
    });
    expect(await errorResponse(invalidInput('Taken.', 'slug')).json()).toEqual({
      message: 'Taken.',
      errors: { slug: ['Taken.'] },
    });
    expect(await errorResponse(notPublishableError(['Add a rating.'])).json()).toEqual({
      message: 'This review cannot be published yet: Add a rating.',
      missing: ['Add a rating.'],
    });
    const content = newReviewContent();
    const conflict = new MergeConflictError(3, content, content, []);
    const body: unknown = await errorResponse(conflict).json();
    expect(body).toEqual({
      status: 'conflict',
      message: conflict.message,
      version: 3,
      theirs: content,
      merged: content,
      conflicts: [],
    });
  });

  it('says when a rate-limited request may be sent again', () => {
    const limited = new AppError('rate_limited', 'Too many.', { retryAfterMs: 40_500 });
    expect(errorResponse(limited).headers.get('Retry-After')).toBe('41');
    expect(errorResponse(uploadBusyError(5)).headers.get('Retry-After')).toBe('5');
  });

  it('rethrows anything that is not an AppError', () => {
    expect(() => errorResponse(bug)).toThrow(bug);
  });
});

describe('the Server Action transport', () => {
  it('keeps what was typed, minus secrets, and puts an input error by its field', () => {
    const values = { email: 'a@example.com', password: 'secret passphrase' };
    expect(actionFailure(invalidInput('Taken.', 'email'), { values })).toEqual({
      ok: false,
      message: 'Taken.',
      errors: { email: ['Taken.'] },
      values: { email: 'a@example.com' },
    });
    // A field named by the caller serves an error that names none; the error's own wins.
    expect(actionFailure(invalidInput('Empty.'), { field: 'text' })).toMatchObject({
      errors: { text: ['Empty.'] },
    });
    expect(actionFailure(notAllowed(), { field: 'text' })).toEqual({
      ok: false,
      message: 'You do not have permission to do that.',
    });
  });

  it('carries what publishing needs, and a conflict’s details', () => {
    expect(actionFailure(notPublishableError(['Add a rating.']))).toMatchObject({
      ok: false,
      missing: ['Add a rating.'],
    });
    const visible = { uses: [], hidden: 2 };
    expect(actionFailure(new MediaInUseError(visible))).toMatchObject({ ok: false, hidden: 2 });
  });

  it('answers with the work’s result or its refusal, and rethrows a bug', async () => {
    expect(await settle(async () => ({ ok: true as const, message: 'Done.' }))).toEqual({
      ok: true,
      message: 'Done.',
    });
    expect(await settle(() => Promise.reject(reviewNotFoundError()))).toEqual({
      ok: false,
      message: 'This review no longer exists.',
    });
    await expect(settle(() => Promise.reject(bug))).rejects.toBe(bug);
    expect(await refusalOf(async () => 'fine')).toBeNull();
    expect(await refusalOf(() => Promise.reject(signInRequired()))).toEqual({
      ok: false,
      message: 'Sign in to continue.',
    });
  });
});

describe('the page transport', () => {
  it('sends the signed-out to sign in, and shows the 403 and 404 pages', async () => {
    await expect(orRefusalPage(() => Promise.reject(signInRequired()))).rejects.toMatchObject({
      redirectTo: '/login',
    });
    await expect(orRefusalPage(() => Promise.reject(notAllowed()))).rejects.toThrow(
      'forbidden page',
    );
    await expect(orRefusalPage(() => Promise.reject(reviewNotFoundError()))).rejects.toThrow(
      'not-found page',
    );
  });

  it('lets a refusal no page load raises, and a bug, go on to the error page', async () => {
    const invalid = invalidInput('No.');
    await expect(orRefusalPage(() => Promise.reject(invalid))).rejects.toBe(invalid);
    await expect(orRefusalPage(() => Promise.reject(bug))).rejects.toBe(bug);
    expect(await orRefusalPage(async () => 42)).toBe(42);
  });
});
