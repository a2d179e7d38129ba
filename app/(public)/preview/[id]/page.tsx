import Link from 'next/link';
import { ReviewArticle } from '@/components/review/review-article';
import { getPoster } from '@/db/queries/public-reviews';
import { guardPage } from '@/db/auth/page-guard';
import { previewOf } from '@/lib/content/preview';
import { loadForEditing } from '../../../(admin)/admin/reviews/_lib/load-review';

export const metadata = { title: 'Preview', robots: { index: false, follow: false } };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ width?: string | string[]; embedded?: string | string[] }>;
};

/** The width of a phone the preview can be seen at (an iPhone's 375 CSS pixels). */
const PHONE_WIDTH = 375;

/**
 * The working draft as readers will see it: inside the public site's own layout, with its
 * stylesheet, fonts, byline, facts box and contents, marked as a preview. "Phone" shows the
 * same page in a frame 375 pixels wide, so the page's own phone layout applies. Staff only:
 * guardPage and loadForEditing check who is asking, and the answer is never cached.
 */
export default async function PreviewPage({ params, searchParams }: Props) {
  const user = await guardPage('admin:access');
  const { id } = await params;
  const { width, embedded } = await searchParams;
  const review = await loadForEditing(id);
  const poster = await getPoster(review.content.posterMediaId);
  const view = previewOf(review.content, review.authorName ?? user.name, poster, new Date());
  if (embedded === '1') return <ReviewArticle review={view} preview />;
  const phone = width === 'phone';
  const here = `/preview/${review.id}`;
  return (
    <>
      <div className="preview-banner" role="note">
        <p>
          <strong>Preview</strong> of the current draft (version {review.version}) — not public.
        </p>
        <nav aria-label="Preview width" className="preview-widths">
          <Link href={here} aria-current={phone ? undefined : 'page'}>
            Desktop
          </Link>
          <Link href={`${here}?width=phone`} aria-current={phone ? 'page' : undefined}>
            Phone
          </Link>
        </nav>
        <Link href={`/admin/reviews/${review.id}`}>Back to the editor</Link>
      </div>
      {phone ? (
        <iframe
          className="preview-phone"
          src={`${here}?embedded=1`}
          title={`The preview at a phone’s width (${PHONE_WIDTH} pixels)`}
          width={PHONE_WIDTH}
          height={800}
        />
      ) : (
        <ReviewArticle review={view} preview />
      )}
    </>
  );
}
