import { diffArrays, diffWords, type ChangeObject } from 'diff';
import type { JSONContent } from '@tiptap/core';
import { deepEqual } from './deep-equal';
import type { PlainBlock, PlainBlockKind } from './rich-text/plain-blocks';
import {
  countryName,
  languageName,
  type ReviewContent,
  type ReviewSection,
} from './review-content';
import { CREDIT_ROLE_LABELS, type SectionKind } from './vocabulary';

// What changed between two revisions of a review, in a form a page can show directly: the
// fields one by one, genres and credits as lines, and the sections matched by their stable id
// (added, removed, moved, renamed, and their text compared word by word inside each paragraph).
// Pure: no database, no React.

/** A run of text that is in both versions, only in the newer one, or only in the older one. */
export type DiffPart = { type: 'same' | 'ins' | 'del'; text: string };

export type FieldDiff = { field: string; label: string; parts: DiffPart[] };

/** Lines of a list (credits, genres): what was added, removed or changed in place. */
export type LineDiff =
  | { status: 'added'; text: string }
  | { status: 'removed'; text: string }
  | { status: 'changed'; parts: DiffPart[] };

export type ListDiff = { lines: LineDiff[]; reordered: boolean };

/** The kind of list a list item is in. */
export type ListStyle = 'bullet' | 'ordered';

/**
 * A block of a section body as the history shows it: its plain text (plainBlocks' blocks), and
 * for a list item, the kind of list and the marker a reader sees before it.
 */
export type DiffBlock = PlainBlock & {
  /** For list items; null for every other block. */
  list: ListStyle | null;
  /**
   * What a reader sees before the item: "1.", "2." … in a numbered list (from its start, in its
   * style: 1, a, A, i or I), "•" in a bulleted one. Only on an item's first block: a second
   * paragraph of the same item has none.
   */
  marker: string | null;
};

export type BlockDiff = {
  status: 'same' | 'added' | 'removed' | 'changed';
  kind: PlainBlockKind;
  /**
   * Set when a block kept its words but changed kind (a paragraph became a list item) or list
   * (a bulleted item became a numbered one); `previousList` is then the list it was in.
   */
  previousKind: PlainBlockKind | null;
  previousList: ListStyle | null;
  level: number;
  list: ListStyle | null;
  /** The list marker in the version shown (the newer one, the older for a removed block). */
  marker: string | null;
  parts: DiffPart[];
};

export type SectionDiff = {
  id: string;
  status: 'added' | 'removed' | 'changed';
  /** The newer heading (the older one for a removed section). */
  heading: string;
  /** 1-based positions in the older and newer revision; null where the section is absent. */
  position: { before: number | null; after: number | null };
  /** Moved relative to the other sections (not merely shifted by an insertion or removal). */
  moved: boolean;
  headingParts: DiffPart[] | null;
  kind: { before: SectionKind; after: SectionKind } | null;
  spoiler: { before: boolean; after: boolean } | null;
  /** Every block of the body, when its text changed (or the section was added or removed). */
  body: BlockDiff[] | null;
  /** The body's formatting changed (bold, links…) while its words stayed the same. */
  formattingOnly: boolean;
};

export type RevisionDiff = {
  fields: FieldDiff[];
  genres: ListDiff;
  credits: ListDiff;
  /** Only the sections that changed, in reading order (removed ones where they used to be). */
  sections: SectionDiff[];
  unchangedSections: number;
  unchanged: boolean;
};

/** What the history knows of an image of the media library, to name a poster by. */
export type MediaLabel = { alt: string; originalName: string };

export type DiffOptions = {
  /**
   * The posters of both revisions, by id (see posterMediaIds). A poster is named by its alt
   * text, else its file name; one that is not here (not looked up, or deleted since) by its id.
   */
  media?: ReadonlyMap<number, MediaLabel>;
};

/** A word diff that takes longer than this is shown as "all removed, all inserted" instead. */
const DIFF_TIMEOUT_MS = 200;

/** Below this share of common text, two blocks are shown as one removed and one added. */
const PAIRING_SIMILARITY = 0.3;

