import { isIP } from 'node:net';

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

/**
 * The header server.mjs sets on every request from the socket (or from our own proxies when
 * TRUSTED_PROXY_HOPS / TRUSTED_PROXIES say so), after removing any copy the client sent. The
 * same name is in lib/net/client-address.mjs (tests/security/client-ip.test.ts checks).
 */
export const CLIENT_IP_HEADER = 'x-cms-client-ip';

function header(source: HeaderSource, name: string): string | undefined {
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const value = source[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The client's address for rate limiting and the audit log, or null when unknown (`next dev`
 * without server.mjs). X-Forwarded-For is never read here: a client can write anything there.
 * Only a syntactically valid address is returned, so nothing else reaches the audit log.
 */
export function clientIp(source: HeaderSource): string | null {
  const value = header(source, CLIENT_IP_HEADER)?.trim();
  return value && value.length <= 45 && isIP(value) !== 0 ? value : null;
}
