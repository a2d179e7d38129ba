import iconv from 'iconv-lite';
import { invalidInput, isAppError, type AppError } from '../errors/app-error';
import { MAX_ARTICLE_BYTES, type ImportWarning } from './types';

// Turns an uploaded file's bytes (or pasted text) into the article's text, refusing what is
// not an article: binary files, empty text, more than 2 MB.

const TOO_LARGE = `The article is larger than ${MAX_ARTICLE_BYTES / 1024 / 1024} MB: split it, or remove embedded images and markup.`;
const EMPTY = 'The article is empty: there is no text to import.';

/** Well-known binary formats people try to import, by their first bytes. */
const SIGNATURES: Array<{ bytes: number[]; name: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive (a .docx, .odt or .epub is one)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], name: 'an old Word (.doc) or Office file' },
  { bytes: [0x25, 0x50, 0x44, 0x46], name: 'a PDF' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], name: 'an RTF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: 'a GIF image' },
  { bytes: [0x1f, 0x8b], name: 'a gzip archive' },
];

function binaryError(what: string): AppError {
  return invalidInput(
    `This file is ${what}, not text. Save the article as plain text (.txt), Markdown (.md) or HTML (.html) and import that.`,
  );
}

/** Control characters other than tab, newline, form feed and carriage return. */
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

/** Refuses text that is empty, too large or full of control characters. */
export function checkArticleText(text: string): string {
  const withoutBom = text.replace(/^\uFEFF/, '');
  if (Buffer.byteLength(withoutBom, 'utf8') > MAX_ARTICLE_BYTES) throw invalidInput(TOO_LARGE);
  if (withoutBom.includes('\u0000')) throw binaryError('binary data');
  const controls = withoutBom.slice(0, 8192).match(CONTROL)?.length ?? 0;
  if (controls > Math.max(8, withoutBom.slice(0, 8192).length / 100))
    throw binaryError('binary data');
  if (withoutBom.trim() === '') throw invalidInput(EMPTY);
  // Unpaired surrogates become "�" (which the repair step reports): parse5 throws a RangeError
  // on two unpaired low surrogates in a row, and a UTF-16 upload or the CLI can carry them.
  return withoutBom.replace(CONTROL, '').replace(/\r\n?/g, '\n').toWellFormed();
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes an uploaded file: UTF-8 (with or without a byte order mark), UTF-16 with a byte order
 * mark, or, when the bytes are not UTF-8, Windows-1252 (with a warning, since that is a guess).
 */
export function decodeArticleBytes(bytes: Uint8Array): { text: string; warnings: ImportWarning[] } {
  if (bytes.length > MAX_ARTICLE_BYTES) throw invalidInput(TOO_LARGE);
  if (bytes.length === 0) throw invalidInput(EMPTY);
  for (const signature of SIGNATURES) {
    if (signature.bytes.every((byte, i) => bytes[i] === byte)) throw binaryError(signature.name);
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: checkArticleText(iconv.decode(buffer.subarray(2), 'utf-16le')), warnings: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: checkArticleText(iconv.decode(buffer.subarray(2), 'utf-16be')), warnings: [] };
  if (bytes.includes(0)) throw binaryError('binary data');
  try {
    return { text: checkArticleText(utf8.decode(bytes)), warnings: [] };
  } catch (error) {
    if (isAppError(error)) throw error;
  }
  return {
    text: checkArticleText(iconv.decode(buffer, 'windows-1252')),
    warnings: [
      {
        what: 'The file is not UTF-8, so it was read as Windows-1252 (Western European). If letters look wrong, save it as UTF-8 and import it again.',
        where: 'the whole file',
      },
    ],
  };
}
