import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { count } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { uploadMedia } from '../../db/media/media';
import { migrateDatabase } from '../../db/migrate';
import { media } from '../../db/schema';
import { IMAGE_TIME_LIMIT_SECONDS, MAX_IMAGE_PIXELS } from '../../lib/media/constants';
import type { AppError } from '../../lib/errors/app-error';
import { UPLOAD_BUSY_MESSAGE } from '../../lib/media/errors';
import {
  DAMAGED,
  inputError,
  processImage,
  TOO_SLOW,
  tooManyPixels,
} from '../../lib/media/process-image';
import {
  MAX_UPLOADS_AT_ONCE,
  MAX_UPLOADS_PER_USER,
  UPLOAD_RETRY_AFTER_SECONDS,
  UploadLimiter,
  uploadLimiter,
  withUploadSlot,
} from '../../lib/media/upload-limiter';
import { makeImage } from './fixtures';
import { addSignedInUser } from '../support/staff';

// The upload denial of service from the security review: a few kilobytes declaring 10,000 ×
// 10,000 pixels held a core for 20 s in sharp, and nothing stopped three at once. Now the header
// is refused before decoding, every pipeline has a time limit, and uploads are admitted (one
// per user, two in all) or refused at once, never queued.

const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({ headers: vi.fn(async () => new Headers()) }));
vi.mock('next/navigation', () => ({
  redirect: vi.fn((url: string) => {
    throw Object.assign(new Error(`redirect:${url}`), { redirectTo: url });
  }),
  forbidden: vi.fn(() => {
    throw new Error('forbidden');
  }),
}));

const uploadsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-upload-limits-'));
process.env.UPLOADS_DIR = uploadsRoot;

const users = {} as Record<'writer' | 'editor' | 'admin', { id: number; sid: string }>;
const as = (who: keyof typeof users | 'anonymous') => {
  session.current = who === 'anonymous' ? null : { sid: users[who].sid };
};
const mediaCount = async () => (await getDb().select({ n: count() }).from(media))[0]?.n ?? 0;

beforeAll(async () => {
  await migrateDatabase(getDb());
  users.writer = await addSignedInUser('writer', 'writer@limits.test');
  users.editor = await addSignedInUser('editor', 'editor@limits.test');
  users.admin = await addSignedInUser('admin', 'admin@limits.test');
});

beforeEach(() => {
  session.current = null;
});

afterAll(() => {
  fs.rmSync(uploadsRoot, { recursive: true, force: true });
  delete process.env.UPLOADS_DIR;
});

// ---- A decompression bomb, built by hand. ----

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A PNG of a few dozen bytes whose header (IHDR) declares `width`×`height` 8-bit greyscale
 * pixels: the signature, that header, an IDAT holding one compressed black row, and IEND,
 * every CRC correct. Decoding it would cost what the header says, not what the file weighs.
 */
function declaredPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // colour type: greyscale; compression, filter, interlace all 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(1 + width))), // filter byte, then one row
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real 64×48 AVIF whose `ispe` box (the size it declares) is rewritten to width×height. */
async function declaredAvif(width: number, height: number): Promise<Buffer> {
  const avif = Buffer.from(await makeImage('avif', 64, 48));
  const ispe = avif.indexOf('ispe', 0, 'latin1');
  expect(ispe).toBeGreaterThan(0);
  avif.writeUInt32BE(width, ispe + 8); // after the box type: version and flags (4 bytes)
  avif.writeUInt32BE(height, ispe + 12);
  return avif;
}

async function refusedWithin(work: Promise<unknown>): Promise<{ error: AppError; ms: number }> {
  const start = performance.now();
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  const ms = performance.now() - start;
  expect(error).toMatchObject({ code: 'invalid' });
  return { error: error as AppError, ms };
}

