import { slugify } from '../text/slug';

/**
 * Ids on the review page that a section's anchor must not take (the skip link's target and the
 * headings of the page's other parts).
 */
const PAGE_IDS = new Set(['main', 'facts-heading', 'toc-heading', 'related-heading']);

/**
 * Each section with its anchor on the page: its heading as a slug ("#plot-summary", a link a
 * reader can share and read), made unique with -2, -3…; the opening (no heading) is "opening".
 * Short on purpose: an anchor is written four times per section in the HTML and its payload.
 */
export function withAnchors<S extends { heading: string }>(
  sections: readonly S[],
): Array<S & { anchor: string }> {
  const taken = new Set(PAGE_IDS);
  return sections.map((section) => {
    const base = slugify(section.heading).slice(0, 60) || (section.heading ? 'section' : 'opening');
    let anchor = base;
    for (let n = 2; taken.has(anchor) || taken.has(`${anchor}-title`); n++) anchor = `${base}-${n}`;
    taken.add(anchor);
    taken.add(`${anchor}-title`);
    return { ...section, anchor };
  });
}
