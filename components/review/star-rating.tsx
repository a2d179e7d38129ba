/**
 * A rating as stars, with the figure in words for screen readers ("Rated 4.5 out of 5"). The
 * stars are drawn with a clipped overlay, so half stars need no images.
 */
export function StarRating({ rating }: { rating: { value: number; scale: number } }) {
  const percent = (rating.value / rating.scale) * 100;
  const stars = '★'.repeat(rating.scale);
  return (
    <span className="star-rating">
      <span className="stars" aria-hidden="true">
        <span className="stars-empty">{stars}</span>
        <span className="stars-full" style={{ width: `${percent}%` }}>
          {stars}
        </span>
      </span>
      <span className="rating-figure">
        <span className="visually-hidden">Rated </span>
        {rating.value}
        <span className="visually-hidden"> out of {rating.scale}</span>
        <span aria-hidden="true">/{rating.scale}</span>
      </span>
    </span>
  );
}
