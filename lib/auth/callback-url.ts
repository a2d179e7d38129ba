// Where next-auth may send the browser after signing in or out. next-auth takes the callback URL
// from the query, the form body or its callback-url cookie. Left to itself it answers 500 to one
// it cannot parse: its config check refuses an unparsable query or cookie value with "a problem
// with the server configuration" (for every action but its HTML pages, and for
// getServerSession, so every staff page), and its default redirect callback throws on an
// unparsable body value. Here every value is checked without throwing: the redirect callback
// falls back to a fixed page, and the route handler answers a bad query or cookie with a 400
// (app/api/auth/[...nextauth]/route.ts); server-side session reads ignore that cookie
// (serverAuthOptions in db/auth/next-auth-options.ts).

import { env } from '../env';

/** Longer callback URLs are refused: they would not fit in a cookie or a sane Location. */
export const MAX_CALLBACK_URL_LENGTH = 2048;

/** Where a refused callback URL sends the browser instead. */
export const DEFAULT_CALLBACK_PATH = '/admin';

/** next-auth's cookie for the callback URL, by its default names (plain and over https). */
export const CALLBACK_URL_COOKIES = ['next-auth.callback-url', '__Secure-next-auth.callback-url'];

/**
 * The callback URL as an absolute URL on baseUrl's origin, normalized (ASCII, percent-encoded,
 * so it is safe in a header or a cookie), or null when it is not a string, too long, not
 * parsable, not http(s) or on another origin. A relative URL is read against baseUrl.
 */
export function sameOriginCallbackUrl(url: unknown, baseUrl: string): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_CALLBACK_URL_LENGTH) {
    return null;
  }
  // Control characters and backslashes are dropped or reinterpreted by URL parsers in ways
  // browsers differ on (`/\evil.example` is `//evil.example`); no page of ours needs them.
  if (/[\u0000-\u001f\u007f\\]/.test(url)) return null;
  // A path on this site, or an absolute http(s) URL; nothing that is relative to the current
  // path, has another scheme, or has malformed percent-escapes (`%E0%A4%A`).
  if (!url.startsWith('/') && !/^https?:\/\//i.test(url)) return null;
  try {
    decodeURIComponent(url);
    const base = new URL(baseUrl);
    const parsed = new URL(url, base);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    if (parsed.origin !== base.origin) return null;
    if (parsed.username || parsed.password) return null;
    return parsed.href.length > MAX_CALLBACK_URL_LENGTH ? null : parsed.href;
  } catch {
    return null;
  }
}

/** next-auth's redirect callback: a same-origin callback URL, otherwise the default page. */
export function redirectCallback({ url, baseUrl }: { url: string; baseUrl: string }): string {
  return sameOriginCallbackUrl(url, baseUrl) ?? new URL(DEFAULT_CALLBACK_PATH, baseUrl).toString();
}

/** The site's origin as next-auth sees it (NEXTAUTH_URL, http://localhost:3000 by default). */
export function authOrigin(): string {
  // lib/env.ts has checked that it parses, as next-auth parses it.
  const configured = env().NEXTAUTH_URL;
  if (!configured) return 'http://localhost:3000';
  return new URL(configured.startsWith('http') ? configured : `https://${configured}`).origin;
}

/**
 * Whether next-auth can read this as a callback URL (as its config check does: relative to the
 * site, or absolute http(s)) and it is not too long. Where it leads is the redirect callback's
 * business; a value this refuses would make next-auth answer 500.
 */
export function parsableCallbackUrl(url: string, baseUrl: string): boolean {
  if (url.length > MAX_CALLBACK_URL_LENGTH) return false;
  try {
    const parsed = url.startsWith('/') ? new URL(url, baseUrl) : new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * For the auth route handler, before next-auth sees the request: a 400 when the query's
 * callbackUrl is not a same-origin URL, or a callback-url cookie holds a value next-auth cannot
 * read (the cookie is cleared, so the next attempt goes through); otherwise null. A readable
 * cookie that leads elsewhere (another instance on the same host, another port) is left to the
 * redirect callback, which sends the browser to DEFAULT_CALLBACK_PATH instead.
 */
export function refuseBadCallbackUrl(
  query: URLSearchParams,
  cookies: { get(name: string): { value: string } | undefined },
  origin = authOrigin(),
): Response | null {
  const fromQuery = query.getAll('callbackUrl');
  const badQuery = fromQuery.some((value) => sameOriginCallbackUrl(value, origin) === null);
  const badCookies = CALLBACK_URL_COOKIES.filter((name) => {
    const cookie = cookies.get(name);
    return cookie !== undefined && !parsableCallbackUrl(cookie.value, origin);
  });
  if (!badQuery && badCookies.length === 0) return null;
  const headers = new Headers({
    'Content-Type': 'application/json',
    'Cache-Control': 'private, no-store',
  });
  for (const name of badCookies) {
    const secure = name.startsWith('__Secure-') ? '; Secure' : '';
    headers.append('Set-Cookie', `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}`);
  }
  return new Response(JSON.stringify({ message: 'Invalid callbackUrl.' }), {
    status: 400,
    headers,
  });
}
