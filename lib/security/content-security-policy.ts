// The Content-Security-Policy, in one place for both of its senders.
//
// Staff pages (admin, sign-in, setup) are rendered per request and get a fresh nonce from
// proxy.ts (Next.js reads it from the request header and puts it on its own scripts), so no
// inline script runs there that the server did not write. Reader pages are served from the
// cache to everyone, so they cannot carry a per-request nonce: their policy, a static header
// from next.config.ts, allows Next's own inline bootstrap scripts ('unsafe-inline') and nothing
// from other origins. What an editor typed reaches them only as escaped text or through the
// validated rich-text schema.

/** Paths rendered per request for signed-in staff or people signing in. */
export const STAFF_PATH_PREFIXES = ['admin', 'login', 'setup', 'set-password', 'api/auth'] as const;

/**
 * The policy: with a nonce for staff pages, without one for cached reader pages. No page may be
 * framed, except by this site itself where `framedBySelf` (the preview's phone-width view).
 */
export function contentSecurityPolicy(
  nonce: string | null,
  production: boolean,
  framedBySelf = false,
): string {
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : `'self' 'unsafe-inline'`;
  // React's dev tools need eval.
  const scriptSrc = production ? scripts : `${scripts} 'unsafe-eval'`;
  return [
    `default-src 'self'`,
    `script-src ${scriptSrc}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `frame-ancestors ${framedBySelf ? "'self'" : "'none'"}`,
  ].join('; ');
}

/** Sent on every response over HTTPS (as our proxy reports it). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';
