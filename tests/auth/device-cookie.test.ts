import { describe, expect, it } from 'vitest';
import {
  captureIssuedDeviceToken,
  deviceCookieName,
  issueDeviceToken,
  readDeviceToken,
  reportIssuedDeviceToken,
  serializeDeviceCookie,
  verifyDeviceToken,
} from '../../lib/auth/device-cookie';

const SECRET = 'a test secret';

describe('device tokens', () => {
  it('are <user id>.<nonce>.<mac>, verified back to their account and nonce', () => {
    const token = issueDeviceToken(42, SECRET);
    expect(token).toMatch(/^42\.[\w-]{43}\.[\w-]{43}$/);
    const [, nonce] = token.split('.');
    expect(verifyDeviceToken(token, SECRET)).toEqual({ userId: 42, nonce });
    expect(issueDeviceToken(42, SECRET)).not.toBe(token);
  });

  it('refuses anything this secret did not sign', () => {
    const token = issueDeviceToken(42, SECRET);
    const [id, nonce, mac] = token.split('.') as [string, string, string];
    const other = issueDeviceToken(43, SECRET);
    const refused = [
      issueDeviceToken(42, 'another secret'),
      `43.${nonce}.${mac}`,
      `${id}.${other.split('.')[1]}.${mac}`,
      `${id}.${nonce}.${other.split('.')[2]}`,
      `${id}.${nonce}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      `${id}.${nonce}`,
      `${token}.extra`,
      ` ${token}`,
      `0${token}`,
      `-1.${nonce}.${mac}`,
      `4.2.${nonce}.${mac}`,
      '',
      'x'.repeat(10_000),
      null,
      undefined,
    ];
    for (const value of refused) expect(verifyDeviceToken(value, SECRET), String(value)).toBeNull();
  });
});

describe('the device cookie', () => {
  it('is HttpOnly, SameSite=Lax, on / for a year; Secure and __Host- over https', () => {
    expect(serializeDeviceCookie('t0ken', false)).toBe(
      'cms.device=t0ken; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax',
    );
    expect(serializeDeviceCookie('t0ken', true)).toBe(
      '__Host-cms.device=t0ken; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax; Secure',
    );
    expect(deviceCookieName(true)).toBe('__Host-cms.device');
  });

  it('is read from a Cookie header by its name alone', () => {
    const header = 'next-auth.session-token=abc; cms.device=1.n.m; x-cms.device=no';
    expect(readDeviceToken(header, false)).toBe('1.n.m');
    expect(readDeviceToken('xcms.device=1.n.m', false)).toBeNull();
    expect(readDeviceToken(header, true)).toBeNull();
    expect(readDeviceToken('__Host-cms.device=2.n.m', true)).toBe('2.n.m');
    expect(readDeviceToken('cms.device=', false)).toBeNull();
    expect(readDeviceToken(undefined, false)).toBeNull();
    expect(readDeviceToken(['cms.device=1.n.m'], false)).toBeNull();
  });

  it('is handed from authorize() to the route handler of the same request only', async () => {
    const captured = await captureIssuedDeviceToken(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      reportIssuedDeviceToken('issued');
      return 'response';
    });
    expect(captured).toEqual({ result: 'response', deviceToken: 'issued' });
    expect(await captureIssuedDeviceToken(async () => 'nothing')).toEqual({
      result: 'nothing',
      deviceToken: null,
    });
    // Outside a capture, reporting is a no-op.
    expect(() => reportIssuedDeviceToken('lost')).not.toThrow();
  });
});
