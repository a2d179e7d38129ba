import type { ReviewContent, ReviewSection } from './review-content';
import { deepEqual } from './deep-equal';
import { sectionLabel } from './section-label';

// Three-way merge of review content, field by field and section by section. Two editors who
// changed different fields or different sections both keep their changes; when both changed
// the same field (or the same part of one section) differently, the merge reports a conflict
// and never picks a winner itself: the person saving decides, seeing both texts.
//
// Used by the server on every save based on an older version, and by the editor in the
// browser to fold a merged save back into what was typed while it was in flight.

/** Where a conflict is: a top-level field, a work field, or a part of one section. */
export type ConflictPath =
  | 'slug'
  | 'headline'
  | 'dek'
  | 'rating'
  | 'posterMediaId'
  | 'genres'
  | 'credits'
  | `work.${keyof ReviewContent['work']}`
  | `sections.${string}`;

export type MergeConflict = {
  path: ConflictPath;
  /** What an editor calls this field, such as "Headline" or "Section “Plot Summary”: text". */
  label: string;
  base: unknown;
  theirs: unknown;
  mine: unknown;
};

export type MergeResult = {
  /** The merge; where there is a conflict it holds their value until someone decides. */
  content: ReviewContent;
  conflicts: MergeConflict[];
};

const TOP_FIELDS = [
  ['slug', 'Slug'],
  ['headline', 'Headline'],
  ['dek', 'Dek'],
  ['rating', 'Rating'],
  ['posterMediaId', 'Poster'],
  ['genres', 'Genres'],
  ['credits', 'Credits'],
] as const;

const WORK_FIELDS = [
  ['title', 'Title of the work'],
  ['originalTitle', 'Original title'],
  ['year', 'Year'],
  ['kind', 'Film or series'],
  ['countries', 'Countries'],
  ['languages', 'Languages'],
  ['runtimeMinutes', 'Runtime'],
] as const;

const SECTION_PARTS = [
  ['heading', 'heading'],
  ['kind', 'kind'],
  ['spoiler', 'spoiler setting'],
  ['body', 'text'],
] as const;

type Outcome<T> = { ok: true; value: T } | { ok: false };

/** The classic rule for one value: whoever changed it wins; both changing it differently conflicts. */
export function mergeValue<T>(base: T, theirs: T, mine: T): Outcome<T> {
  if (deepEqual(mine, theirs)) return { ok: true, value: theirs };
  if (deepEqual(mine, base)) return { ok: true, value: theirs };
  if (deepEqual(theirs, base)) return { ok: true, value: mine };
  return { ok: false };
}

const sectionName = (section: ReviewSection) => `Section “${sectionLabel(section)}”`;

export function mergeReviewContent(
  base: ReviewContent,
  theirs: ReviewContent,
  mine: ReviewContent,
): MergeResult {
  const conflicts: MergeConflict[] = [];
  const merged: ReviewContent = { ...theirs, work: { ...theirs.work } };

  for (const [field, label] of TOP_FIELDS) {
    const outcome = mergeValue<unknown>(base[field], theirs[field], mine[field]);
    if (outcome.ok) Object.assign(merged, { [field]: outcome.value });
    else conflicts.push({ path: field, label, ...pick(base[field], theirs[field], mine[field]) });
  }
  for (const [field, label] of WORK_FIELDS) {
    const outcome = mergeValue<unknown>(base.work[field], theirs.work[field], mine.work[field]);
    if (outcome.ok) Object.assign(merged.work, { [field]: outcome.value });
    else
      conflicts.push({
        path: `work.${field}`,
        label,
        ...pick(base.work[field], theirs.work[field], mine.work[field]),
      });
  }

  const sections = mergeSections(base.sections, theirs.sections, mine.sections);
  merged.sections = sections.sections;
  conflicts.push(...sections.conflicts);
  return { content: merged, conflicts };
}

const pick = (base: unknown, theirs: unknown, mine: unknown) => ({ base, theirs, mine });

function byId(list: ReviewSection[]): Map<string, ReviewSection> {
  return new Map(list.map((section) => [section.id, section]));
}

