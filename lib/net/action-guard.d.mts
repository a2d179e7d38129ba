// Types for action-guard.mjs (plain JavaScript: server.mjs loads it outside the Next build).
export const MAX_ACTION_NESTING: number;
export const MAX_ACTION_BODY_BYTES: number;
export function nestingDepth(text: string, limit: number): number;
export function refuseActionBody(
  contentType: string | undefined,
  body: Buffer,
): { status: number; message: string } | null;
