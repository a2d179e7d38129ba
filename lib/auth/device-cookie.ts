import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DEVICE_COOKIE_MAX_AGE_MS } from './limits';
import { env } from '../env';
import { authSecret } from './secret';

// Device cookies, after OWASP's "Slow down online guessing attacks with device cookies": a
// successful sign-in gives the browser a cookie naming the account it signed in to. Later
// attempts at that account from that browser have a failure budget of their own
// (db/auth/throttle.ts), so guesses from anywhere else cannot lock the owner out.
//
// The value is `<user id>.<nonce>.<mac>`: the nonce is 256 random bits (base64url) that names
// the device's throttle key, and the mac an HMAC-SHA256 of `<user id>.<nonce>` under a key
// derived from the auth secret, so only this server can make one and none can be moved to
// another account.

export type DeviceToken = { userId: number; nonce: string };

const TOKEN = /^([1-9]\d{0,14})\.([\w-]{43})\.([\w-]{43})$/;

let cachedKey: { secret: string; key: Buffer } | undefined;

/** The MAC key: derived from the auth secret, so it is never the key that signs sessions. */
function macKey(secret: string): Buffer {
  if (cachedKey?.secret !== secret) {
    const key = createHmac('sha256', secret).update('review-cms device cookie v1').digest();
    cachedKey = { secret, key };
  }
  return cachedKey.key;
}

let cachedSecret: string | undefined;

/** The auth secret, read once (it comes from the environment or a file beside the database). */
function defaultSecret(): string {
  cachedSecret ??= authSecret();
  return cachedSecret;
}

function mac(body: string, secret: string): string {
  return createHmac('sha256', macKey(secret)).update(body).digest('base64url');
}

/** A new device token for an account, with a fresh nonce. */
export function issueDeviceToken(userId: number, secret = defaultSecret()): string {
  const body = `${userId}.${randomBytes(32).toString('base64url')}`;
  return `${body}.${mac(body, secret)}`;
}

/** The account and nonce of a token this server issued, or null for anything else. */
export function verifyDeviceToken(
  token: string | null | undefined,
  secret = defaultSecret(),
): DeviceToken | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, id, nonce, given] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(mac(`${id}.${nonce}`, secret));
  if (!timingSafeEqual(Buffer.from(given), expected)) return null;
  return { userId: Number(id), nonce };
}

/** Secure cookies when the site is served over https, as next-auth decides for its own. */
export function secureCookies(): boolean {
  const url = env().NEXTAUTH_URL;
  // next-auth reads an origin without a scheme as https.
  return url !== undefined && !url.startsWith('http://');
}

/** `__Host-` over https: the browser then refuses it without Secure, with a Domain or off `/`. */
export function deviceCookieName(secure = secureCookies()): string {
  return secure ? '__Host-cms.device' : 'cms.device';
}

/** The Set-Cookie header value that stores a device token for a year. */
export function serializeDeviceCookie(token: string, secure = secureCookies()): string {
  const maxAge = Math.floor(DEVICE_COOKIE_MAX_AGE_MS / 1000);
  const attributes = [`Path=/`, `Max-Age=${maxAge}`, 'HttpOnly', 'SameSite=Lax'];
  if (secure) attributes.push('Secure');
  return [`${deviceCookieName(secure)}=${token}`, ...attributes].join('; ');
}

/** The device token in a Cookie header (tokens need no decoding), or null. */
export function readDeviceToken(cookieHeader: unknown, secure = secureCookies()): string | null {
  if (typeof cookieHeader !== 'string') return null;
  const prefix = `${deviceCookieName(secure)}=`;
  for (const part of cookieHeader.split(';')) {
    const pair = part.trim();
    if (pair.startsWith(prefix)) return pair.slice(prefix.length) || null;
  }
  return null;
}

// next-auth calls authorize() deep inside its route handler and gives it no way to set a cookie
// on the response. The route handler (app/api/auth/[...nextauth]/route.ts) runs next-auth inside
// captureIssuedDeviceToken(); authorize() reports the token a successful sign-in issued, and the
// route handler adds the cookie to next-auth's response.
const issued = new AsyncLocalStorage<{ token: string | null }>();

/** Runs fn, returning its result and the device token a sign-in within it issued, if any. */
export async function captureIssuedDeviceToken<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; deviceToken: string | null }> {
  const store: { token: string | null } = { token: null };
  const result = await issued.run(store, fn);
  return { result, deviceToken: store.token };
}

/** Called by authorize() after a successful sign-in. */
export function reportIssuedDeviceToken(token: string): void {
  const store = issued.getStore();
  if (store) store.token = token;
}
