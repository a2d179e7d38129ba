// Server Action requests are decoded by React (decodeReply) before the action's first line
// runs, so the action cannot refuse them: a deeply nested argument overflowed the decoder's
// stack and answered 500, before any check of who was asking. server.mjs reads an action's
// body first (within Next's own size limit) and refuses, with a 4xx, a body too large or
// nested too deeply for any form or editor here to have sent; anything else goes on to Next
// unchanged. The deepest legitimate argument is a review's rich text: 32 nodes deep at most
// (lib/content/rich-text/validate.ts), two JSON levels a node.

/** JSON nesting allowed in one Server Action argument. */
export const MAX_ACTION_NESTING = 256;

/** Next's serverActions.bodySizeLimit (next.config.ts): 11 MB. */
export const MAX_ACTION_BODY_BYTES = 11 * 1024 * 1024;

/**
 * The deepest [ / { nesting in `text`, ignoring brackets inside JSON strings; stops counting
 * once past `limit`. One pass, no recursion.
 * @param {string} text
 * @param {number} limit
 * @returns {number}
 */
export function nestingDepth(text, limit) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
      continue;
    }
    if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (char === 0x5d || char === 0x7d) depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/**
 * Why an action's body is refused, or null to pass it on. A multipart body is checked part
 * by part: each part is either a form field (plain text: nesting only counts in a part that
 * starts like JSON) or an argument React encoded as JSON.
 * @param {string | undefined} contentType
 * @param {Buffer} body
 * @returns {{ status: number, message: string } | null}
 */
export function refuseActionBody(contentType, body) {
  if (body.byteLength > MAX_ACTION_BODY_BYTES)
    return { status: 413, message: 'The request is larger than 11 MB.' };
  const type = (contentType ?? '').toLowerCase();
  const tooDeep = { status: 400, message: 'The request is nested too deeply to be a form.' };
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/.exec(contentType ?? '');
    const marker = boundary ? `--${boundary[1] ?? boundary[2]}` : null;
    if (!marker) return { status: 400, message: 'The form could not be read.' };
    for (const part of body.toString('latin1').split(marker)) {
      const valueStart = part.indexOf('\r\n\r\n');
      if (valueStart === -1) continue;
      const headers = part.slice(0, valueStart).toLowerCase();
      if (headers.includes('filename=')) continue; // a file's bytes are not an argument
      const value = part.slice(valueStart + 4).trimStart();
      if (
        (value.startsWith('[') || value.startsWith('{')) &&
        nestingDepth(value, MAX_ACTION_NESTING) > MAX_ACTION_NESTING
      )
        return tooDeep;
    }
    return null;
  }
  return nestingDepth(body.toString('utf8'), MAX_ACTION_NESTING) > MAX_ACTION_NESTING
    ? tooDeep
    : null;
}
