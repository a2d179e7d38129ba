import { trimEndChars } from './text/trim';

/** The publication's name, shown in the header and page titles. */
export const SITE_NAME = process.env.SITE_NAME?.trim() || 'The Review Desk';

/** What the publication is, for the about page and the home page's description. */
export const SITE_DESCRIPTION =
  process.env.SITE_DESCRIPTION?.trim() ||
  'Reviews of film and television: the story, the performances, the craft, and whether it is worth your evening.';

/** The public origin, for links printed outside a request (setup link, CLI output). */
export function siteUrl(): string {
  const configured = process.env.SITE_URL?.trim() || process.env.NEXTAUTH_URL?.trim();
  return trimEndChars(configured || `http://localhost:${process.env.PORT ?? 3000}`, '/');
}