function mergeSections(
  base: ReviewSection[],
  theirs: ReviewSection[],
  mine: ReviewSection[],
): { sections: ReviewSection[]; conflicts: MergeConflict[] } {
  const conflicts: MergeConflict[] = [];
  const [baseMap, theirMap, myMap] = [byId(base), byId(theirs), byId(mine)];
  const result = new Map<string, ReviewSection>();

  for (const id of new Set([...theirMap.keys(), ...myMap.keys(), ...baseMap.keys()])) {
    const [b, t, m] = [baseMap.get(id), theirMap.get(id), myMap.get(id)];
    if (!b) {
      // New on one side only (ids are random, so never new on both).
      const added = t ?? m;
      if (added) result.set(id, added);
      continue;
    }
    if (!t && !m) continue; // deleted on both sides
    if (!t || !m) {
      // Deleted on one side: fine if the other side left it as it was, else a conflict, so
      // nobody's rewrite of a section silently disappears with it.
      const kept = (t ?? m)!;
      if (deepEqual(kept, b)) continue;
      conflicts.push({
        path: `sections.${id}`,
        label: `${sectionName(kept)}: deleted on one side, changed on the other`,
        base: b,
        theirs: t ?? null,
        mine: m ?? null,
      });
      if (t) result.set(id, t);
      continue;
    }
    const section: ReviewSection = { ...t };
    for (const [part, partLabel] of SECTION_PARTS) {
      const outcome = mergeValue<unknown>(b[part], t[part], m[part]);
      if (outcome.ok) Object.assign(section, { [part]: outcome.value });
      else
        conflicts.push({
          path: `sections.${id}.${part}`,
          label: `${sectionName(t)}: ${partLabel}`,
          ...pick(b[part], t[part], m[part]),
        });
    }
    result.set(id, section);
  }

  return { sections: orderSections(base, theirs, mine, result), conflicts };
}

/** Ids of `list` that are also in `among`, in `list`'s order. */
const commonOrder = (list: ReviewSection[], among: Map<string, unknown>) =>
  list.map((section) => section.id).filter((id) => among.has(id));

/**
 * The order of the merged sections: their order, unless only I reordered the sections we
 * both still have, then mine. Sections added on either side keep their place after the
 * section they followed.
 */
function orderSections(
  base: ReviewSection[],
  theirs: ReviewSection[],
  mine: ReviewSection[],
  result: Map<string, ReviewSection>,
): ReviewSection[] {
  const shared = new Map(
    base
      .filter((s) => theirs.some((t) => t.id === s.id) && mine.some((m) => m.id === s.id))
      .map((s) => [s.id, true]),
  );
  const baseOrder = commonOrder(base, shared);
  const iReordered = !deepEqual(commonOrder(mine, shared), baseOrder);
  const theyReordered = !deepEqual(commonOrder(theirs, shared), baseOrder);
  const [primary, secondary] = iReordered && !theyReordered ? [mine, theirs] : [theirs, mine];

  const order = primary.map((s) => s.id).filter((id) => result.has(id));
  secondary.forEach((section, index) => {
    if (!result.has(section.id) || order.includes(section.id)) return;
    const before = secondary
      .slice(0, index)
      .map((s) => s.id)
      .filter((id) => order.includes(id))
      .at(-1);
    order.splice(before === undefined ? 0 : order.indexOf(before) + 1, 0, section.id);
  });
  return order.map((id) => result.get(id)!);
}

/**
 * Puts the value someone chose for a conflict (mine, theirs, or an edited merge) into the
 * merged content. A whole section set to null is removed; a whole section that is missing is
 * put back where it stands in `mine`.
 */
export function applyResolution(
  content: ReviewContent,
  path: ConflictPath,
  value: unknown,
  mine: ReviewContent,
): ReviewContent {
  const next: ReviewContent = { ...content, work: { ...content.work } };
  if (path.startsWith('work.')) {
    Object.assign(next.work, { [path.slice('work.'.length)]: value });
    return next;
  }
  if (!path.startsWith('sections.')) {
    Object.assign(next, { [path]: value });
    return next;
  }
  const [id, part] = path.slice('sections.'.length).split('.') as [string, string | undefined];
  if (part !== undefined) {
    next.sections = content.sections.map((s) => (s.id === id ? { ...s, [part]: value } : s));
    return next;
  }
  const others = content.sections.filter((s) => s.id !== id);
  if (value === null) return { ...next, sections: others };
  const at = content.sections.findIndex((s) => s.id === id);
  const index =
    at >= 0
      ? at
      : Math.min(
          mine.sections.findIndex((s) => s.id === id),
          others.length,
        );
  others.splice(Math.max(index, 0), 0, value as ReviewSection);
  return { ...next, sections: others };
}
