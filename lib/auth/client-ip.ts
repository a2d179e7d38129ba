type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(source: HeaderSource, name: string): string | undefined {
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const value = source[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The client's address for rate limiting and the audit log. Next.js fills X-Forwarded-For
 * with the socket address when no proxy set it; behind a reverse proxy, the proxy appends the
 * real client as the last entry, which is the one a client cannot forge.
 */
export function clientIp(source: HeaderSource): string | null {
  const forwarded = header(source, 'x-forwarded-for')
    ?.split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const ip = forwarded?.at(-1) ?? header(source, 'x-real-ip')?.trim();
  return ip ? ip.replace(/^::ffff:/, '').slice(0, 100) : null;
}
