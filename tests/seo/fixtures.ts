import type { JSONContent } from '@tiptap/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { bulletList, doc, paragraph, textRun } from '../../lib/content/rich-text/build';
import type { JsonLdReview } from '../../lib/seo/review-json-ld';

export const SITE = { url: 'https://reviews.example', name: 'The Review Desk' };

export const HOSTILE = '<script>alert(1)</script>';

/** A section body with one paragraph per string. */
export function body(...paragraphs: string[]): JSONContent {
  return doc(paragraphs.map((text) => paragraph(textRun(text))));
}

/** A published review as the reader queries return it, with a few overrides. */
export function sampleReview(overrides: Partial<JsonLdReview> = {}): JsonLdReview {
  return {
    slug: 'escape-2024',
    headline: 'Escape (2024): A Gripping Tale',
    dek: 'A tense thriller about a soldier who runs for the border.',
    workTitle: 'Escape',
    originalTitle: '탈주',
    year: 2024,
    kind: 'film',
    rating: { value: 4.5, scale: 5 },
    publishedAt: '2025-01-02T03:04:05.000Z',
    updatedAt: '2025-02-03T04:05:06.000Z',
    authorName: 'Dana Critic',
    credits: [
      { name: 'Lee Jong-pil', slug: 'lee-jong-pil', role: 'director', character: null },
      { name: 'Lee Je-hoon', slug: 'lee-je-hoon', role: 'cast', character: 'Lim Gyu-nam' },
      { name: 'Koo Kyo-hwan', slug: 'koo-kyo-hwan', role: 'cast', character: 'Ri Hyun-sang' },
      { name: 'Dalpalan', slug: 'dalpalan', role: 'composer', character: null },
    ],
    genres: [{ name: 'Thriller', slug: 'thriller' }],
    poster: null,
    sections: [
      {
        id: 'a',
        kind: 'plot',
        heading: 'Plot Summary',
        spoiler: false,
        body: doc([
          paragraph(textRun('First plot paragraph.')),
          bulletList([[paragraph(textRun('A listed point.'))]]),
        ]),
      },
      {
        id: 'b',
        kind: 'verdict',
        heading: 'The Ending',
        spoiler: true,
        body: body('SPOILER: the soldier makes it across.'),
      },
    ],
    ...overrides,
  };
}

/** Parses XML with a real parser after checking it is well-formed. */
export function parseXml(xml: string): Record<string, unknown> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`Not well-formed XML: ${JSON.stringify(valid.err)}`);
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => ['item', 'url', 'category'].includes(name),
  }).parse(xml) as Record<string, unknown>;
}
