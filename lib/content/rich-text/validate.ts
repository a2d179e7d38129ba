import type { JSONContent } from '@tiptap/core';
import { isSafeHref } from './safe-href';
import { richTextSchema } from './schema';

export const RICH_TEXT_LIMITS = {
  /** Serialized size of one section body. */
  maxBytes: 256 * 1024,
  /** Nesting depth (doc → list → item → paragraph → text is 5). */
  maxDepth: 32,
  maxNodes: 20_000,
  maxAttributeLength: 2048,
} as const;

export type RichTextResult = { ok: true; doc: JSONContent } | { ok: false; error: string };

/** The only image addresses a body may hold: files of the media library. */
const MEDIA_SRC = /^\/media\/[1-9]\d{0,15}\/(?:original|\d{2,5}\.webp)$/;

const NODE_KEYS = new Set(['type', 'attrs', 'content', 'marks', 'text']);
const MARK_KEYS = new Set(['type', 'attrs']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks one attribute value beyond "the schema knows this attribute". */
function attributeError(owner: string, name: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && value.length > RICH_TEXT_LIMITS.maxAttributeLength) {
    return `The ${name} of a ${owner} is too long.`;
  }
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    return `The ${name} of a ${owner} must be a plain value.`;
  }
  switch (`${owner}.${name}`) {
    case 'link.href':
      return isSafeHref(value)
        ? null
        : `The link "${String(value).slice(0, 80)}" is not allowed: use an http, https or mailto address, or a relative link.`;
    case 'link.target':
      return value === '_blank' ? null : 'A link may only open in a new tab (_blank).';
    case 'link.rel':
      return typeof value === 'string' && /^[a-z ]{0,64}$/.test(value) ? null : 'Invalid link rel.';
    case 'link.class':
      return 'Links cannot carry a class.';
    case 'image.src':
      return typeof value === 'string' && MEDIA_SRC.test(value)
        ? null
        : 'Images must come from the media library.';
    case 'image.alt':
    case 'image.title':
      return typeof value === 'string' && value.length <= 300 ? null : `Invalid image ${name}.`;
    case 'image.width':
    case 'image.height':
      return Number.isInteger(value) && (value as number) > 0 && (value as number) <= 12_000
        ? null
        : `Invalid image ${name}.`;
    case 'heading.level':
      return value === 3 || value === 4 ? null : 'Headings inside a section are level 3 or 4.';
    case 'orderedList.start':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 100_000
        ? null
        : 'A numbered list must start at a whole number.';
    case 'orderedList.type':
      return ['1', 'a', 'A', 'i', 'I'].includes(String(value))
        ? null
        : 'Invalid numbered list style.';
    default:
      return null;
  }
}

function attributesError(
  owner: string,
  attrs: unknown,
  known: Record<string, unknown>,
): string | null {
  if (attrs === undefined || attrs === null) return null;
  if (!isPlainObject(attrs)) return `The attributes of a ${owner} must be an object.`;
  for (const [name, value] of Object.entries(attrs)) {
    if (!(name in known)) return `A ${owner} cannot have the attribute "${name}".`;
    const error = attributeError(owner, name, value);
    if (error) return error;
  }
  return null;
}

/** Walks the raw JSON without recursion, so a hostile 100,000-deep document cannot overflow. */
function structureError(input: unknown): string | null {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: input, depth: 1 }];
  let count = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > RICH_TEXT_LIMITS.maxDepth) return 'The text is nested too deeply.';
    if (++count > RICH_TEXT_LIMITS.maxNodes) return 'The text has too many parts.';
    if (!isPlainObject(node) || typeof node.type !== 'string') return 'The text is malformed.';
    for (const key of Object.keys(node)) {
      if (!NODE_KEYS.has(key)) return `Unexpected "${key}" in a ${node.type}.`;
    }
    const nodeType = richTextSchema.nodes[node.type];
    if (!nodeType) return `"${node.type}" is not allowed in review text.`;
    const attrsError = attributesError(node.type, node.attrs, nodeType.spec.attrs ?? {});
    if (attrsError) return attrsError;
    if (node.type === 'image') {
      const attrs = isPlainObject(node.attrs) ? node.attrs : {};
      if (typeof attrs.src !== 'string') return 'An image has no source.';
    }
    if (node.type === 'text') {
      if (typeof node.text !== 'string' || node.text.length === 0) return 'A text node is empty.';
    } else if (node.text !== undefined) {
      return `A ${node.type} cannot carry text directly.`;
    }
    if (node.marks !== undefined) {
      if (!Array.isArray(node.marks)) return 'The formatting of a text is malformed.';
      for (const mark of node.marks) {
        if (!isPlainObject(mark) || typeof mark.type !== 'string')
          return 'A formatting mark is malformed.';
        for (const key of Object.keys(mark)) {
          if (!MARK_KEYS.has(key)) return `Unexpected "${key}" in a ${mark.type} mark.`;
        }
        const markType = richTextSchema.marks[mark.type];
        if (!markType) return `"${mark.type}" formatting is not allowed in review text.`;
        if (mark.type === 'link' && !isPlainObject(mark.attrs)) return 'A link has no address.';
        if (mark.type === 'link' && !isSafeHref((mark.attrs as Record<string, unknown>).href)) {
          return attributeError('link', 'href', (mark.attrs as Record<string, unknown>).href);
        }
        const markError = attributesError(mark.type, mark.attrs, markType.spec.attrs ?? {});
        if (markError) return markError;
      }
    }
    if (node.content !== undefined) {
      if (!Array.isArray(node.content)) return `The content of a ${node.type} is malformed.`;
      for (const child of node.content) stack.push({ node: child, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * Validates a section body against the shared schema: only known nodes, marks and attributes,
 * safe links, within size and depth limits, and content that the schema's rules allow
 * (for example, no list item outside a list). Returns the normalized document.
 */
export function validateRichText(input: unknown): RichTextResult {
  let serialized: string;
  try {
    serialized = JSON.stringify(input) ?? '';
  } catch {
    return { ok: false, error: 'The text is malformed.' };
  }
  if (Buffer.byteLength(serialized, 'utf8') > RICH_TEXT_LIMITS.maxBytes) {
    return { ok: false, error: 'The text is too long for one section.' };
  }
  if (!isPlainObject(input) || input.type !== 'doc') {
    return { ok: false, error: 'The text must be a document.' };
  }
  const error = structureError(input);
  if (error) return { ok: false, error };
  let doc: JSONContent;
  try {
    const node = richTextSchema.nodeFromJSON(input);
    node.check();
    doc = node.toJSON() as JSONContent;
  } catch {
    return { ok: false, error: 'The text does not follow the allowed structure.' };
  }
  // The document as stored carries the schema's defaults for what the input left out (a
  // heading without a level is level 1; links gain target and rel), so check it as stored too:
  // otherwise a body accepted on save was refused on its next save and before rendering.
  if (Buffer.byteLength(JSON.stringify(doc), 'utf8') > RICH_TEXT_LIMITS.maxBytes) {
    return { ok: false, error: 'The text is too long for one section.' };
  }
  const storedError = structureError(doc);
  if (storedError) return { ok: false, error: storedError };
  return { ok: true, doc };
}

/** An empty section body. */
export function emptyRichText(): JSONContent {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}
