import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importArticle } from '../../lib/import';
import { checkArticleText, decodeArticleBytes } from '../../lib/import/decode';
import { detectFormat } from '../../lib/import/detect-format';
import { AppError } from '../../lib/errors/app-error';
import { MAX_ARTICLE_BYTES } from '../../lib/import/types';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('decoding an uploaded file', () => {
  it('reads UTF-8, with or without a byte order mark, and normalizes line ends', () => {
    expect(decodeArticleBytes(bytes('Title\r\nText — ü 한'))).toEqual({
      text: 'Title\nText — ü 한',
      warnings: [],
    });
    expect(decodeArticleBytes(bytes('\uFEFFTitle')).text).toBe('Title');
  });

  it('reads UTF-16 with a byte order mark', () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Ελληνικά\n한국어', 'utf16le'),
    ]);
    expect(decodeArticleBytes(new Uint8Array(utf16)).text).toBe('Ελληνικά\n한국어');
  });

  it('reads a file that is not UTF-8 as Windows-1252, and says so', () => {
    const latin = new Uint8Array(iconv.encode('Café — “déjà vu”', 'windows-1252'));
    const decoded = decodeArticleBytes(latin);
    expect(decoded.text).toBe('Café — “déjà vu”');
    expect(decoded.warnings).toEqual([
      { what: expect.stringMatching(/not UTF-8.*Windows-1252/), where: 'the whole file' },
    ]);
  });

  it.each([
    ['a Word document', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], /ZIP archive \(a \.docx/],
    ['a PDF', [...Buffer.from('%PDF-1.7\n')], /PDF/],
    ['a PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], /PNG image/],
    ['bytes with NULs', [0x41, 0x00, 0x42, 0x00, 0x43], /binary data/],
  ])('refuses %s with a clear message', (_name, content, message) => {
    expect(() => decodeArticleBytes(Uint8Array.from(content))).toThrow(AppError);
    expect(() => decodeArticleBytes(Uint8Array.from(content))).toThrow(message);
  });

  it('refuses control characters that no text has', () => {
    const noise = '\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008'.repeat(20);
    expect(() => checkArticleText(`Title\n${noise}`)).toThrow(/binary/);
  });

  it('refuses an empty article and one over 2 MB', () => {
    expect(() => decodeArticleBytes(new Uint8Array())).toThrow(/empty/);
    expect(() => checkArticleText(' \n\t\n ')).toThrow(/empty/);
    expect(() => checkArticleText('x'.repeat(MAX_ARTICLE_BYTES + 1))).toThrow(/larger than 2 MB/);
    expect(() => decodeArticleBytes(new Uint8Array(MAX_ARTICLE_BYTES + 1).fill(0x61))).toThrow(
      /larger than 2 MB/,
    );
    // Two megabytes of multi-byte text is more than two million characters' worth of bytes.
    expect(() => checkArticleText('한'.repeat(MAX_ARTICLE_BYTES / 3 + 1))).toThrow(/2 MB/);
  });

  it('refuses an HTML page with no text in it', () => {
    expect(() => importArticle({ text: '<html><body><script>x()</script></body></html>' })).toThrow(
      /no text/,
    );
  });
});

describe('detecting the format', () => {
  it('trusts the file name for Markdown and HTML', () => {
    expect(detectFormat('Just words', 'review.md')).toBe('markdown');
    expect(detectFormat('Just words', 'review.HTML')).toBe('html');
  });

  it('reads HTML, Markdown and plain text from the content', () => {
    expect(detectFormat('<!DOCTYPE html><html><body>x</body></html>')).toBe('html');
    expect(detectFormat('<h1>Title</h1>\n<p>One</p>\n<p>Two</p>')).toBe('html');
    expect(detectFormat('# Title\n\nText')).toBe('markdown');
    expect(detectFormat('Title\n\nSome **bold** and a [link](https://example.com).')).toBe(
      'markdown',
    );
    // Bullets alone are plain text too.
    expect(detectFormat('Title\n- one\n- two\nA paragraph.', 'review.txt')).toBe('text');
    expect(detectFormat('π¬ Plot Summary\nText with 3 < 4 and a * star.')).toBe('text');
  });
});
