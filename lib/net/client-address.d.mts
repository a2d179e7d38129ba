// Types for client-address.mjs (plain JavaScript: server.mjs loads it outside the Next build).
export const CLIENT_IP_HEADER: string;
export const PROXY_HEADERS: string[];
export type ProxyTrust = { hops: number; proxies: Set<string> };
export function validAddress(raw: string | undefined | null): string | null;
export function proxyTrustFromEnv(env: Record<string, string | undefined>): ProxyTrust;
export function clientAddress(
  request: { socketAddress: string | undefined; forwardedFor: string | string[] | undefined },
  trust: ProxyTrust,
): string | null;
