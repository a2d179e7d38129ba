// Next replays a cached redirect page by appending its stored headers to a response that
// already carries them, so a cached 308 goes out with `Location: /a` twice (and a proxy that
// joins repeated headers turns it into `/a, /a`, which Googlebot refuses): vercel/next.js#82117,
// still open on 16.x. The reader's old-slug redirect is such a cached page, so server.mjs
// keeps these headers to one value each.

/** Headers that carry exactly one value: a second, identical append is dropped. */
const SINGLE_VALUED = new Set(['location', 'x-nextjs-stale-time']);

/** Makes `response.appendHeader` skip a repeat of a single-valued header's current value. */
export function keepHeadersSingle(response) {
  const append = response.appendHeader.bind(response);
  response.appendHeader = (name, value) => {
    const key = String(name).toLowerCase();
    if (SINGLE_VALUED.has(key) && response.hasHeader(key)) {
      const current = [response.getHeader(key)].flat().map(String);
      const next = [value].flat().map(String);
      if (next.every((v) => current.includes(v))) return response;
    }
    return append(name, value);
  };
  return response;
}