describe('an image declaring more than 25 megapixels is refused from its header', () => {
  const MESSAGE =
    'This image is 10,000 × 10,000 pixels (100 megapixels); at most 25 megapixels are accepted.';

  it('the cap is 25 megapixels, and the message gives the limit and the image’s size', () => {
    expect(MAX_IMAGE_PIXELS).toBe(25_000_000);
    expect(tooManyPixels(10_000, 10_000)).toBe(MESSAGE);
    expect(tooManyPixels(5_000, 5_001)).toBe(
      'This image is 5,000 × 5,001 pixels (25 megapixels); at most 25 megapixels are accepted.',
    );
  });

  it('refuses a 10,000 × 10,000 PNG of a few dozen bytes in well under a second', async () => {
    const bomb = declaredPng(10_000, 10_000);
    expect(bomb.length).toBeLessThan(100);
    expect(await sharp(bomb).metadata()).toMatchObject({ width: 10_000, height: 10_000 });
    const { error, ms } = await refusedWithin(processImage(bomb, 'poster.png'));
    expect(error.message).toBe(MESSAGE);
    expect(error.field).toBe('file');
    expect(ms).toBeLessThan(500);
  });

  it('refuses an AVIF declaring 10,000 × 10,000 the same way, before decoding it', async () => {
    const bomb = await declaredAvif(10_000, 10_000);
    expect(await sharp(bomb).metadata()).toMatchObject({
      format: 'heif',
      compression: 'av1',
      width: 10_000,
      height: 10_000,
    });
    const { error, ms } = await refusedWithin(processImage(bomb, 'poster.avif'));
    expect(error.message).toBe(MESSAGE);
    expect(ms).toBeLessThan(500);
  });

  it('draws the line at exactly 25 megapixels', async () => {
    // 5,000 × 5,000 is allowed through the header check (and then found to have no pixels).
    expect(
      (await refusedWithin(processImage(declaredPng(5_000, 5_000), 'a.png'))).error.message,
    ).toBe(DAMAGED);
    expect(
      (await refusedWithin(processImage(declaredPng(5_000, 5_001), 'b.png'))).error.message,
    ).toBe(tooManyPixels(5_000, 5_001));
  });

  it('is refused by uploadMedia as well, storing nothing', async () => {
    as('writer');
    const before = await mediaCount();
    const file = new File([new Uint8Array(declaredPng(10_000, 10_000))], 'bomb.png', {
      type: 'image/png',
    });
    const { error, ms } = await refusedWithin(uploadMedia(file, 'A bomb'));
    expect(error.message).toBe(MESSAGE);
    expect(ms).toBeLessThan(1000);
    expect(await mediaCount()).toBe(before);
    expect(fs.readdirSync(uploadsRoot)).toEqual([]);
    // The slot it took was given back.
    expect(uploadLimiter().inUse()).toBe(0);
  });
});

describe('the time limit', () => {
  it('is a few seconds for all of one image’s pipelines', () => {
    expect(IMAGE_TIME_LIMIT_SECONDS).toBeLessThanOrEqual(10);
  });

  it('answers sharp’s timeout with a clear refusal, not an unexpected error', () => {
    // The error libvips raises when sharp's timeout kills a pipeline (sharp's common.cc:
    // vips_error("timeout", "%d%% complete", …)), among the messages around it.
    const killed = new Error(
      'source: bad seek to 2061\ntimeout: 0% complete\nVipsImage: killed for image "temp-22"',
    );
    const refused = inputError(killed, DAMAGED);
    expect(refused).toMatchObject({ code: 'invalid' });
    expect(refused.message).toBe(TOO_SLOW);
    expect(refused.message).toContain(`${IMAGE_TIME_LIMIT_SECONDS} seconds`);
    expect(refused.cause).toBe(killed);
    expect(inputError(new Error('VipsJpeg: premature end of data'), DAMAGED).message).toBe(DAMAGED);
  });

  it('starts no pipeline once the budget is spent', async () => {
    const png = await makeImage('png', 200, 100);
    expect((await processImage(png, 'ok.png')).width).toBe(200);
    const { error } = await refusedWithin(processImage(png, 'slow.png', { timeLimitSeconds: 0 }));
    expect(error.message).toBe(TOO_SLOW);
  });
});

