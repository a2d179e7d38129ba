import type { InvalidBody, NotPublishableBody, RefusalBody } from '@/lib/api/contract';
import { isAppError, type AppError, type AppErrorCode } from '@/lib/errors/app-error';
import { json } from './json-route';

// The JSON transport: an AppError becomes the answer a route sends, its status from its code
// and its body one of lib/api/contract.ts (a conflict sends the error's details beside its
// message: for a save, the contract's conflictSchema). Anything else is a bug and is
// rethrown, so the route answers 500 rather than a made-up refusal.

export const STATUS_BY_CODE: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  not_publishable: 422,
  rate_limited: 429,
};

/** The answer for a refusal the data layer raised; anything else is a real fault and rethrown. */
export function errorResponse(error: unknown): Response {
  if (!isAppError(error)) throw error;
  return json(bodyOf(error), STATUS_BY_CODE[error.code], headersOf(error));
}

function bodyOf(error: AppError): object {
  const { message } = error;
  switch (error.code) {
    case 'invalid':
      return {
        message,
        errors: error.field ? { [error.field]: [message] } : undefined,
      } satisfies InvalidBody;
    case 'not_publishable':
      return { message, missing: error.missing ?? [] } satisfies NotPublishableBody;
    case 'conflict':
      return { status: 'conflict', message, ...error.details };
    case 'unauthenticated':
    case 'forbidden':
    case 'not_found':
    case 'rate_limited':
      return { message } satisfies RefusalBody;
  }
}

/** When a rate-limited request may be sent again: the editor's retry waits for it. */
function headersOf(error: AppError): Record<string, string> {
  if (error.code !== 'rate_limited' || error.retryAfterMs === undefined) return {};
  return { 'Retry-After': String(Math.ceil(error.retryAfterMs / 1000)) };
}
