import type { NextConfig } from 'next';
import { env, isProduction } from './lib/env';
import {
  STAFF_PATH_PREFIXES,
  STRICT_TRANSPORT_SECURITY,
  contentSecurityPolicy,
} from './lib/security/content-security-policy';

// A search query that can travel as one path segment: Next puts it into the rewritten path
// URI-encoded but with / ? # % as they are, and a segment of dots would be resolved away.
// Anything else (rare: "AC/DC", "50%") is served by /search itself, rendered per request.
const SEARCH_QUERY = {
  type: 'query' as const,
  key: 'q',
  value: '(?<q>(?!\\.{1,2}$)[^/?#%\\\\]{1,200})',
};
const SEARCH_PAGE = { type: 'query' as const, key: 'page', value: '(?<page>[1-9][0-9]{0,2})' };

// Every path but the staff ones, which get a per-request nonce policy from proxy.ts instead.
const READER_PATHS = `/((?!${STAFF_PATH_PREFIXES.join('|')}).*)`;

// REDIS_URL puts the page and query cache in Redis, shared by every instance that names the same
// server (README, "Shared cache (Redis)"); without it each process keeps its own in memory. This
// file is read by `next build` and again by the server as it starts, so the server's environment
// decides. A bad environment configures nothing here: the server's start reports it and stops.
function sharedCacheUrl(): string | undefined {
  try {
    return env().REDIS_URL;
  } catch {
    return undefined;
  }
}

const sharedCache: Pick<NextConfig, 'cacheHandler' | 'cacheMaxMemorySize'> = sharedCacheUrl()
  ? // Next's own memory cache off: every instance reads what the others wrote.
    { cacheHandler: require.resolve('./lib/cache/redis-cache-handler.mjs'), cacheMaxMemorySize: 0 }
  : {};

const nextConfig: NextConfig = {
  ...sharedCache,
  poweredByHeader: false,
  // server.mjs compresses, and sends each cached page's gzip from a cache instead of compressing
  // it for every reader (lib/net/compressed-responses.mjs).
  compress: false,
  // server.mjs also gives shared pages their ETag, hashed once per version instead of per request.
  generateEtags: false,
  // forbidden() renders app/forbidden.tsx with a 403 status.
  experimental: {
    authInterrupts: true,
    // Cached reader pages live in memory only (an LRU, cacheMaxMemorySize): a restart starts
    // from an empty cache, so a server never serves pages rendered from another database.
    // Several instances share the Redis handler instead (sharedCache above).
    isrFlushToDisk: false,
    // Image uploads go through a Server Action: room for a 10 MB file plus the form around it.
    serverActions: { bodySizeLimit: '11mb' },
    proxyClientMaxBodySize: '11mb',
  },
  // better-sqlite3 is a native addon: Next keeps it external by default, listed here so the
  // intent survives a change of defaults.
  serverExternalPackages: ['better-sqlite3'],
  // Uploads are resized once, when they arrive (lib/media/process-image.ts); the loader maps
  // each next/image request to one of those stored WebP files. The srcset widths are exactly
  // the variant widths (lib/media/constants.ts VARIANT_WIDTHS, checked by
  // tests/media/loader.test.ts), so each srcset entry names a distinct file.
  images: {
    loader: 'custom',
    loaderFile: './lib/media/image-loader.ts',
    deviceSizes: [320, 640, 960, 1280, 1920],
    imageSizes: [],
  },
  async rewrites() {
    return {
      beforeFiles: [
        // The home page is the first page of the latest reviews, cached with them.
        { source: '/', destination: '/page/1' },
        // A search for words is a cached page per query and page (the search page reads the
        // query string, so it would be rendered on every request).
        {
          source: '/search',
          has: [SEARCH_QUERY, SEARCH_PAGE],
          destination: '/search/results/:q/:page',
        },
        { source: '/search', has: [SEARCH_QUERY], destination: '/search/results/:q/1' },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
      {
        // Reader pages and files: one static policy, sent without running any code per request.
        source: READER_PATHS,
        headers: [
          {
            key: 'Content-Security-Policy',
            value: contentSecurityPolicy(null, isProduction()),
          },
        ],
      },
      {
        // The preview shows itself at a phone's width in a frame: this site may frame it.
        source: '/preview/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
          {
            key: 'Content-Security-Policy',
            value: contentSecurityPolicy(null, isProduction(), true),
          },
        ],
      },
      {
        source: READER_PATHS,
        has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
        headers: [{ key: 'Strict-Transport-Security', value: STRICT_TRANSPORT_SECURITY }],
      },
    ];
  },
};

export default nextConfig;
