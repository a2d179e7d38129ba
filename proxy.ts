import { NextResponse, type NextRequest } from 'next/server';
import { findRedirectedSlug } from './db/queries/public-reviews';
import { READER_CACHE_CONTROL } from './lib/cache/reader-cache';

// Runs before every page and route. It sets the Content-Security-Policy and, as a convenience
// only, sends visitors without a session cookie from /admin to /login. It is never the gate:
// every admin page and action checks the session in the data layer.
//
// Two policies. Staff pages (admin, sign-in, setup) are rendered per request and get a fresh
// nonce (Next.js reads it from the request header and puts it on its own scripts), so no
// inline script runs there that the server did not write. Reader pages are served from the
// cache to everyone, so they cannot carry a per-request nonce: their policy allows Next's own
// inline bootstrap scripts ('unsafe-inline') and nothing from other origins. What an editor
// typed reaches them only as escaped text or through the validated rich-text schema.

const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

/** Paths rendered per request for signed-in staff or people signing in. */
const STAFF_PATHS = /^\/(admin|login|setup|set-password|api\/auth)(\/|$)/;

function contentSecurityPolicy(nonce: string | null): string {
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : `'self' 'unsafe-inline'`;
  // React's dev tools need eval.
  const scriptSrc = process.env.NODE_ENV === 'production' ? scripts : `${scripts} 'unsafe-eval'`;
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
    `frame-ancestors 'none'`,
  ].join('; ');
}

const REVIEW_PATH = /^\/reviews\/([a-z0-9-]{1,120})$/;

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith('/admin') && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    return NextResponse.redirect(new URL('/login', request.url));
  }
  // A renamed review's old address answers 308 with the new one (one indexed lookup; the
  // review pages themselves are cached, and Next mangles cached redirects).
  const oldSlug = REVIEW_PATH.exec(pathname)?.[1];
  if (oldSlug) {
    const current = await findRedirectedSlug(oldSlug);
    if (current) {
      const target = request.nextUrl.clone();
      target.pathname = `/reviews/${current}`;
      const response = NextResponse.redirect(target, 308);
      response.headers.set('Cache-Control', READER_CACHE_CONTROL);
      return response;
    }
  }

  const nonce = STAFF_PATHS.test(pathname)
    ? Buffer.from(crypto.randomUUID()).toString('base64')
    : null;
  const csp = contentSecurityPolicy(nonce);
  let response: NextResponse;
  if (nonce) {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set('x-nonce', nonce);
    requestHeaders.set('Content-Security-Policy', csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  } else {
    response = NextResponse.next();
  }
  response.headers.set('Content-Security-Policy', csp);
  const https =
    request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  if (https)
    response.headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  return response;
}

export const config = {
  matcher: [
    // Staff pages always: a prefetch of one gets its nonce policy like any other request (the
    // prefetch exclusion below once let `Purpose: prefetch` fetch staff HTML with no policy).
    '/admin/:path*',
    '/login',
    '/setup',
    '/set-password',
    '/api/auth/:path*',
    {
      // Everything else except prefetches and static files (uploaded images are static files:
      // they need neither a nonce nor the /admin redirect).
      source:
        '/((?!_next/static|_next/image|media/|favicon.ico|admin|login|setup|set-password|api/auth).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
