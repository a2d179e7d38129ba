import styles from './poster-placeholder.module.css';

/**
 * In place of a missing poster: the work's title and year on a tinted card of a poster's
 * shape (2:3), edged with sprocket holes like a strip of film. Plain HTML and CSS, rendered
 * on the server. Decorative: the title is always said next to it (the facts box's heading, a
 * card's kicker), so assistive technology skips it.
 */
export function PosterPlaceholder({
  title,
  year,
  className,
}: {
  title: string;
  year: number | null;
  /** The class a poster image would have in the same place (its width and margins). */
  className: string;
}) {
  return (
    <div className={`${className} poster-placeholder ${styles.posterCard}`} aria-hidden="true">
      <span className={styles.frame}>
        <span className={styles.title}>{title}</span>
        {year !== null && <span className={styles.year}>{year}</span>}
      </span>
    </div>
  );
}
