/** The publication's name, shown in the header and page titles. */
export const SITE_NAME = process.env.SITE_NAME?.trim() || 'The Review Desk';
