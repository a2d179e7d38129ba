import { randomUUID } from 'node:crypto';
import type { JSONContent } from '@tiptap/core';
import {
  MAX_CONTENT_BYTES,
  reviewContentSchema,
  type ReviewContent,
} from '../content/review-content';
import { pushAll } from './arrays';
import { blockTexts } from './blocks';
import { creditTexts, findCredits, guessedCreditWarning } from './credits';
import { checkArticleText, decodeArticleBytes } from './decode';
import { detectFormat } from './detect-format';
import { findGenresIn, guessedGenreWarning } from './genres';
import {
  htmlWords,
  NestedTooDeeplyError,
  parseHtml,
  parseMarkdown,
  type ParsedHtml,
} from './parse-html';
import { parseText } from './parse-text';
import { repairText } from './repair';
import { sectionBodies, TOO_LONG, type ByteBudget } from './rich-text';
import { structureArticle } from './structure';
import {
  type ImportFormat,
  type ImportGuess,
  type ImportResult,
  type ImportWarning,
} from './types';
import { findTitleAndYear, findWorkKind, importSlug, preferWrittenCase } from './work';
import { invalidInput } from '../errors/app-error';
import { stripMarkup } from '../text/markup';

// The importer: an article in, a review draft's content and the warnings an editor should
// check out. Pure functions, used by the admin page (db/reviews/import-article.ts) and the CLI
// (scripts/import.ts) alike, and by the seed for the sample review.
//
//   bytes or text → decode → repair the encoding → detect the format → parse into blocks →
//   headline, dek, sections and their kinds → credits, genres, the work → content

export { MAX_ARTICLE_BYTES } from './types';
export type {
  ImportFormat,
  ImportGuess,
  ImportGuesses,
  ImportResult,
  ImportWarning,
} from './types';

export type ArticleInput =
  { text: string; fileName?: string | null } | { bytes: Uint8Array; fileName?: string | null };

export type ImportOptions = {
  /** The format, or 'auto' (the default) to read it from the file name and content. */
  format?: ImportFormat | 'auto';
  /** Genres the site already has: named in the article, they are reused as written. */
  knownGenres?: readonly string[];
};

/** The content schema's limits on sections and credits. */
const MAX_SECTIONS = 60;
const MAX_CREDITS = 500;

/** A plain-text field's value: no markup, no line breaks, at most `max` characters. */
function plainField(text: string, max: number, label: string, warnings: ImportWarning[]): string {
  const cleaned = stripMarkup(text).replace(/\s+/g, ' ').trim();
  if (cleaned !== text.replace(/\s+/g, ' ').trim())
    warnings.push({ what: `Removed markup (<…>) from the ${label}.`, where: `the ${label}` });
  if (cleaned.length > max) {
    warnings.push({
      what: `Shortened the ${label} to ${max} characters.`,
      where: `the ${label}`,
    });
    return cleaned.slice(0, max).trimEnd();
  }
  return cleaned;
}

/** Warnings in reading order: those about the whole article first, then line by line. */
function byLine(warnings: ImportWarning[]): ImportWarning[] {
  const line = (warning: ImportWarning) => Number(/^line (\d+)$/.exec(warning.where)?.[1] ?? 0);
  return warnings
    .map((warning, index) => ({ warning, index }))
    .sort((a, b) => line(a.warning) - line(b.warning) || a.index - b.index)
    .map(({ warning }) => warning);
}

