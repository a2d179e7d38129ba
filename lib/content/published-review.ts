import type { CreditRole, SectionKind, WorkKind } from './vocabulary';

// A published review as the reader pages get it from the data layer (db/queries/public-reviews.ts):
// plain, JSON-safe objects, declared here so that components can take them without importing db/.

export type PublishedReviewSummary = {
  slug: string;
  headline: string;
  dek: string;
  workTitle: string;
  year: number | null;
  kind: WorkKind;
  rating: { value: number; scale: number } | null;
  /** ISO 8601: results are cached as JSON. */
  publishedAt: string;
  /** The poster from the media library, with its size for next/image. */
  poster: Poster | null;
};

export type Poster = { id: number; width: number; height: number };

export type PublishedReview = PublishedReviewSummary & {
  originalTitle: string | null;
  countries: string[];
  languages: string[];
  runtimeMinutes: number | null;
  /** ISO 8601. */
  updatedAt: string;
  authorName: string | null;
  genres: Array<{ name: string; slug: string }>;
  credits: Array<{ name: string; slug: string; role: CreditRole; character: string | null }>;
  sections: Array<{
    id: string;
    kind: SectionKind;
    heading: string;
    spoiler: boolean;
    body: unknown;
  }>;
};
