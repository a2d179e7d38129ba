import { NextResponse, type NextRequest } from 'next/server';
import { isProduction } from './lib/env';
import {
  STRICT_TRANSPORT_SECURITY,
  contentSecurityPolicy,
} from './lib/security/content-security-policy';

// Runs before staff pages only (admin, sign-in, setup): it gives each a fresh CSP nonce and,
// as a convenience only, sends visitors without a session cookie from /admin to /login. It is
// never the gate: every admin page and action checks the session in the data layer.
//
// Reader pages never pass through here (a proxy on every cached page halved their
// throughput): their static CSP comes from next.config.ts, and a renamed review's old address
// is answered by the review page itself when it finds no review there.

const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith('/admin') && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    return NextResponse.redirect(new URL('/login', request.url));
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce, isProduction());
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  const https =
    request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  if (https) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // Staff pages always, prefetches included: a prefetch of one gets its nonce policy like any
  // other request. (Literals: Next reads the matcher at build time.)
  matcher: ['/admin/:path*', '/login', '/setup', '/set-password', '/api/auth/:path*'],
};
