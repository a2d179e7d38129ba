/** The site-wide rating scale: 0 to 5 stars in half-star steps. */
export const RATING_SCALE = 5;
export const RATING_STEP = 0.5;
