import { describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER, clientIp } from '../../lib/auth/client-ip';
import {
  CLIENT_IP_HEADER as SERVER_HEADER,
  clientAddress,
  proxyTrustFromEnv,
  validAddress,
} from '../../lib/net/client-address.mjs';

// Who is asking: the address comes from the socket unless our own proxies are configured, so a
// client cannot choose its own (past the per-address sign-in limit, into the audit log).

const direct = proxyTrustFromEnv({});

describe('the client address', () => {
  it('is the socket peer when no proxy is configured, whatever X-Forwarded-For says', () => {
    expect(clientAddress({ socketAddress: '203.0.113.9', forwardedFor: '6.6.6.6' }, direct)).toBe(
      '203.0.113.9',
    );
    expect(
      clientAddress({ socketAddress: '::ffff:127.0.0.1', forwardedFor: '<script>' }, direct),
    ).toBe('127.0.0.1');
  });

  it('behind one proxy is the entry that proxy appended, not one the client wrote', () => {
    const trust = proxyTrustFromEnv({ TRUSTED_PROXY_HOPS: '1' });
    // The client wrote 6.6.6.6; nginx appended the real 198.51.100.7 and connected from 10.0.0.2.
    expect(
      clientAddress({ socketAddress: '10.0.0.2', forwardedFor: '6.6.6.6, 198.51.100.7' }, trust),
    ).toBe('198.51.100.7');
    // Two proxies (CDN, then nginx): the CDN's entry.
    const two = proxyTrustFromEnv({ TRUSTED_PROXY_HOPS: '2' });
    expect(
      clientAddress(
        { socketAddress: '10.0.0.2', forwardedFor: '6.6.6.6, 198.51.100.7, 192.0.2.1' },
        two,
      ),
    ).toBe('198.51.100.7');
  });

  it('with a list of proxies walks back past them only', () => {
    const trust = proxyTrustFromEnv({ TRUSTED_PROXIES: '10.0.0.2, 10.0.0.3' });
    expect(
      clientAddress(
        { socketAddress: '10.0.0.2', forwardedFor: '6.6.6.6, 198.51.100.7, 10.0.0.3' },
        trust,
      ),
    ).toBe('198.51.100.7');
    // Not through a listed proxy: the peer itself, and its header is ignored.
    expect(clientAddress({ socketAddress: '203.0.113.9', forwardedFor: '6.6.6.6' }, trust)).toBe(
      '203.0.113.9',
    );
  });

  it('is never anything but a valid address', () => {
    const trust = proxyTrustFromEnv({ TRUSTED_PROXY_HOPS: '1' });
    expect(
      clientAddress(
        { socketAddress: '10.0.0.2', forwardedFor: '<script>alert(1)</script>' },
        trust,
      ),
    ).toBeNull();
    expect(validAddress('2001:DB8::1')).toBe('2001:db8::1');
    expect(validAddress('999.1.1.1')).toBeNull();
    expect(validAddress('x'.repeat(100))).toBeNull();
  });

  it('refuses a bad configuration with a message naming the variable', () => {
    expect(() => proxyTrustFromEnv({ TRUSTED_PROXY_HOPS: 'two' })).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => proxyTrustFromEnv({ TRUSTED_PROXIES: '10.0.0.1, nginx' })).toThrow(
      /TRUSTED_PROXIES.*"nginx"/,
    );
    expect(() =>
      proxyTrustFromEnv({ TRUSTED_PROXY_HOPS: '1', TRUSTED_PROXIES: '10.0.0.1' }),
    ).toThrow(/not both/);
  });

  it('is read by the app only from the header server.mjs sets, never X-Forwarded-For', () => {
    expect(CLIENT_IP_HEADER).toBe(SERVER_HEADER);
    expect(
      clientIp(new Headers({ 'x-forwarded-for': '6.6.6.6', 'x-real-ip': '6.6.6.6' })),
    ).toBeNull();
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: '198.51.100.7' }))).toBe('198.51.100.7');
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: '<script>' }))).toBeNull();
    expect(clientIp({ [CLIENT_IP_HEADER]: ['203.0.113.1', '6.6.6.6'] })).toBe('203.0.113.1');
  });
});
