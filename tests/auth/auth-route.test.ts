import { createRequire } from 'node:module';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { insertUser } from '../../db/users/records';
import { hashPassword } from '../../lib/auth/password-hash';

// The auth route handler (app/api/auth/[...nextauth]/route.ts) with the real next-auth inside,
// called as Next calls it. next-auth reads the request's headers and cookies through
// next/headers, which works only inside a Next server; it `require`s the module when called, so
// its exports are pointed at the request under test.

vi.hoisted(() => {
  process.env.NEXTAUTH_URL = 'http://localhost:3000';
});

const nextHeaders = createRequire(import.meta.url)('next/headers') as Record<string, unknown>;
const ORIGIN = 'http://localhost:3000';
const PASSWORD = 'gravel kettle lantern 42';

type Route = (request: NextRequest, context: unknown) => Promise<Response>;
let route: { GET: Route; POST: Route };

beforeAll(async () => {
  await migrateDatabase(getDb());
  const passwordHash = await hashPassword(PASSWORD);
  await getDb().transaction(
    async (tx) => {
      for (const email of ['owner@route.test', 'session@route.test', 'cb@route.test']) {
        await insertUser(tx, { email, name: 'x', role: 'admin', passwordHash, now: new Date() });
      }
    },
    { behavior: 'immediate' },
  );
  route = (await import('../../app/api/auth/[...nextauth]/route')) as unknown as typeof route;
});

/** A browser's cookies: name → value, as Set-Cookie headers leave them. */
type Jar = Map<string, string>;

function keep(jar: Jar, response: Response): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const at = pair!.indexOf('=');
    const [name, value] = [pair!.slice(0, at), pair!.slice(at + 1)];
    if (/Max-Age=0/i.test(header) || value === '') jar.delete(name);
    else jar.set(name, decodeURIComponent(value));
  }
}

function point(request: NextRequest): void {
  nextHeaders.headers = async () => request.headers;
  nextHeaders.cookies = async () => request.cookies;
}

async function call(
  method: 'GET' | 'POST',
  path: string,
  options: { jar?: Jar; form?: Record<string, string>; ip?: string } = {},
): Promise<Response> {
  const headers = new Headers({ host: 'localhost:3000' });
  headers.set('x-cms-client-ip', options.ip ?? '203.0.113.1');
  if (options.jar?.size) {
    headers.set(
      'cookie',
      [...options.jar].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; '),
    );
  }
  let body: string | undefined;
  if (options.form) {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    body = new URLSearchParams(options.form).toString();
  }
  const request = new NextRequest(`${ORIGIN}${path}`, { method, headers, body });
  point(request);
  const nextauth = new URL(request.url).pathname.split('/').slice(3);
  const response = await route[method](request, { params: Promise.resolve({ nextauth }) });
  if (options.jar) keep(options.jar, response);
  return response;
}

/** The login form's sign-in: CSRF token, then the credentials callback (as next-auth/react). */
async function signInThroughRoute(
  jar: Jar,
  email: string,
  password: string,
  extra: { form?: Record<string, string>; query?: string; ip?: string } = {},
): Promise<Response> {
  const csrf = await call('GET', '/api/auth/csrf', { jar });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return call('POST', `/api/auth/callback/credentials${extra.query ?? ''}`, {
    jar,
    ip: extra.ip,
    form: { email, password, csrfToken, callbackUrl: '/admin', json: 'true', ...extra.form },
  });
}

describe('the device cookie, through the route handler', () => {
  it('is set by a successful sign-in only, and keeps the owner in while the account is locked', async () => {
    const owner: Jar = new Map();
    const signedIn = await signInThroughRoute(owner, 'owner@route.test', PASSWORD);
    expect(signedIn.status).toBe(200);
    const setCookies = signedIn.headers.getSetCookie();
    expect(setCookies.find((c) => c.startsWith('next-auth.session-token='))).toBeDefined();
    const device = setCookies.filter((c) => c.startsWith('cms.device='));
    expect(device).toHaveLength(1);
    expect(device[0]).toMatch(
      /^cms\.device=\d+\.[\w-]{43}\.[\w-]{43}; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax$/,
    );

    // An attacker's browser: its failures set no device cookie, and lock unknown devices out.
    const attacker: Jar = new Map();
    for (let i = 0; i < 6; i++) {
      const failed = await signInThroughRoute(attacker, 'owner@route.test', `guess ${i}`, {
        ip: '198.51.100.9',
      });
      expect(failed.status).toBe(401);
      expect(failed.headers.getSetCookie().some((c) => c.startsWith('cms.device='))).toBe(false);
      const { url } = (await failed.json()) as { url: string };
      if (i >= 4) expect(new URL(url).searchParams.get('error')).toBe('locked');
    }
    const attackerRight = await signInThroughRoute(attacker, 'owner@route.test', PASSWORD, {
      ip: '198.51.100.9',
    });
    expect(attackerRight.status).toBe(401);

    // The owner's browser, sending its device cookie, signs in and gets a fresh one.
    owner.delete('next-auth.session-token');
    const before = owner.get('cms.device');
    const again = await signInThroughRoute(owner, 'owner@route.test', PASSWORD);
    expect(again.status).toBe(200);
    expect(owner.get('next-auth.session-token')).toBeTruthy();
    expect(owner.get('cms.device')).toMatch(/^\d+\./);
    expect(owner.get('cms.device')).not.toBe(before);
  });
});

