import type { ReviewSection } from './review-content';

/**
 * What staff screens call a section. The opening (a first section with no heading, which
 * readers see without one) needs a name in lists, diffs, checklists and conflict views.
 */
export function sectionLabel(section: Pick<ReviewSection, 'heading'>): string {
  return section.heading === '' ? 'Opening (no heading)' : section.heading;
}
