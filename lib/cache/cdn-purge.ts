import { createHmac } from 'node:crypto';
import { env } from '../env';

// The CDN purge hook (README, Beyond one machine): after every change readers can see, the app
// POSTs what changed to CDN_PURGE_URL, signed, so a CDN in front (or a small worker that calls
// its purge API) drops its copies at once instead of keeping them for s-maxage. Sent in the
// background after the change committed, so a slow or failing CDN never holds up a publish;
// retried with backoff when the receiver is unreachable or answers 5xx or 429.

export const PURGE_SIGNATURE_HEADER = 'x-cms-signature';

/** What a purge request says: the cache tag every reader page carries, and the paths known. */
export type PurgeRequest = { tag: string; paths: string[] };

/** The pages every publish change can alter, besides the review's own. */
export const ALWAYS_CHANGED_PATHS = ['/', '/search', '/feed.xml', '/sitemap.xml'];

/** The waits before each retry; then it gives up (and says so once). */
export const PURGE_RETRY_DELAYS_MS = [500, 2_000, 8_000, 30_000];

/** The body as sent: JSON with the tag, the paths and when (the receiver may refuse old ones). */
export function purgeBody(request: PurgeRequest, now: Date): string {
  const paths = [...new Set([...ALWAYS_CHANGED_PATHS, ...request.paths])];
  return JSON.stringify({ tag: request.tag, paths, at: now.toISOString() });
}

/** `sha256=<hex>`: the HMAC-SHA256 of the body with the shared secret, as webhooks sign. */
export function purgeSignature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

type Options = {
  url: string;
  secret: string;
  delays?: readonly number[];
  now?: () => Date;
  log?: (message: string) => void;
};

/** Sends one purge request, retrying; true once the receiver answered 2xx. */
export async function sendPurge(request: PurgeRequest, options: Options): Promise<boolean> {
  const { url, secret, delays = PURGE_RETRY_DELAYS_MS, now = () => new Date() } = options;
  const log = options.log ?? console.error;
  const body = purgeBody(request, now());
  const headers = {
    'content-type': 'application/json',
    [PURGE_SIGNATURE_HEADER]: purgeSignature(body, secret),
  };
  for (let attempt = 0; ; attempt++) {
    let problem: string;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (response.ok) return true;
      problem = `answered ${response.status}`;
      // A refusal (bad signature, unknown path) will not change by asking again.
      if (response.status < 500 && response.status !== 429) {
        log(`CDN purge refused: ${new URL(url).host} ${problem}.`);
        return false;
      }
    } catch (error) {
      problem = (error as Error).message;
    }
    const delay = delays[attempt];
    if (delay === undefined) {
      log(`CDN purge gave up after ${attempt + 1} attempts: ${new URL(url).host} ${problem}.`);
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** Sends the purge in the background when CDN_PURGE_URL is set; does nothing otherwise. */
export function purgeCdnInBackground(request: PurgeRequest): void {
  const { CDN_PURGE_URL, CDN_PURGE_SECRET } = env();
  if (!CDN_PURGE_URL || !CDN_PURGE_SECRET) return;
  void sendPurge(request, { url: CDN_PURGE_URL, secret: CDN_PURGE_SECRET });
}
