import { env } from './env';
import { trimEndChars } from './text/trim';

/** The publication's name, shown in the header and page titles. */
export const SITE_NAME = env().SITE_NAME;

/** What the publication is, for the about page and the home page's description. */
export const SITE_DESCRIPTION = env().SITE_DESCRIPTION;

/** The public origin, for links printed outside a request (setup link, CLI output). */
export function siteUrl(): string {
  const { SITE_URL, NEXTAUTH_URL, PORT } = env();
  return trimEndChars(SITE_URL || NEXTAUTH_URL || `http://localhost:${PORT ?? 3000}`, '/');
}

/** What the editor's search and social preview says of the site. */
export function editorSite(): { name: string; url: string } {
  return { name: SITE_NAME, url: siteUrl() };
}