function mergeParts(parts: DiffPart[]): DiffPart[] {
  const merged: DiffPart[] = [];
  for (const part of parts) {
    if (part.text === '') continue;
    const last = merged[merged.length - 1];
    if (last && last.type === part.type) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}

function fromChanges(changes: ChangeObject<string>[]): DiffPart[] {
  return mergeParts(
    changes.map((change) => ({
      type: change.added ? 'ins' : change.removed ? 'del' : 'same',
      text: change.value,
    })),
  );
}

/** Word-level diff of two texts; insertions and deletions stay inside the sentence. */
export function diffText(before: string, after: string): DiffPart[] {
  if (before === after) return before === '' ? [] : [{ type: 'same', text: before }];
  const changes = diffWords(before, after, { timeout: DIFF_TIMEOUT_MS });
  if (!changes) {
    return mergeParts([
      { type: 'del', text: before },
      { type: 'ins', text: after },
    ]);
  }
  return fromChanges(changes);
}

/** A value replaced as a whole (a year, a slug): the old one deleted, the new one inserted. */
function replaced(before: string | null, after: string | null): DiffPart[] {
  return mergeParts([
    { type: 'del', text: before ?? '' },
    { type: 'ins', text: after ?? '' },
  ]);
}

function similarity(parts: DiffPart[], before: string, after: string): number {
  const longest = Math.max(before.trim().length, after.trim().length);
  if (longest === 0) return 1;
  const common = parts
    .filter((part) => part.type === 'same')
    .reduce((sum, part) => sum + part.text.trim().length, 0);
  return common / longest;
}

// ---- Fields ----

const orNull = (value: string | null | undefined) =>
  value === null || value === undefined || value === '' ? null : value;

type ScalarField = 'slug' | 'year' | 'kind' | 'countries' | 'languages' | 'runtime' | 'rating';

function scalarFields(content: ReviewContent): Record<ScalarField, string | null> {
  return {
    slug: content.slug,
    year: content.work.year === null ? null : String(content.work.year),
    kind: content.work.kind === 'film' ? 'Film' : 'Series',
    countries: orNull(content.work.countries.map(countryName).join(', ')),
    languages: orNull(content.work.languages.map(languageName).join(', ')),
    runtime: content.work.runtimeMinutes === null ? null : `${content.work.runtimeMinutes} min`,
    rating: content.rating ? `${content.rating.value} / ${content.rating.scale}` : null,
  };
}

const TEXT_FIELDS: Array<{
  field: string;
  label: string;
  read: (content: ReviewContent) => string;
}> = [
  { field: 'headline', label: 'Headline', read: (c) => c.headline },
  { field: 'dek', label: 'Dek', read: (c) => c.dek },
  { field: 'work.title', label: 'Title', read: (c) => c.work.title },
  { field: 'work.originalTitle', label: 'Original title', read: (c) => c.work.originalTitle ?? '' },
];

const SCALAR_LABELS: Record<ScalarField, string> = {
  slug: 'Slug',
  year: 'Year',
  kind: 'Kind',
  countries: 'Countries',
  languages: 'Languages',
  runtime: 'Runtime',
  rating: 'Rating',
};

/** The media ids a comparison of these two revisions names (their posters), to look up. */
export function posterMediaIds(before: ReviewContent, after: ReviewContent): number[] {
  const ids = [before.posterMediaId, after.posterMediaId].filter((id) => id !== null);
  return [...new Set(ids)];
}

/** An image as people know it: its alt text, else its file name, else its number. */
function mediaName(id: number, media: DiffOptions['media']): string {
  const item = media?.get(id);
  const alt = item?.alt.trim();
  if (alt) return alt;
  const file = item?.originalName.trim();
  return file || `Image ${id}`;
}

/** The poster, when it changed: each one by its name (and its number, if both share a name). */
function posterField(
  before: number | null,
  after: number | null,
  media: DiffOptions['media'],
): FieldDiff | null {
  if (before === after) return null;
  let [a, b] = [before, after].map((id) => (id === null ? null : mediaName(id, media)));
  if (a !== null && a === b) [a, b] = [`${a} (image ${before})`, `${b} (image ${after})`];
  return { field: 'poster', label: 'Poster', parts: replaced(a ?? null, b ?? null) };
}

function diffFields(
  before: ReviewContent,
  after: ReviewContent,
  options: DiffOptions,
): FieldDiff[] {
  const fields: FieldDiff[] = [];
  for (const { field, label, read } of TEXT_FIELDS) {
    const [a, b] = [read(before), read(after)];
    if (a !== b) fields.push({ field, label, parts: diffText(a, b) });
  }
  const [a, b] = [scalarFields(before), scalarFields(after)];
  for (const key of Object.keys(SCALAR_LABELS) as ScalarField[]) {
    if (a[key] !== b[key])
      fields.push({ field: key, label: SCALAR_LABELS[key], parts: replaced(a[key], b[key]) });
  }
  const poster = posterField(before.posterMediaId, after.posterMediaId, options.media);
  if (poster) fields.push(poster);
  return fields;
}

// ---- Lists: genres and credits ----

/** Items keyed by identity (a repeated key gets an occurrence number), shown as text lines. */
function diffList<T>(
  before: T[],
  after: T[],
  key: (item: T) => string,
  line: (item: T) => string,
): ListDiff {
  const keyed = (items: T[]) => {
    const seen = new Map<string, number>();
    return items.map((item) => {
      const base = key(item);
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return { key: `${base}#${n}`, text: line(item) };
    });
  };
  const [oldItems, newItems] = [keyed(before), keyed(after)];
  const oldByKey = new Map(oldItems.map((item) => [item.key, item]));
  const newKeys = new Set(newItems.map((item) => item.key));
  const lines: LineDiff[] = [];
  for (const item of oldItems) {
    if (!newKeys.has(item.key)) lines.push({ status: 'removed', text: item.text });
  }
  for (const item of newItems) {
    const old = oldByKey.get(item.key);
    if (!old) lines.push({ status: 'added', text: item.text });
    else if (old.text !== item.text)
      lines.push({ status: 'changed', parts: diffText(old.text, item.text) });
  }
  const commonOld = oldItems.filter((item) => newKeys.has(item.key)).map((item) => item.key);
  const commonNew = newItems.filter((item) => oldByKey.has(item.key)).map((item) => item.key);
  return { lines, reordered: commonOld.join('\n') !== commonNew.join('\n') };
}

function creditLine(credit: ReviewContent['credits'][number]): string {
  const role = CREDIT_ROLE_LABELS[credit.role].one;
  return credit.character
    ? `${role}: ${credit.name} as ${credit.character}`
    : `${role}: ${credit.name}`;
}

// ---- Section bodies ----

/** Stored bodies are validated to at most 32 levels; this only guards against a hostile one. */
const MAX_DEPTH = 64;

function inlineText(node: JSONContent): string {
  let text = '';
  for (const child of node.content ?? []) {
    if (child.type === 'text') text += child.text ?? '';
    else if (child.type === 'hardBreak') text += '\n';
    else text += inlineText(child);
  }
  return text;
}

const ROMAN: Array<[number, string]> = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

function roman(n: number): string {
  let out = '';
  for (const [value, letters] of ROMAN) {
    while (n >= value) {
      out += letters;
      n -= value;
    }
  }
  return out;
}

function alphabetic(n: number): string {
  let out = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26))
    out = String.fromCharCode(97 + ((rest - 1) % 26)) + out;
  return out;
}

