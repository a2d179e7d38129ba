// The client's address, decided once per request by the server (server.mjs) from what only it
// knows: the socket's peer, and how many proxies in front of it are ours. A client can write
// any X-Forwarded-For it likes; without a configured proxy the header is ignored (and removed),
// and behind N proxies the entry the nearest of ours appended is taken, never one further left.
// Plain JavaScript because server.mjs runs before, and outside, the Next build.

import net from 'node:net';

/** Set by server.mjs on every request, after removing any copy the client sent. */
export const CLIENT_IP_HEADER = 'x-cms-client-ip';

/** Headers only a trusted proxy may set; from anyone else they are dropped. */
export const PROXY_HEADERS = [
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
  'forwarded',
];

/**
 * A syntactically valid address, IPv4-mapped IPv6 written as IPv4, or null.
 * @param {string | undefined | null} raw
 * @returns {string | null}
 */
export function validAddress(raw) {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (text.length === 0 || text.length > 45) return null;
  const unmapped = text.toLowerCase().startsWith('::ffff:') ? text.slice(7) : text;
  if (net.isIPv4(unmapped)) return unmapped;
  return net.isIPv6(text) ? text.toLowerCase() : null;
}

/**
 * @typedef {{ hops: number, proxies: Set<string> }} ProxyTrust
 * hops: how many proxies in front of this server append to X-Forwarded-For (0: none);
 * proxies: their addresses, when listed instead.
 */

/**
 * TRUSTED_PROXY_HOPS=N or TRUSTED_PROXIES=addr,addr; throws a message naming the variable.
 * @param {Record<string, string | undefined>} env
 * @returns {ProxyTrust}
 */
export function proxyTrustFromEnv(env) {
  const hopsText = env.TRUSTED_PROXY_HOPS?.trim() ?? '';
  const listText = env.TRUSTED_PROXIES?.trim() ?? '';
  if (hopsText !== '' && listText !== '')
    throw new Error('Set TRUSTED_PROXY_HOPS or TRUSTED_PROXIES, not both.');
  let hops = 0;
  if (hopsText !== '') {
    hops = Number(hopsText);
    if (!Number.isInteger(hops) || hops < 0 || hops > 10)
      throw new Error(
        `TRUSTED_PROXY_HOPS must be a whole number from 0 to 10 (the proxies in front of this server); it is "${hopsText.slice(0, 40)}".`,
      );
  }
  const proxies = new Set();
  for (const entry of listText === '' ? [] : listText.split(',')) {
    const address = validAddress(entry);
    if (!address)
      throw new Error(
        `TRUSTED_PROXIES must list IP addresses separated by commas; "${entry.trim().slice(0, 60)}" is not one.`,
      );
    proxies.add(address);
  }
  return { hops, proxies };
}

/**
 * The client's address for one request.
 * @param {{ socketAddress: string | undefined, forwardedFor: string | string[] | undefined }} request
 * @param {ProxyTrust} trust
 * @returns {string | null}
 */
export function clientAddress({ socketAddress, forwardedFor }, trust) {
  const peer = validAddress(socketAddress);
  if (trust.hops === 0 && trust.proxies.size === 0) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  // The chain as our nearest proxy sees it: what was forwarded, then the peer itself.
  const chain = [...header.split(',').slice(-20), socketAddress ?? ''];
  if (trust.proxies.size > 0) {
    // Walk back from the peer past our own proxies; the first address that is not one is the
    // client. A request that did not come through a listed proxy is its peer.
    if (!peer || !trust.proxies.has(peer)) return peer;
    for (let i = chain.length - 2; i >= 0; i--) {
      const address = validAddress(chain[i]);
      if (!address) return null;
      if (!trust.proxies.has(address)) return address;
    }
    return null;
  }
  // N proxies: the entry the outermost of ours appended is N from the end (the peer is the
  // innermost). Fewer entries than that: the request bypassed a proxy; use the peer.
  const index = chain.length - 1 - trust.hops;
  return index >= 0 ? validAddress(chain[index]) : peer;
}
