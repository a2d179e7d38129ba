import Link from 'next/link';
import { REVIEW_STATUS_LABELS } from '@/lib/content/vocabulary';
import { describeUse, type VisibleUses } from '@/lib/media/usage';
import styles from './media-detail.module.css';

/** How many uses are listed before the rest are only counted. */
const LISTED = 100;

/**
 * The reviews that use an image, each linking to its editor, with its status and where it
 * shows the image. Reviews the viewer may not open are only counted.
 */
export function MediaUses({ uses, hidden }: VisibleUses) {
  const listed = uses.slice(0, LISTED);
  const more = uses.length - listed.length;
  return (
    <>
      {listed.length > 0 && (
        <ul className={styles.uses}>
          {listed.map((use) => (
            <li key={use.reviewId}>
              <Link href={`/admin/reviews/${use.reviewId}`}>{use.label}</Link>{' '}
              <span className={`status${use.status === 'published' ? ' status-published' : ''}`}>
                {REVIEW_STATUS_LABELS[use.status]}
              </span>
              <span className="muted small">{describeUse(use)}</span>
            </li>
          ))}
        </ul>
      )}
      {(more > 0 || hidden > 0) && (
        <p className="muted">
          {more > 0 && `And ${more.toLocaleString('en')} more. `}
          {hidden > 0 &&
            `${hidden === 1 ? 'One review' : `${hidden.toLocaleString('en')} reviews`} you cannot open ${hidden === 1 ? 'uses' : 'use'} it too.`}
        </p>
      )}
    </>
  );
}
