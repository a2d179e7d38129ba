import type { Poster, PublishedReview } from '../../db/queries/public-reviews';
import { publishedSections } from './publish-checklist';
import type { ReviewContent } from './review-content';

/** A working copy shaped like a published review, so a preview renders with the public components. */
export function previewOf(
  content: ReviewContent,
  authorName: string | null,
  poster: Poster | null,
  now: Date,
): PublishedReview {
  return {
    slug: content.slug,
    headline: content.headline || 'Untitled review',
    dek: content.dek,
    workTitle: content.work.title || 'Untitled work',
    year: content.work.year,
    kind: content.work.kind,
    rating: content.rating,
    publishedAt: now.toISOString(),
    originalTitle: content.work.originalTitle,
    countries: content.work.countries,
    languages: content.work.languages,
    runtimeMinutes: content.work.runtimeMinutes,
    updatedAt: now.toISOString(),
    authorName,
    poster,
    genres: content.genres,
    credits: content.credits.map(({ name, slug, role, character }) => ({
      name,
      slug,
      role,
      character,
    })),
    // What publishing would put on the page: not the sections still empty.
    sections: publishedSections(content.sections).map(({ id, kind, heading, spoiler, body }) => ({
      id,
      kind,
      heading,
      spoiler,
      body,
    })),
  };
}