/**
 * The number of the item at `n` in a numbered list of HTML type `type` ('1', 'a', 'A', 'i',
 * 'I'), as a browser shows it: letters and roman numerals fall back to digits where they have
 * none (0, or beyond 3999 for roman numerals).
 */
export function listMarker(n: number, type: unknown): string {
  let label = String(n);
  if ((type === 'a' || type === 'A') && n >= 1) label = alphabetic(n);
  if ((type === 'i' || type === 'I') && n >= 1 && n <= 3999) label = roman(n);
  if (type === 'A' || type === 'I') label = label.toUpperCase();
  return `${label}.`;
}

/**
 * The blocks of a section body in reading order, as plainBlocks gives them (one per
 * paragraph, heading, list item, quoted paragraph, image and rule; formatting dropped, empty
 * paragraphs left out), with each list item's list and marker.
 */
export function diffBlocks(doc: JSONContent): DiffBlock[] {
  const blocks: DiffBlock[] = [];
  type Context = { list: number; style: ListStyle | null; quote: boolean };
  // The marker of the list item being read, until its first block takes it.
  let pending: string | null = null;
  const push = (block: PlainBlock, context: Context) => {
    const visible = block.kind === 'rule' || block.kind === 'image' || block.text.trim() !== '';
    if (!visible) return;
    const inList = context.list > 0;
    blocks.push({ ...block, list: inList ? context.style : null, marker: inList ? pending : null });
    if (inList) pending = null;
  };
  const walk = (node: JSONContent, context: Context, depth: number) => {
    if (depth > MAX_DEPTH) return;
    switch (node.type) {
      case 'paragraph': {
        const kind = context.list > 0 ? 'listItem' : context.quote ? 'quote' : 'paragraph';
        push({ kind, text: inlineText(node), level: context.list }, context);
        return;
      }
      case 'heading':
        push(
          { kind: 'heading', text: inlineText(node), level: Number(node.attrs?.level ?? 3) },
          context,
        );
        return;
      case 'image': {
        const alt = typeof node.attrs?.alt === 'string' ? node.attrs.alt : '';
        push({ kind: 'image', text: alt, level: 0 }, context);
        return;
      }
      case 'horizontalRule':
        push({ kind: 'rule', text: '', level: 0 }, context);
        return;
      case 'bulletList':
      case 'orderedList': {
        const ordered = node.type === 'orderedList';
        const start = Number(node.attrs?.start ?? 1);
        let n = Number.isSafeInteger(start) ? start : 1;
        const inner: Context = {
          ...context,
          list: context.list + 1,
          style: ordered ? 'ordered' : 'bullet',
        };
        for (const child of node.content ?? []) {
          if (child.type === 'listItem') {
            pending = ordered ? listMarker(n++, node.attrs?.type) : '•';
            walk(child, inner, depth + 1);
            pending = null;
          } else {
            walk(child, inner, depth + 1);
          }
        }
        return;
      }
      case 'blockquote':
        for (const child of node.content ?? []) walk(child, { ...context, quote: true }, depth + 1);
        return;
      default:
        // doc, listItem and anything else that only contains blocks.
        for (const child of node.content ?? []) walk(child, context, depth + 1);
    }
  };
  walk(doc, { list: 0, style: null, quote: false }, 0);
  return blocks;
}

