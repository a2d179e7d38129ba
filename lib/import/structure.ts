import type { SectionKind } from '../content/vocabulary';
import { blockTexts, inlineText, type Block, type Heading } from './blocks';
import { headingMarksSpoilers, sectionKindOf } from './section-kinds';
import type { ImportFormat, ImportWarning } from './types';

// Blocks to the parts of a review: the headline (the first heading or first line), a label
// above it if there is one, the dek (the text before the first section, when it is one short
// paragraph), an introduction section for any further text there, and the sections.

export type StructuredSection = {
  heading: string;
  kind: SectionKind;
  spoiler: boolean;
  blocks: Block[];
  where: string;
};

export type StructuredArticle = {
  headline: string;
  kicker: string | null;
  dek: string;
  sections: StructuredSection[];
  /** The level of the section headings (deeper headings stay inside the sections). */
  headingBase: number;
  warnings: ImportWarning[];
};

/** The most sections a review may have (the content schema's limit). */
const MAX_SECTIONS = 60;
const MAX_DEK = 1000;

/** A block that can be a headline: a heading, or one short line of text that is not a sentence. */
function titleText(block: Block | undefined): string | null {
  if (!block) return null;
  if (block.type === 'heading') return block.text.length <= 300 ? block.text : null;
  if (block.type !== 'paragraph') return null;
  if (block.inlines.some((inline) => inline.type === 'break' || inline.href)) return null;
  const text = inlineText(block.inlines);
  if (text.length === 0 || text.length > 200 || /[.;,]$/.test(text)) return null;
  if (/[.!?]["”’)]?\s+\p{Lu}/u.test(text)) return null;
  return text;
}

const namesSection = (block: Block | undefined): boolean =>
  block?.type === 'heading' && sectionKindOf(block.text) !== 'custom';

/** "ESCAPE (2024) Top Thriller Movie": a label line starts with a word in capitals. */
const startsWithCapitalWord = (text: string) => /^[^\p{L}]*\p{Lu}{3,}(?![\p{Ll}])/u.test(text);

function cleanPageTitle(title: string): string {
  // "Escape (2024) review | The Site" → "Escape (2024) review"
  return title
    .replace(/\s+/g, ' ')
    .split(/ [|–—•·] /)[0]!
    .trim()
    .slice(0, 300);
}

export function structureArticle(
  blocks: Block[],
  options: { format: ImportFormat; pageTitle?: string | null },
): StructuredArticle {
  const warnings: ImportWarning[] = [];
  let rest = [...blocks];
  let headline = '';
  let kicker: string | null = null;

  // The headline: the first heading or line, unless it is a label above the real one.
  const [first, second] = rest;
  const firstTitle = titleText(first);
  const secondIsHeading = second?.type === 'heading' && !namesSection(second);
  const labelAbove =
    firstTitle !== null &&
    !namesSection(first) &&
    secondIsHeading &&
    (startsWithCapitalWord(firstTitle) ||
      (options.format !== 'text' &&
        (second as Heading).level === 1 &&
        (first!.type !== 'heading' || first!.level > 1)));
  if (labelAbove) {
    kicker = firstTitle;
    headline = (second as Heading).text;
    rest = rest.slice(2);
    warnings.push({
      what: `Read “${firstTitle}” as a label above the headline and left it out of the review.`,
      where: first!.where,
    });
  } else if (firstTitle !== null && !namesSection(first)) {
    headline = firstTitle;
    rest = rest.slice(1);
  } else if (options.pageTitle) {
    headline = cleanPageTitle(options.pageTitle);
    warnings.push({
      what: `Took the headline from the page’s title, “${headline}”: the article does not start with one.`,
      where: 'the page title',
    });
  } else {
    warnings.push({
      what: 'No headline was found: the article does not start with a heading or a title line. Enter one.',
      where: 'the start of the article',
    });
  }

  // Section headings: the shallowest level among the headings that are left.
  const headings = rest.filter((block): block is Heading => block.type === 'heading');
  // A loop, not Math.min(...levels): 150,000 headings as arguments overflow the call stack.
  const headingBase = headings.reduce((min, h) => Math.min(min, h.level), headings[0]?.level ?? 2);
  const isSectionHeading = (block: Block): block is Heading =>
    block.type === 'heading' && block.level === headingBase;

  let firstSection = rest.findIndex(isSectionHeading);
  if (firstSection === -1) firstSection = rest.length;
  let front = rest.slice(0, firstSection);
  let body = rest.slice(firstSection);

  // Plain text: a title-like line right after the headline, before any text, is its subtitle
  // when the sections that follow are marked more surely.
  let dek = '';
  const subtitle = body[0];
  if (
    options.format === 'text' &&
    front.length === 0 &&
    subtitle?.type === 'heading' &&
    subtitle.strength === 'weak' &&
    !namesSection(subtitle) &&
    body.slice(1).some((block) => block.type === 'heading' && block.strength === 'strong')
  ) {
    dek = subtitle.text;
    const next = body.findIndex((block, i) => i > 0 && isSectionHeading(block));
    front = body.slice(1, next === -1 ? body.length : next);
    body = next === -1 ? [] : body.slice(next);
  } else if (front[0]?.type === 'paragraph') {
    // The dek: the first paragraph before the sections, when it is short and plain.
    const paragraph = front[0];
    const text = inlineText(paragraph.inlines);
    const plain = paragraph.inlines.every((inline) => inline.type === 'text' && !inline.href);
    if (text.length <= MAX_DEK && plain) {
      dek = text;
      front = front.slice(1);
    }
  } else if (front[0]?.type === 'heading' && front[0].text.length <= MAX_DEK) {
    dek = front[0].text;
    front = front.slice(1);
  }

  const sections: StructuredSection[] = [];
  if (front.length > 0) {
    // The text before the first heading is the review's opening: a lead section with no
    // heading, so readers never see a heading the author did not write.
    sections.push({
      heading: '',
      kind: 'custom',
      spoiler: false,
      blocks: front,
      where: front[0]!.where,
    });
  }
  for (const block of body) {
    if (isSectionHeading(block)) {
      sections.push({
        heading: block.text,
        kind: sectionKindOf(block.text),
        spoiler: headingMarksSpoilers(block.text),
        blocks: [],
        where: block.where,
      });
    } else {
      sections[sections.length - 1]!.blocks.push(block);
    }
  }
  if (headings.length === 0 && sections.length > 0) {
    warnings.push({
      what: 'No section headings were found, so the text is one section: split it in the editor.',
      where: 'the whole article',
    });
  }
  if (sections.length > MAX_SECTIONS) {
    // Too many headings for one review: keep every word by grouping neighbouring sections
    // evenly, the first heading of each group as the section, the others inside it.
    const size = Math.ceil(sections.length / MAX_SECTIONS);
    const grouped: StructuredSection[] = [];
    for (let i = 0; i < sections.length; i += size) {
      const [head, ...rest] = sections.slice(i, i + size);
      grouped.push({
        ...head!,
        blocks: [
          ...head!.blocks,
          ...rest.flatMap((extra): Block[] => [
            {
              type: 'heading',
              level: headingBase + 1,
              text: extra.heading,
              strength: 'strong',
              where: extra.where,
            },
            ...extra.blocks,
          ]),
        ],
      });
    }
    warnings.push({
      what: `The article has ${sections.length} sections and a review at most ${MAX_SECTIONS}: every ${size} sections became one, the others’ headings kept inside it.`,
      where: 'the whole article',
    });
    sections.splice(0, sections.length, ...grouped);
  }
  if (sections.length === 0 && dek === '' && headline === '')
    warnings.push({ what: 'The article has no text to import.', where: 'the whole article' });
  return { headline, kicker, dek, sections, headingBase, warnings };
}

/** Every paragraph, list item and heading of the article's sections, in reading order. */
export function sectionTexts(sections: StructuredSection[]): string[] {
  return sections.flatMap((section) => section.blocks.flatMap(blockTexts));
}