const firstSentence = (text: string) => text.split(/(?<=[.!?])\s+(?=[\p{Lu}“"])/u)[0] ?? '';

function parse(text: string, format: ImportFormat, warnings: ImportWarning[]): ParsedHtml {
  let source = text;
  if (format === 'html') {
    try {
      return parseHtml(text);
    } catch (error) {
      if (!(error instanceof NestedTooDeeplyError)) throw error;
      // Too deep to build a tree of in reasonable time (parseHtml's limit): keep the words.
      warnings.push({
        what: 'The HTML is nested too deeply to read its structure, so only its words were kept, read as plain text.',
        where: 'the whole article',
      });
      source = htmlWords(text);
    }
  }
  const repaired = repairText(source);
  pushAll(warnings, repaired.warnings);
  if (format === 'markdown') {
    try {
      return parseMarkdown(repaired.text);
    } catch {
      // Markdown nested so deeply that the parser gave up, or that it would take too long to
      // read (parseMarkdown's limits): read it as plain text.
      warnings.push({
        what: 'The Markdown could not be read (it is nested too deeply, or too dense with marks such as _ and *), so it was read as plain text.',
        where: 'the whole article',
      });
    }
  }
  return { ...parseText(repaired.text, repaired.decoratedLines), title: null };
}

/**
 * Imports an article. Throws an `invalid` AppError for input that is not an article (binary,
 * empty, over 2 MB); otherwise always returns content that passes the content schema, with a
 * warning for every repair and every guess the editor should check.
 */
export function importArticle(input: ArticleInput, options: ImportOptions = {}): ImportResult {
  const decoded =
    'bytes' in input
      ? decodeArticleBytes(input.bytes)
      : { text: checkArticleText(input.text), warnings: [] };
  const format =
    !options.format || options.format === 'auto'
      ? detectFormat(decoded.text, input.fileName)
      : options.format;
  const warnings: ImportWarning[] = [...decoded.warnings];
  const parsed = parse(decoded.text, format, warnings);
  pushAll(warnings, parsed.warnings);
  if (parsed.blocks.length === 0) throw invalidInput('The article has no text to import.');

  const article = structureArticle(parsed.blocks, { format, pageTitle: parsed.title });
  pushAll(warnings, article.warnings);
  const headline = plainField(article.headline, 300, 'headline', warnings);
  const dek = plainField(article.dek, 1000, 'dek', warnings);
  const kicker = article.kicker;
  const firstBlock = article.sections[0]?.blocks.find((block) => blockTexts(block).length > 0);
  const firstParagraph = firstBlock ? (blockTexts(firstBlock)[0] ?? null) : null;

  const found = findTitleAndYear([headline, kicker, dek, firstParagraph]);
  const title = plainField(
    preferWrittenCase(found.title, [headline, dek, firstParagraph]),
    300,
    'work’s title',
    warnings,
  );
  if (!title)
    warnings.push({
      what: 'The work’s title and year were not found (“Title (YYYY)” in the headline or the first lines): enter them.',
      where: 'the work',
    });

  // Every credit read from prose and every genre is a guess: listed with its sentence in the
  // warnings, and by index in `guesses` for the preview to mark.
  const read = findCredits([
    ...(dek ? [{ text: dek, line: false, where: 'the dek' }] : []),
    ...article.sections.flatMap((section) => creditTexts(section.blocks)),
  ])
    .map((credit) => ({
      ...credit,
      name: plainField(credit.name, 200, 'credit', warnings),
      character:
        credit.character === null ? null : plainField(credit.character, 200, 'credit', warnings),
    }))
    .filter((credit) => credit.name !== '');
  if (read.length > MAX_CREDITS) {
    warnings.push({
      what: `Kept the first ${MAX_CREDITS} of ${read.length} credits found: a review lists at most ${MAX_CREDITS}.`,
      where: 'the credits',
    });
    read.length = MAX_CREDITS;
  }
  const creditGuesses: ImportGuess[] = [];
  read.forEach((credit, index) => {
    if (!credit.guessedFrom) return;
    creditGuesses.push({
      index,
      from: credit.guessedFrom.sentence,
      where: credit.guessedFrom.where,
    });
    warnings.push(guessedCreditWarning(credit, credit.guessedFrom));
  });
  const foundGenres = findGenresIn(
    [
      { text: kicker ?? '', where: 'the label above the headline' },
      { text: headline, where: 'the headline' },
      { text: firstSentence(dek), where: 'the dek' },
      { text: firstSentence(firstParagraph ?? ''), where: firstBlock?.where ?? 'the article' },
    ],
    options.knownGenres,
  );
  const genreGuesses = foundGenres.map(({ genre, from }, index) => {
    warnings.push(guessedGenreWarning(genre.name, from));
    return { index, from: from.text, where: from.where };
  });

  const budget: ByteBudget = { bytes: MAX_CONTENT_BYTES };
  const sections: ReviewContent['sections'] = article.sections.flatMap((section, index) => {
    // Only the first section may go without a heading: it is the review's opening.
    const opening = index === 0 && section.heading === '';
    const heading = opening
      ? ''
      : plainField(section.heading, 200, 'section heading', warnings) || 'Section';
    const bodies = sectionBodies(section.blocks, article.headingBase, budget);
    if (bodies.length > 1)
      warnings.push({
        what: `The ${opening ? 'opening' : `section “${heading}”`} was too long for one section and was split in ${bodies.length}.`,
        where: section.where,
      });
    return bodies.map((body, i) => ({
      id: randomUUID(),
      kind: section.kind,
      heading: i === 0 ? heading : `${heading || 'Opening'} (continued)`.slice(0, 200),
      spoiler: section.spoiler,
      body,
    }));
  });
  if (sections.length > MAX_SECTIONS)
    throw invalidInput(
      `The article is too long for one review: it needs ${sections.length} sections and a review has at most ${MAX_SECTIONS}. Split it into several articles.`,
    );

  const content = {
    slug: importSlug(title, found.year, headline),
    headline,
    dek,
    work: {
      title,
      originalTitle: null,
      year: found.year,
      kind: findWorkKind([kicker ?? '', headline, dek].join('\n')),
      countries: [],
      languages: [],
      runtimeMinutes: null,
    },
    rating: null,
    posterMediaId: null,
    genres: foundGenres.map(({ genre }) => genre),
    credits: read.map(({ name, slug, role, character }) => ({ name, slug, role, character })),
    sections,
  };
  const checked = reviewContentSchema.safeParse(content);
  if (!checked.success) {
    // The review's size is the schema's one check of the content as a whole (path []): an
    // article near the budget can still pass it once links get their attributes. That is the
    // article's size, which the editor can act on, not a fault of the importer.
    if (checked.error.issues.every((issue) => issue.path.length === 0))
      throw invalidInput(TOO_LONG);
    throw new Error(`The importer built content the schema refuses: ${checked.error.message}`);
  }
  return {
    format,
    content: checked.data,
    warnings: byLine(warnings),
    guesses: { credits: creditGuesses, genres: genreGuesses },
  };
}

/** A section body as plain text: paragraphs apart, list items on lines of their own. */
export function sectionText(body: JSONContent): string {
  const out: Array<{ text: string; list: boolean }> = [];
  const inline = (node: JSONContent): string =>
    (node.content ?? [])
      .map((child) =>
        child.type === 'text'
          ? (child.text ?? '')
          : child.type === 'hardBreak'
            ? '\n'
            : inline(child),
      )
      .join('');
  const walk = (nodes: JSONContent[], indent: string, depth: number, list = false): void => {
    if (depth > 64) return;
    for (const node of nodes) {
      switch (node.type) {
        case 'paragraph':
        case 'heading':
          out.push({ text: `${indent}${inline(node)}`, list });
          break;
        case 'bulletList':
        case 'orderedList':
          (node.content ?? []).forEach((item, i) => {
            const marker =
              node.type === 'orderedList' ? `${Number(node.attrs?.start ?? 1) + i}. ` : '- ';
            const [first, ...rest] = item.content ?? [];
            out.push({ text: `${indent}${marker}${first ? inline(first) : ''}`, list: true });
            walk(rest, `${indent}  `, depth + 1, true);
          });
          break;
        case 'blockquote':
          walk(node.content ?? [], `${indent}> `, depth + 1, list);
          break;
        case 'horizontalRule':
          out.push({ text: `${indent}---`, list });
          break;
        default:
          walk(node.content ?? [], indent, depth + 1, list);
      }
    }
  };
  walk(body.content ?? [], '', 0);
  return out
    .filter((line) => line.text.trim() !== '')
    .map(
      (line, i, all) => (i === 0 ? '' : line.list && all[i - 1]!.list ? '\n' : '\n\n') + line.text,
    )
    .join('');
}

/** The import as the CLI's --dry-run prints it. */
export function importSummary(result: ImportResult) {
  const { content } = result;
  return {
    headline: content.headline,
    dek: content.dek,
    work: { title: content.work.title, year: content.work.year, kind: content.work.kind },
    credits: content.credits.map(({ name, role, character }) => ({ name, role, character })),
    genres: content.genres.map((genre) => genre.name),
    sections: content.sections.map((section) => ({
      kind: section.kind,
      heading: section.heading,
      spoiler: section.spoiler,
      text: sectionText(section.body),
      body: section.body,
    })),
    warnings: result.warnings,
  };
}