/** Same words in the same kind of block, at the same depth, in the same kind of list. */
const sameBlock = (a: DiffBlock, b: DiffBlock) =>
  a.kind === b.kind && a.level === b.level && a.text === b.text && a.list === b.list;

function blockOf(status: 'same' | 'added' | 'removed', block: DiffBlock): BlockDiff {
  const type = status === 'added' ? 'ins' : status === 'removed' ? 'del' : 'same';
  return {
    status,
    kind: block.kind,
    previousKind: null,
    previousList: null,
    level: block.level,
    list: block.list,
    marker: block.marker,
    parts: block.text === '' ? [] : [{ type, text: block.text }],
  };
}

/** Pairs a run of removed blocks with the run of added blocks that replaced it. */
function pairRuns(removed: DiffBlock[], added: DiffBlock[]): BlockDiff[] {
  const out: BlockDiff[] = [];
  const pairs = Math.min(removed.length, added.length);
  for (let i = 0; i < pairs; i++) {
    const [a, b] = [removed[i]!, added[i]!];
    const parts = diffText(a.text, b.text);
    if (a.text === b.text || similarity(parts, a.text, b.text) >= PAIRING_SIMILARITY) {
      const sameKind = a.kind === b.kind && a.list === b.list;
      out.push({
        status: 'changed',
        kind: b.kind,
        previousKind: sameKind ? null : a.kind,
        previousList: sameKind ? null : a.list,
        level: b.level,
        list: b.list,
        marker: b.marker,
        parts,
      });
    } else {
      out.push(blockOf('removed', a), blockOf('added', b));
    }
  }
  for (const block of removed.slice(pairs)) out.push(blockOf('removed', block));
  for (const block of added.slice(pairs)) out.push(blockOf('added', block));
  return out;
}

/** Block-by-block diff of two bodies; changed paragraphs are diffed word by word. */
export function diffBodies(before: JSONContent, after: JSONContent): BlockDiff[] {
  const [a, b] = [diffBlocks(before), diffBlocks(after)];
  const changes = diffArrays(a, b, { comparator: sameBlock, timeout: DIFF_TIMEOUT_MS }) ?? [
    { value: a, removed: true, added: false, count: a.length },
    { value: b, removed: false, added: true, count: b.length },
  ];
  const out: BlockDiff[] = [];
  let removed: DiffBlock[] = [];
  let added: DiffBlock[] = [];
  const flush = () => {
    out.push(...pairRuns(removed, added));
    removed = [];
    added = [];
  };
  for (const change of changes) {
    if (change.removed) removed.push(...change.value);
    else if (change.added) added.push(...change.value);
    else {
      flush();
      out.push(...change.value.map((block) => blockOf('same', block)));
    }
  }
  flush();
  return out;
}

