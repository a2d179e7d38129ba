import { ImageResponse } from 'next/og';
import { getPublishedReviewBySlug } from '@/db/queries/public-reviews';
import { READER_CACHE_CONTROL } from '@/lib/cache/reader-cache';
import { drawableText } from '@/lib/seo/font-coverage';
import { ogFonts } from '@/lib/seo/og-fonts';
import { truncateText } from '@/lib/seo/text';
import { SITE_NAME } from '@/lib/site';

// The share image of a review without a poster (reviewMetadata leaves the images out then, so
// Next.js points og:image here): headline, the work, the rating and the site's name, drawn
// with fonts installed on the machine and nothing fetched. It exists only for published
// reviews: getPublishedReviewBySlug reads the published projection, so a draft's slug is a 404.
// Drawn per request, like the feed; a CDN may keep it as long as a reader page.

export const dynamic = 'force-dynamic';
export const alt = 'The review’s headline, the work reviewed and its rating';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';

const INK = '#f6f1e7';
const MUTED = '#c9c1b1';
const ACCENT = '#e3b04b';
const DIM = '#4a4640';
const STAR = 'M24 3l6.2 13.6 14.8 1.6-11 10 3.1 14.6L24 35.4 10.9 42.8 14 28.2 3 18.2l14.8-1.6z';

function Stars({ value, scale }: { value: number; scale: number }) {
  const stars = (value / scale) * 5;
  return (
    <div style={{ display: 'flex', gap: 6 }}>
      {[0, 1, 2, 3, 4].map((i) => {
        const fill = Math.max(0, Math.min(1, stars - i));
        const shown = fill >= 0.75 ? 48 : fill >= 0.25 ? 24 : 0;
        return (
          <svg key={i} width={48} height={48} viewBox="0 0 48 48">
            <defs>
              <clipPath id={`star-${i}`}>
                <rect x={0} y={0} width={shown} height={48} />
              </clipPath>
            </defs>
            <path d={STAR} fill={DIM} />
            <path d={STAR} fill={ACCENT} clipPath={`url(#star-${i})`} />
          </svg>
        );
      })}
    </div>
  );
}

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const review = await getPublishedReviewBySlug((await params).slug);
  if (!review) {
    return new Response('Not found', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }

  const { fonts, coverage } = await ogFonts();
  const draw = (text: string) => drawableText(text, coverage);
  const siteName = draw(SITE_NAME);
  const headline = draw(truncateText(review.headline, 140)) || draw(review.workTitle) || siteName;
  const workTitle = draw(review.workTitle);
  const kind = review.kind === 'film' ? 'Film' : 'Series';
  const work = [workTitle, review.year === null ? '' : `(${review.year})`]
    .filter(Boolean)
    .join(' ');
  const rating = review.rating;

  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: '64px 72px',
        background: '#16181d',
        color: INK,
        fontFamily: fonts ? fonts[0]!.name : undefined,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
        <div style={{ display: 'flex', width: 14, height: 44, background: ACCENT }} />
        <div style={{ display: 'flex', fontSize: 34, fontWeight: 700, color: MUTED }}>
          {siteName}
        </div>
      </div>
      <div
        style={{
          display: 'flex',
          fontSize: headline.length > 90 ? 54 : 66,
          fontWeight: 700,
          lineHeight: 1.15,
        }}
      >
        {headline}
      </div>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <div style={{ display: 'flex', fontSize: 36, color: MUTED }}>
          {work ? `${work} · ${kind}` : kind}
        </div>
        {rating && (
          <div style={{ display: 'flex', alignItems: 'center', gap: 18 }}>
            <Stars value={rating.value} scale={rating.scale} />
            <div style={{ display: 'flex', fontSize: 36, color: INK }}>
              {`${rating.value} / ${rating.scale}`}
            </div>
          </div>
        )}
      </div>
    </div>,
    { ...size, fonts, headers: { 'Cache-Control': READER_CACHE_CONTROL } },
  );
}