describe('UploadLimiter', () => {
  it('admits one upload per user and two in all, and gives slots back once', () => {
    expect([MAX_UPLOADS_PER_USER, MAX_UPLOADS_AT_ONCE]).toEqual([1, 2]);
    const limiter = new UploadLimiter();
    const first = limiter.tryAcquire(1);
    expect(first).not.toBeNull();
    // The same user again: refused, though the server has a free slot.
    expect(limiter.tryAcquire(1)).toBeNull();
    const second = limiter.tryAcquire(2);
    expect(second).not.toBeNull();
    // A third user: the server is full.
    expect(limiter.tryAcquire(3)).toBeNull();
    expect(limiter.inUse()).toBe(2);

    first!();
    first!(); // a second release changes nothing
    expect(limiter.inUse()).toBe(1);
    expect(limiter.inUse(1)).toBe(0);
    const third = limiter.tryAcquire(3);
    expect(third).not.toBeNull();
    expect(limiter.tryAcquire(1)).toBeNull();
    second!();
    third!();
    expect(limiter.inUse()).toBe(0);
  });

  it('withUploadSlot refuses at once without running the work, and releases after a failure', async () => {
    const limiter = new UploadLimiter();
    let release: () => void = () => {};
    const held = withUploadSlot(
      7,
      () => new Promise<void>((resolve) => (release = resolve)),
      limiter,
    );
    const work = vi.fn(async () => 'ran');
    const refused = await withUploadSlot(7, work, limiter).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'rate_limited' });
    expect(refused).toMatchObject({
      message: UPLOAD_BUSY_MESSAGE,
      retryAfterMs: UPLOAD_RETRY_AFTER_SECONDS * 1000,
    });
    expect(work).not.toHaveBeenCalled();
    release();
    await held;
    await expect(
      withUploadSlot(7, async () => Promise.reject(new Error('broken')), limiter),
    ).rejects.toThrow('broken');
    expect(limiter.inUse()).toBe(0);
    expect(await withUploadSlot(7, work, limiter)).toBe('ran');
  });
});

describe('uploadMedia and the upload action under the limits', () => {
  const pngFile = async (name: string) =>
    new File([new Uint8Array(await makeImage('png', 800, 600))], name, { type: 'image/png' });

  it('refuses a second upload by the same user while the first is processed', async () => {
    as('writer');
    const before = await mediaCount();
    const results = await Promise.allSettled([
      uploadMedia(await pngFile('first.png'), ''),
      uploadMedia(await pngFile('second.png'), ''),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
    const refused = (results[1] as PromiseRejectedResult).reason as unknown;
    expect(refused).toMatchObject({ code: 'rate_limited' });
    expect(await mediaCount()).toBe(before + 1);
    expect(uploadLimiter().inUse()).toBe(0);
  });

  it('refuses a third upload while two others are processed, before reading the file', async () => {
    const limiter = uploadLimiter();
    const releases = [limiter.tryAcquire(users.editor.id)!, limiter.tryAcquire(users.admin.id)!];
    try {
      as('writer');
      const file = await pngFile('third.png');
      const read = vi.spyOn(file, 'arrayBuffer');
      const before = await mediaCount();
      const start = performance.now();
      await expect(uploadMedia(file, '')).rejects.toMatchObject({ code: 'rate_limited' });
      expect(performance.now() - start).toBeLessThan(200);
      expect(read).not.toHaveBeenCalled();
      expect(await mediaCount()).toBe(before);
    } finally {
      for (const release of releases) release();
    }
    // Once a slot is free, the same upload goes through.
    expect((await uploadMedia(await pngFile('third.png'), '')).originalName).toBe('third.png');
  });

  it('the action answers a busy server with a form message, keeping the alt text', async () => {
    const { uploadMediaAction } = await import('../../app/(admin)/admin/media/actions');
    const idle = null;
    const release = uploadLimiter().tryAcquire(users.writer.id)!;
    try {
      as('writer');
      const data = new FormData();
      data.set('file', await pngFile('busy.png'));
      data.set('alt', 'A still');
      const state = await uploadMediaAction(idle, data);
      expect(state).toEqual({
        ok: false,
        message: 'The server is busy processing another upload; try again in a moment.',
        errors: undefined,
        values: { alt: 'A still' },
      });
    } finally {
      release();
    }
  });

  it('the action checks who is asking before looking at what was posted', async () => {
    const { uploadMediaAction } = await import('../../app/(admin)/admin/media/actions');
    as('anonymous');
    // Nothing a form would send: still the sign-in answer, not a complaint about the fields.
    const state = await uploadMediaAction(null, new FormData());
    expect(state).toMatchObject({ ok: false, message: 'Sign in to continue.' });
  });
});
