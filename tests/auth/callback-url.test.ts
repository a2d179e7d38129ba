import { describe, expect, it } from 'vitest';
import {
  authOrigin,
  MAX_CALLBACK_URL_LENGTH,
  parsableCallbackUrl,
  redirectCallback,
  refuseBadCallbackUrl,
  sameOriginCallbackUrl,
} from '../../lib/auth/callback-url';

const BASE = 'http://localhost:3000';
const FALLBACK = 'http://localhost:3000/admin';

/** Values the review found, and their relatives: none may throw, none may leave the site. */
const HOSTILE = [
  '%E0%A4%A',
  '/%E0%A4%A%',
  'http://[::1',
  'http://[::1]:3000/admin',
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'https://evil.example/admin',
  'http://localhost:3000.evil.example/',
  'http://localhost:3001/admin',
  'https://localhost:3000/admin',
  '//evil.example/admin',
  '/\\evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  'http://user:pass@localhost:3000/admin',
  `/${'a'.repeat(MAX_CALLBACK_URL_LENGTH)}`,
  `/${'%'.repeat(100_000)}`,
  '',
  ' ',
];

describe('sameOriginCallbackUrl', () => {
  it('keeps same-origin paths and URLs, normalized', () => {
    expect(sameOriginCallbackUrl('/admin/reviews?status=draft', BASE)).toBe(
      'http://localhost:3000/admin/reviews?status=draft',
    );
    expect(sameOriginCallbackUrl('http://localhost:3000/admin#top', BASE)).toBe(
      'http://localhost:3000/admin#top',
    );
    expect(sameOriginCallbackUrl('/admin/reviews/ñ', BASE)).toBe(
      'http://localhost:3000/admin/reviews/%C3%B1',
    );
    // A path that merely looks like a host stays on this one.
    expect(sameOriginCallbackUrl('/evil.example', BASE)).toBe('http://localhost:3000/evil.example');
  });

  it('refuses every hostile or malformed value without throwing', () => {
    for (const value of HOSTILE) {
      expect(() => sameOriginCallbackUrl(value, BASE), value.slice(0, 40)).not.toThrow();
      expect(sameOriginCallbackUrl(value, BASE), value.slice(0, 40)).toBeNull();
    }
    for (const value of [undefined, null, 42, ['/admin'], { toString: () => '/admin' }]) {
      expect(sameOriginCallbackUrl(value, BASE)).toBeNull();
    }
  });

  it('answers only ASCII, so the result is safe in a header or cookie', () => {
    const result = sameOriginCallbackUrl('/admin/ré/\u2028', BASE)!;
    expect(result).toMatch(/^[\x21-\x7e]+$/);
    // A lone surrogate (possible in a JSON body) made next-auth's cookie encoding throw.
    expect(() => encodeURIComponent('/\uD800')).toThrow(URIError);
    const surrogate = sameOriginCallbackUrl('/admin/\uD800', BASE)!;
    expect(surrogate).toBe('http://localhost:3000/admin/%EF%BF%BD');
    expect(() => encodeURIComponent(surrogate)).not.toThrow();
  });
});

describe('the redirect callback', () => {
  it('sends hostile values to /admin, and keeps good ones', () => {
    for (const url of HOSTILE) {
      expect(redirectCallback({ url, baseUrl: BASE }), url.slice(0, 40)).toBe(FALLBACK);
    }
    expect(redirectCallback({ url: '/admin/users', baseUrl: BASE })).toBe(
      'http://localhost:3000/admin/users',
    );
    expect(redirectCallback({ url: `${BASE}/login`, baseUrl: BASE })).toBe(`${BASE}/login`);
  });
});

describe('parsableCallbackUrl', () => {
  it('accepts what next-auth can read, and refuses what would make it answer 500', () => {
    expect(parsableCallbackUrl('/admin', BASE)).toBe(true);
    expect(parsableCallbackUrl('https://elsewhere.example/', BASE)).toBe(true);
    for (const value of [
      '%E0%A4%A',
      'http://[::1',
      'javascript:alert(1)',
      `/${'a'.repeat(3000)}`,
    ]) {
      expect(parsableCallbackUrl(value, BASE), value.slice(0, 40)).toBe(false);
    }
  });
});

describe('refuseBadCallbackUrl', () => {
  const noCookies = { get: () => undefined };
  const cookies = (values: Record<string, string>) => ({
    get: (name: string) => (name in values ? { value: values[name]! } : undefined),
  });

  it('lets through requests without a callbackUrl, or with a same-origin one', () => {
    expect(refuseBadCallbackUrl(new URLSearchParams(), noCookies, BASE)).toBeNull();
    expect(
      refuseBadCallbackUrl(new URLSearchParams({ callbackUrl: '/admin' }), noCookies, BASE),
    ).toBeNull();
    const cookie = cookies({ 'next-auth.callback-url': 'http://localhost:3001/admin' });
    expect(refuseBadCallbackUrl(new URLSearchParams(), cookie, BASE)).toBeNull();
  });

  it('answers 400 to a hostile query value', async () => {
    for (const value of HOSTILE) {
      const response = refuseBadCallbackUrl(
        new URLSearchParams({ callbackUrl: value }),
        noCookies,
        BASE,
      );
      expect(response?.status, value.slice(0, 40)).toBe(400);
      expect(await response!.json()).toEqual({ message: 'Invalid callbackUrl.' });
    }
    const twice = new URLSearchParams([
      ['callbackUrl', '/admin'],
      ['callbackUrl', 'javascript:alert(1)'],
    ]);
    expect(refuseBadCallbackUrl(twice, noCookies, BASE)?.status).toBe(400);
  });

  it('answers 400 to an unreadable callback-url cookie, and clears it', () => {
    const response = refuseBadCallbackUrl(
      new URLSearchParams(),
      cookies({ '__Secure-next-auth.callback-url': 'http://[::1' }),
      BASE,
    );
    expect(response?.status).toBe(400);
    expect(response!.headers.getSetCookie()).toEqual([
      '__Secure-next-auth.callback-url=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure',
    ]);
  });
});

describe('authOrigin', () => {
  it('is the origin of NEXTAUTH_URL, read as next-auth reads it', () => {
    const saved = process.env.NEXTAUTH_URL;
    try {
      process.env.NEXTAUTH_URL = 'https://cms.example/some/path';
      expect(authOrigin()).toBe('https://cms.example');
      process.env.NEXTAUTH_URL = 'cms.example';
      expect(authOrigin()).toBe('https://cms.example');
      delete process.env.NEXTAUTH_URL;
      expect(authOrigin()).toBe('http://localhost:3000');
    } finally {
      if (saved === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = saved;
    }
  });
});