// ---- Sections ----

function sectionDiff(
  before: ReviewSection | undefined,
  after: ReviewSection | undefined,
  position: { before: number | null; after: number | null },
  moved: boolean,
): SectionDiff | null {
  if (!before && !after) return null;
  if (!before || !after) {
    const section = (after ?? before)!;
    const status = after ? 'added' : 'removed';
    return {
      id: section.id,
      status,
      heading: section.heading,
      position,
      moved: false,
      headingParts: null,
      kind: null,
      spoiler: null,
      body: diffBlocks(section.body).map((block) => blockOf(status, block)),
      formattingOnly: false,
    };
  }
  const bodyChanged = !deepEqual(before.body, after.body);
  const body = bodyChanged ? diffBodies(before.body, after.body) : null;
  const textChanged = body !== null && body.some((block) => block.status !== 'same');
  const diff: SectionDiff = {
    id: after.id,
    status: 'changed',
    heading: after.heading,
    position,
    moved,
    headingParts: before.heading === after.heading ? null : diffText(before.heading, after.heading),
    kind: before.kind === after.kind ? null : { before: before.kind, after: after.kind },
    spoiler:
      before.spoiler === after.spoiler ? null : { before: before.spoiler, after: after.spoiler },
    body: textChanged ? body : null,
    formattingOnly: bodyChanged && !textChanged,
  };
  const changed =
    diff.moved ||
    diff.headingParts !== null ||
    diff.kind !== null ||
    diff.spoiler !== null ||
    bodyChanged;
  return changed ? diff : null;
}

function diffSections(
  before: ReviewSection[],
  after: ReviewSection[],
): { sections: SectionDiff[]; unchanged: number } {
  const oldById = new Map(before.map((section, i) => [section.id, { section, at: i + 1 }]));
  const newById = new Map(after.map((section, i) => [section.id, { section, at: i + 1 }]));
  // Moved: the common sections that are not part of the longest run kept in the same order.
  const commonOld = before.map((s) => s.id).filter((id) => newById.has(id));
  const commonNew = after.map((s) => s.id).filter((id) => oldById.has(id));
  const moved = new Set<string>();
  const order = diffArrays(commonOld, commonNew, { timeout: DIFF_TIMEOUT_MS });
  if (order) {
    for (const change of order) if (change.added) change.value.forEach((id) => moved.add(id));
  } else {
    commonNew.forEach((id, i) => {
      if (commonOld[i] !== id) moved.add(id);
    });
  }
  // Reading order: the newer revision's, with each removed section where it used to be.
  const merged = diffArrays(
    before.map((s) => s.id),
    after.map((s) => s.id),
  );
  const sections: SectionDiff[] = [];
  let unchanged = 0;
  for (const change of merged) {
    for (const id of change.value) {
      const [old, now] = [oldById.get(id), newById.get(id)];
      // A moved section appears once as removed (old place) and once as added (new place).
      if (change.removed && now) continue;
      const diff = sectionDiff(
        old?.section,
        now?.section,
        { before: old?.at ?? null, after: now?.at ?? null },
        moved.has(id),
      );
      if (diff) sections.push(diff);
      else unchanged++;
    }
  }
  return { sections, unchanged };
}

/** Everything that changed from `before` to `after`. */
export function diffReviewContent(
  before: ReviewContent,
  after: ReviewContent,
  options: DiffOptions = {},
): RevisionDiff {
  const fields = diffFields(before, after, options);
  const genres = diffList(
    before.genres,
    after.genres,
    (genre) => genre.slug,
    (genre) => genre.name,
  );
  const credits = diffList(
    before.credits,
    after.credits,
    (credit) => `${credit.role}:${credit.slug}`,
    creditLine,
  );
  const { sections, unchanged } = diffSections(before.sections, after.sections);
  return {
    fields,
    genres,
    credits,
    sections,
    unchangedSections: unchanged,
    unchanged:
      fields.length === 0 &&
      genres.lines.length === 0 &&
      !genres.reordered &&
      credits.lines.length === 0 &&
      !credits.reordered &&
      sections.length === 0,
  };
}
