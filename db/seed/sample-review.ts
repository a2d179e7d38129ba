import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JSONContent } from '@tiptap/core';
import { bulletList, doc, paragraph, textRun } from '../../lib/content/rich-text/build';
import {
  reviewContentSchema,
  type ReviewContent,
  type ReviewCredit,
} from '../../lib/content/review-content';
import { STANDARD_SECTIONS, type SectionKind } from '../../lib/content/vocabulary';
import { repairMojibake } from '../../lib/text/repair-mojibake';
import { slugify } from '../../lib/text/slug';

// The sample review, "Escape (2024)", structured by hand from the article the project was
// created for (db/seed/escape-2024.txt). The words come from the file, repaired; the facts
// and credits are stated here, because the article only mentions them in passing.

export const SAMPLE_ARTICLE_PATH = path.join(process.cwd(), 'db', 'seed', 'escape-2024.txt');
export const SAMPLE_REVIEW_SLUG = 'escape-2024';

const HEADLINE = 'Escape (2024): A Gripping Tale of Freedom, Brotherhood, and Survival';

function credit(
  name: string,
  role: ReviewCredit['role'],
  character: string | null = null,
): ReviewCredit {
  return { name, slug: slugify(name), role, character };
}

const CREDITS: ReviewCredit[] = [
  credit('Lee Jong-pil', 'director'),
  credit('Lee Je-hoon', 'cast', 'Lim Gyu-nam'),
  credit('Koo Kyo-hwan', 'cast', 'Major Ri Hyun-sang'),
  credit('Hong Xa-bin', 'cast', 'Kim Dong-hyuk'),
  credit('Kim Seung-an', 'cinematographer'),
  credit('Lee Seung-bin', 'cinematographer'),
  credit('Dalpalan', 'composer'),
];

/** "Label: explanation" bullets read best with the label in bold. */
function labelledParagraph(line: string): JSONContent {
  const match = /^([^:]{2,60}):\s+(.+)$/.exec(line);
  return match
    ? paragraph(textRun(`${match[1]}:`, { bold: true }), textRun(` ${match[2]}`))
    : paragraph(textRun(line));
}

/**
 * Turns a section's lines into rich text: "- " lines become bullet items, other lines
 * paragraphs. In the cast section each bullet ("Actor as Character") owns the description
 * that follows it, and the article ran the next bullet onto the end of that description
 * ("…nation. - Koo Kyo-hwan as …"), so those are split apart first.
 */
function sectionBody(kind: SectionKind, lines: string[]): JSONContent {
  const expanded =
    kind === 'cast'
      ? lines.flatMap((line) =>
          line.split(/(?<=[.!?])\s+-\s+(?=\S)/).map((part, i) => (i > 0 ? `- ${part}` : part)),
        )
      : lines;
  const blocks: JSONContent[] = [];
  let items: JSONContent[][] = [];
  const flushList = () => {
    if (items.length > 0) blocks.push(bulletList(items));
    items = [];
  };
  for (const line of expanded) {
    const bullet = /^[-•*]\s+(.+)$/.exec(line)?.[1];
    if (bullet !== undefined) {
      items.push([
        kind === 'cast' ? paragraph(textRun(bullet, { bold: true })) : labelledParagraph(bullet),
      ]);
    } else if (kind === 'cast' && items.length > 0) {
      items[items.length - 1]!.push(paragraph(textRun(line)));
    } else {
      flushList();
      blocks.push(paragraph(textRun(line)));
    }
  }
  flushList();
  return doc(blocks);
}

/** Builds the sample review's content from the article text. */
export function buildSampleReview(articleText: string): ReviewContent {
  const lines = repairMojibake(articleText)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

  const headlineIndex = lines.findIndex((line) => line.replace(/[“”"]/g, '') === HEADLINE);
  if (headlineIndex === -1) throw new Error('The sample article has no headline line.');
  const dek = lines[headlineIndex + 1];
  if (!dek) throw new Error('The sample article has no introduction.');

  const headingIndexes = STANDARD_SECTIONS.map(({ heading }) => {
    const index = lines.indexOf(heading);
    if (index === -1) throw new Error(`The sample article has no "${heading}" section.`);
    return index;
  });

  const sections = STANDARD_SECTIONS.map(({ kind, heading }, i) => {
    const start = headingIndexes[i]! + 1;
    const end = headingIndexes[i + 1] ?? lines.length;
    return {
      id: randomUUID(),
      kind,
      heading,
      spoiler: false,
      body: sectionBody(kind, lines.slice(start, end)),
    };
  });

  return reviewContentSchema.parse({
    slug: SAMPLE_REVIEW_SLUG,
    headline: HEADLINE,
    dek,
    work: {
      title: 'Escape',
      originalTitle: null,
      year: 2024,
      kind: 'film',
      countries: ['KR'],
      languages: ['ko'],
      runtimeMinutes: null,
    },
    rating: null,
    posterMediaId: null,
    genres: [
      { name: 'Thriller', slug: 'thriller' },
      { name: 'Political drama', slug: 'political-drama' },
    ],
    credits: CREDITS,
    sections,
  });
}

export function readSampleArticle(): string {
  return fs.readFileSync(SAMPLE_ARTICLE_PATH, 'utf8');
}