describe('the session endpoint', () => {
  it('does not give page scripts the session id; the server still resolves the session', async () => {
    const jar: Jar = new Map();
    expect((await signInThroughRoute(jar, 'session@route.test', PASSWORD)).status).toBe(200);
    const { sessions } = await import('../../db/schema');
    const { desc } = await import('drizzle-orm');
    const [latest] = await getDb().select().from(sessions).orderBy(desc(sessions.createdAt));
    const sid = latest!.id;

    const response = await call('GET', '/api/auth/session', { jar });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(Object.keys(JSON.parse(text))).toEqual(['expires']);
    expect(text).not.toContain(sid);

    // The data layer reads the sid from the same cookie (getServerSession, serverAuthOptions).
    point(new NextRequest(`${ORIGIN}/admin`, { headers: sessionCookieHeader(jar) }));
    const { getCurrentUser } = await import('../../db/auth/current-user');
    expect(await getCurrentUser()).toMatchObject({ email: 'session@route.test', sessionId: sid });
  });
});

function sessionCookieHeader(jar: Jar): Headers {
  return new Headers({
    cookie: `next-auth.session-token=${jar.get('next-auth.session-token')}`,
  });
}

describe('malformed callback URLs', () => {
  const HOSTILE = [
    '%E0%A4%A',
    'http://[::1',
    'javascript:alert(1)',
    'https://evil.example/admin',
    '//evil.example',
    `/${'a'.repeat(20_000)}`,
  ];

  it('in the query: 400 from every endpoint, never 500', async () => {
    for (const value of HOSTILE) {
      const query = `?callbackUrl=${encodeURIComponent(value)}`;
      for (const path of ['signin', 'session', 'csrf', 'providers', 'error']) {
        const response = await call('GET', `/api/auth/${path}${query}`);
        expect(response.status, `${path} ${value.slice(0, 30)}`).toBe(400);
      }
      const posted = await signInThroughRoute(new Map(), 'cb@route.test', PASSWORD, { query });
      expect(posted.status, `callback ${value.slice(0, 30)}`).toBe(400);
    }
  });

  it('in the sign-in form: the sign-in goes to /admin instead, never 500, never away', async () => {
    for (const value of [...HOSTILE, '/\\evil.example', '/admin/\uD800']) {
      const jar: Jar = new Map();
      const response = await signInThroughRoute(jar, 'cb@route.test', PASSWORD, {
        form: { callbackUrl: value },
      });
      expect(response.status, value.slice(0, 30)).toBe(200);
      const { url } = (await response.json()) as { url: string };
      expect(new URL(url).origin, value.slice(0, 30)).toBe(ORIGIN);
      if (!value.startsWith('/admin/')) expect(url).toBe(`${ORIGIN}/admin`);
      expect(jar.get('next-auth.callback-url')?.startsWith(`${ORIGIN}/admin`)).toBe(true);
    }
    // A good one is kept.
    const good = await signInThroughRoute(new Map(), 'cb@route.test', PASSWORD, {
      form: { callbackUrl: '/admin/users' },
    });
    expect(((await good.json()) as { url: string }).url).toBe(`${ORIGIN}/admin/users`);
  });

  it('in the callback-url cookie: 400 and the cookie cleared; pages still read the session', async () => {
    const jar: Jar = new Map();
    expect((await signInThroughRoute(jar, 'cb@route.test', PASSWORD)).status).toBe(200);
    jar.set('next-auth.callback-url', 'http://[::1');

    // Every staff page asks getServerSession, which next-auth fails on such a cookie.
    const cookie = [...jar].map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
    point(new NextRequest(`${ORIGIN}/login`, { headers: { cookie: cookie.join('; ') } }));
    const { getServerSession } = await import('next-auth');
    const { authOptions, serverAuthOptions } = await import('../../db/auth/next-auth-options');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(getServerSession(authOptions)).rejects.toThrow(/server configuration/);
    expect(String(logged.mock.calls[0]?.[0])).toContain('INVALID_CALLBACK_URL_ERROR');
    logged.mockRestore();
    await expect(getServerSession(serverAuthOptions)).resolves.toMatchObject({
      sid: expect.any(String),
    });

    const refused = await call('GET', '/api/auth/session', { jar });
    expect(refused.status).toBe(400);
    expect(jar.has('next-auth.callback-url')).toBe(false);
    expect((await call('GET', '/api/auth/session', { jar })).status).toBe(200);
  });
});
