import Image from 'next/image';
import Link from 'next/link';
import type { MediaItem } from '@/db/media/media';
import styles from './media-grid.module.css';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/**
 * The library as a grid of thumbnails, served as WebP variants through the media loader. Each
 * card is one link to the image's page, named by its file name (the link's box is stretched
 * over the card, so the thumbnail is a click target too without being a second tab stop).
 */
export function MediaGrid({ items }: { items: MediaItem[] }) {
  return (
    <ul className={styles.grid}>
      {items.map((item) => (
        <li key={item.id}>
          <figure className={styles.item}>
            <Image
              src={`/media/${item.id}`}
              width={item.width}
              height={item.height}
              alt={item.alt}
              // Grid columns are at least 12rem wide: two across on a phone, up to 15rem each.
              sizes="(max-width: 40rem) 50vw, 15rem"
              className={styles.image}
            />
            <figcaption className={styles.caption}>
              <Link href={`/admin/media/${item.id}`} className={`${styles.name} ${styles.link}`}>
                {item.originalName}
              </Link>
              <span className="muted small">
                {item.width} × {item.height} · {dateFormat.format(item.createdAt)}
              </span>
              {!item.alt && <span className="muted small">No suggested alt text</span>}
            </figcaption>
          </figure>
        </li>
      ))}
    </ul>
  );
}
