import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a 403 status.
  experimental: {
    authInterrupts: true,
    // Cached reader pages live in memory only (an LRU, cacheMaxMemorySize): a restart starts
    // from an empty cache, so a server never serves pages rendered from another database.
    // Several instances would share a cache handler instead (README, Performance).
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
  // The home page is the first page of the latest reviews, cached with them.
  async rewrites() {
    return { beforeFiles: [{ source: '/', destination: '/page/1' }], afterFiles: [], fallback: [] };
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
    ];
  },
};

export default nextConfig;
