import { randomUUID } from 'node:crypto';
import { emptyRichText } from './rich-text/validate';
import type { ReviewContent } from './review-content';
import { STANDARD_SECTIONS } from './vocabulary';

/** The content of a review that has just been started: empty fields and the eight standard sections. */
export function newReviewContent(): ReviewContent {
  return {
    slug: `untitled-${randomUUID().slice(0, 8)}`,
    headline: '',
    dek: '',
    work: {
      title: '',
      originalTitle: null,
      year: null,
      kind: 'film',
      countries: [],
      languages: [],
      runtimeMinutes: null,
    },
    rating: null,
    posterMediaId: null,
    genres: [],
    credits: [],
    sections: STANDARD_SECTIONS.map(({ kind, heading }) => ({
      id: randomUUID(),
      kind,
      heading,
      spoiler: false,
      body: emptyRichText(),
    })),
  };
}
