import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, desc, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { getMediaFile, listMedia, MEDIA_PAGE_SIZE, uploadMedia } from '../../db/media/media';
import { migrateDatabase } from '../../db/migrate';
import { auditLog, media } from '../../db/schema';
import { updateUserSecurity } from '../../db/users/records';
import { CLIENT_IP_HEADER } from '../../lib/auth/client-ip';
import { uploadsDir } from '../../lib/media/config';
import { VARIANT_WIDTHS } from '../../lib/media/constants';
import { NOT_AN_IMAGE } from '../../lib/media/process-image';
import { makeImage } from './fixtures';
import { addSignedInUser } from '../support/staff';
import { databaseRefusal } from '../support/raw-sql';
import { refuseInserts } from '../support/refuse-inserts';

// The identity mocks of tests/security/authorization-matrix.test.ts: the session cookie names
// a real session row, so the data layer's own checks run unchanged.
const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({
  headers: vi.fn(async () => new Headers({ [CLIENT_IP_HEADER]: '203.0.113.7' })),
}));
vi.mock('next/navigation', () => ({
  redirect: vi.fn((url: string) => {
    throw Object.assign(new Error(`redirect:${url}`), { redirectTo: url });
  }),
  forbidden: vi.fn(() => {
    throw new Error('forbidden');
  }),
}));

const uploadsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-uploads-'));
process.env.UPLOADS_DIR = uploadsRoot;

type Caller = 'anonymous' | 'writer' | 'deactivated';
const sessions = new Map<Caller, string>();
let writerId: number;

function as(caller: Caller) {
  const sid = sessions.get(caller);
  session.current = sid ? { sid } : null;
}

const folders = () => (fs.existsSync(uploadsRoot) ? fs.readdirSync(uploadsRoot).sort() : []);
const mediaCount = async () => (await getDb().select({ n: count() }).from(media))[0]?.n ?? 0;
const uploadAudits = async () =>
  await getDb().select().from(auditLog).where(eq(auditLog.action, 'media.upload'));

async function pngFile(name = 'poster.png', width = 800, height = 600): Promise<File> {
  return new File([new Uint8Array(await makeImage('png', width, height))], name, {
    type: 'image/png',
  });
}

beforeAll(async () => {
  await migrateDatabase(getDb());
  const writer = await addSignedInUser('writer', 'writer@media.test');
  writerId = writer.id;
  sessions.set('writer', writer.sid);
  const gone = await addSignedInUser('editor', 'gone@media.test');
  sessions.set('deactivated', gone.sid);
  await getDb().transaction(
    async (tx) => await updateUserSecurity(tx, gone.id, { active: false }, new Date()),
    {
      behavior: 'immediate',
    },
  );
});

beforeEach(() => {
  session.current = null;
});

afterAll(() => {
  fs.rmSync(uploadsRoot, { recursive: true, force: true });
  delete process.env.UPLOADS_DIR;
});

describe('uploadsDir', () => {
  it('is UPLOADS_DIR when set, else an uploads folder beside the database', () => {
    expect(uploadsDir()).toBe(uploadsRoot);
    delete process.env.UPLOADS_DIR;
    try {
      // A PostgreSQL server has no folder of its own to keep them beside: ./data is used.
      const beside =
        process.env.TEST_ENGINE === 'postgres'
          ? path.resolve('data')
          : path.dirname(process.env.DATABASE_URL!);
      expect(uploadsDir()).toBe(path.join(beside, 'uploads'));
    } finally {
      process.env.UPLOADS_DIR = uploadsRoot;
    }
  });
});

describe('uploadMedia', () => {
  it.each(['anonymous', 'deactivated'] as const)(
    'refuses %s before reading the file: nothing on disk, in the table or the log',
    async (caller) => {
      as(caller);
      // Even a file that is not an image gets the sign-in answer: permission comes first.
      const notAnImage = new File(['plain text'], 'notes.png', { type: 'image/png' });
      for (const file of [await pngFile(), notAnImage]) {
        await expect(uploadMedia(file, 'A poster')).rejects.toThrow('Sign in to continue.');
      }
      expect(folders()).toEqual([]);
      expect(await mediaCount()).toBe(0);
      expect(await uploadAudits()).toEqual([]);
    },
  );

  it('stores a writer’s upload: files under uploadsDir(), a row and an audit entry', async () => {
    as('writer');
    const item = await uploadMedia(await pngFile('../../Poster\u202E final.png'), '  A poster  ');
    expect(item).toMatchObject({
      width: 800,
      height: 600,
      alt: 'A poster',
      originalName: 'Poster final.png',
    });

    const row = (await getDb().select().from(media).where(eq(media.id, item.id)))[0]!;
    expect(row).toMatchObject({ mimeType: 'image/png', uploadedBy: writerId });
    expect(row.variants).toEqual([...VARIANT_WIDTHS]);
    // The folder is a random UUID, never the file's name.
    expect(row.storageKey).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(folders()).toEqual([row.storageKey]);
    const folder = path.join(uploadsDir(), row.storageKey);
    expect(fs.readdirSync(folder).sort()).toEqual(
      ['original', ...VARIANT_WIDTHS.map((width) => `${width}.webp`)].sort(),
    );
    expect(fs.statSync(path.join(folder, 'original')).size).toBe(row.bytes);
    expect((await sharp(path.join(folder, '640.webp')).metadata()).width).toBe(640);

    expect(await uploadAudits()).toEqual([
      expect.objectContaining({
        actorId: writerId,
        targetType: 'media',
        targetId: String(item.id),
        targetLabel: 'Poster final.png',
        ip: '203.0.113.7',
      }),
    ]);
  });

  it('refuses a text file named .png, writing nothing', async () => {
    as('writer');
    const before = { folders: folders(), rows: await mediaCount() };
    const upload = uploadMedia(new File(['hello'], 'photo.png', { type: 'image/png' }), '');
    await expect(upload).rejects.toMatchObject({ code: 'invalid' });
    await expect(upload).rejects.toThrow(NOT_AN_IMAGE);
    expect({ folders: folders(), rows: await mediaCount() }).toEqual(before);
  });

  it('refuses alt text over 300 characters, on the alt field', async () => {
    as('writer');
    await expect(uploadMedia(await pngFile(), 'x'.repeat(301))).rejects.toMatchObject({
      field: 'alt',
    });
  });

  it('removes the files when the row cannot be inserted', async () => {
    as('writer');
    const before = {
      folders: folders(),
      rows: await mediaCount(),
      audits: (await uploadAudits()).length,
    };
    const allowInserts = await refuseInserts(getDb(), 'media', 'simulated failure');
    try {
      const upload = uploadMedia(await pngFile(), '');
      expect(await databaseRefusal(upload)).toBe('simulated failure');
    } finally {
      await allowInserts();
    }
    expect({
      folders: folders(),
      rows: await mediaCount(),
      audits: (await uploadAudits()).length,
    }).toEqual(before);
  });

  it('inserts nothing when the files cannot be written', async () => {
    as('writer');
    const before = await mediaCount();
    const notAFolder = path.join(uploadsRoot, 'not-a-folder');
    fs.writeFileSync(notAFolder, '');
    process.env.UPLOADS_DIR = notAFolder;
    try {
      await expect(uploadMedia(await pngFile(), '')).rejects.toThrow(/ENOTDIR|EEXIST/);
    } finally {
      process.env.UPLOADS_DIR = uploadsRoot;
      fs.rmSync(notAFolder);
    }
    expect(await mediaCount()).toBe(before);
  });
});

describe('listMedia', () => {
  it.each(['anonymous', 'deactivated'] as const)('refuses %s', async (caller) => {
    as(caller);
    await expect(listMedia({ page: 1 })).rejects.toThrow('Sign in to continue.');
  });

  it('lists newest first, 40 to a page', async () => {
    // Rows only: listing never touches the files.
    const start = Date.now();
    await getDb().transaction((tx) =>
      tx.insert(media).values(
        Array.from({ length: MEDIA_PAGE_SIZE }, (_, index) => ({
          storageKey: crypto.randomUUID(),
          originalName: `still-${index}.jpg`,
          mimeType: 'image/jpeg',
          width: 100,
          height: 100,
          bytes: 1,
          variants: [...VARIANT_WIDTHS],
          createdAt: new Date(start + (index + 1) * 1000),
        })),
      ),
    );
    as('writer');
    const first = await listMedia({ page: 1 });
    expect(first.items).toHaveLength(MEDIA_PAGE_SIZE);
    expect(first.items[0]).toEqual({
      id: expect.any(Number),
      width: 100,
      height: 100,
      alt: '',
      originalName: `still-${MEDIA_PAGE_SIZE - 1}.jpg`,
      createdAt: new Date(start + MEDIA_PAGE_SIZE * 1000),
    });
    expect(first.hasNext).toBe(true);
    const second = await listMedia({ page: 2 });
    expect(second.items.map((item) => item.originalName)).toEqual(['Poster final.png']);
    expect(second.hasNext).toBe(false);
    // A nonsensical page number is the first page, not an error.
    expect((await listMedia({ page: -3 })).items[0]).toEqual(first.items[0]);
  });
});

describe('getMediaFile', () => {
  const uploaded = async () =>
    (
      await getDb()
        .select()
        .from(media)
        .where(eq(media.originalName, 'Poster final.png'))
        .orderBy(desc(media.id))
    )[0]!;

  // As staff: an image no published review shows is null for anyone else
  // (tests/media/visibility.test.ts), which would make every refusal below pass for that reason.
  beforeEach(() => as('writer'));

  it('names the original and every variant of a stored image, inside uploadsDir()', async () => {
    const row = await uploaded();
    const folder = path.join(uploadsDir(), row.storageKey);
    expect(await getMediaFile(String(row.id), 'original')).toEqual({
      path: path.join(folder, 'original'),
      contentType: 'image/png',
      visibility: 'staff',
    });
    for (const width of VARIANT_WIDTHS) {
      expect(await getMediaFile(String(row.id), `${width}.webp`)).toEqual({
        path: path.join(folder, `${width}.webp`),
        contentType: 'image/webp',
        visibility: 'staff',
      });
    }
  });

  it.each([
    '../original',
    '..%2Foriginal',
    '..',
    '640.webp/../original',
    '/etc/passwd',
    'original.png',
    'ORIGINAL',
    '700.webp',
    '0640.webp',
    '640.WEBP',
    '640.webp ',
    '640',
    '',
  ])('refuses the name %j', async (name) => {
    expect(await getMediaFile(String((await uploaded()).id), name)).toBeNull();
  });

  it.each(['0', '-1', '1.5', '01', 'abc', '1e3', ' 1', '99999999999999999999', '999999'])(
    'refuses the id %j',
    async (id) => {
      expect(await getMediaFile(id, 'original')).toBeNull();
    },
  );

  it('refuses a width the image was not generated at', async () => {
    const { id } = (
      await getDb().transaction((tx) =>
        tx
          .insert(media)
          .values({
            storageKey: crypto.randomUUID(),
            originalName: 'old.jpg',
            mimeType: 'image/jpeg',
            width: 10,
            height: 10,
            bytes: 1,
            variants: [320],
          })
          .returning({ id: media.id }),
      )
    )[0]!;
    expect(await getMediaFile(String(id), '320.webp')).not.toBeNull();
    expect(await getMediaFile(String(id), '640.webp')).toBeNull();
  });
});

describe('GET /media/<id>/<file>', () => {
  const get = async (id: string, file: string) => {
    const { GET } = await import('../../app/media/[id]/[file]/route');
    return GET(new Request(`http://localhost/media/${id}/${file}`), {
      params: Promise.resolve({ id, file }),
    });
  };

  // Staff here; what anyone else gets, and the public caching, in tests/media/visibility.test.ts.
  beforeEach(() => as('writer'));

  it('serves the file with nosniff and, as no published review shows it, uncached', async () => {
    const { id, storageKey } = (
      await getDb().select().from(media).where(eq(media.originalName, 'Poster final.png'))
    )[0]!;
    const response = await get(String(id), '960.webp');
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'image/webp',
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
    const body = Buffer.from(await response.arrayBuffer());
    expect(body).toEqual(fs.readFileSync(path.join(uploadsDir(), storageKey, '960.webp')));
    expect(response.headers.get('content-length')).toBe(String(body.length));
    expect((await sharp(body).metadata()).width).toBe(800);
  });

  it('answers 404 for an unknown id, a bad name, or a row whose files are gone', async () => {
    expect((await get('999999', 'original')).status).toBe(404);
    expect((await get('1', '..%2F..%2Fcms.db')).status).toBe(404);
    // The 'old.jpg' row above has no files.
    const { id } = (
      await getDb().select().from(media).where(eq(media.originalName, 'old.jpg'))
    )[0]!;
    expect((await get(String(id), '320.webp')).status).toBe(404);
  });
});

describe('GET /api/media', () => {
  const get = async (query: string) => {
    const { GET } = await import('../../app/api/media/route');
    return GET(new Request(`http://localhost/api/media${query}`));
  };

  it('answers 401 to anyone not signed in', async () => {
    for (const caller of ['anonymous', 'deactivated'] as const) {
      as(caller);
      const response = await get('?page=1');
      expect(response.status).toBe(401);
      // The same refusal body as every JSON route (app/api/_lib/error-response.ts).
      expect(await response.json()).toEqual({ message: 'Sign in to continue.' });
    }
  });

  it('gives staff a page of the library for the picker', async () => {
    as('writer');
    const response = await get('?page=2');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const body = (await response.json()) as { items: unknown[]; hasNext: boolean };
    expect(body.hasNext).toBe(false);
    expect(body.items[0]).toEqual({
      id: expect.any(Number),
      width: expect.any(Number),
      height: expect.any(Number),
      alt: expect.any(String),
      originalName: expect.any(String),
    });
    // A page number that is not one gives the first page.
    expect(((await (await get('?page=abc')).json()) as { items: unknown[] }).items).toHaveLength(
      MEDIA_PAGE_SIZE,
    );
  });
});

describe('POST /api/media', () => {
  const post = async (body: BodyInit | null, headers: Record<string, string> = {}) => {
    const { POST } = await import('../../app/api/media/route');
    return POST(
      new Request('http://localhost/api/media', {
        method: 'POST',
        headers: { host: 'localhost', origin: 'http://localhost', ...headers },
        body,
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      } as RequestInit),
    );
  };
  const form = (file: File | null, alt?: string) => {
    const data = new FormData();
    if (file) data.append('file', file);
    if (alt !== undefined) data.append('alt', alt);
    return data;
  };

  it('refuses strangers and other sites before reading a byte of the body', async () => {
    let pulled = false;
    // highWaterMark 0: the stream is pulled only when something reads it.
    const body = () =>
      new ReadableStream(
        {
          pull() {
            pulled = true;
            throw new Error('the body was read');
          },
        },
        { highWaterMark: 0 },
      );
    as('anonymous');
    const stranger = await post(body(), { 'content-type': 'multipart/form-data; boundary=x' });
    expect(stranger.status).toBe(401);
    as('writer');
    const crossSite = await post(body(), {
      origin: 'https://evil.example',
      'content-type': 'multipart/form-data; boundary=x',
    });
    expect(crossSite.status).toBe(403);
    expect(pulled).toBe(false);
  });

  it('uploads an image as the media page does, and answers what the library holds', async () => {
    as('writer');
    const before = await mediaCount();
    const response = await post(form(await pngFile('dropped.png', 900, 500), 'A dropped still'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      id: expect.any(Number),
      width: 900,
      height: 500,
      alt: 'A dropped still',
      originalName: 'dropped.png',
    });
    expect(await mediaCount()).toBe(before + 1);
    expect((await uploadAudits()).length).toBeGreaterThan(0);
  });

  it('answers bad uploads with a message and writes nothing', async () => {
    as('writer');
    const before = await mediaCount();
    const noFile = await post(form(null));
    expect(noFile.status).toBe(400);
    expect(await noFile.json()).toEqual({
      message: 'Choose an image to upload.',
      errors: { file: ['Choose an image to upload.'] },
    });
    const notImage = await post(
      form(new File([new TextEncoder().encode('plain text')], 'notes.png', { type: 'image/png' })),
    );
    expect(notImage.status).toBe(400);
    expect(((await notImage.json()) as { message: string }).message).toBe(NOT_AN_IMAGE);
    const json = await post(JSON.stringify({ file: 'x' }), { 'content-type': 'application/json' });
    expect(json.status).toBe(415);
    const garbled = await post('not multipart at all', {
      'content-type': 'multipart/form-data; boundary=nothing',
    });
    expect(garbled.status).toBe(400);
    expect(await mediaCount()).toBe(before);
  });

  it('refuses a body over the limit as it streams in, declared or not', async () => {
    as('writer');
    const declared = await post('x', {
      'content-type': 'multipart/form-data; boundary=x',
      'content-length': String(20 * 1024 * 1024),
    });
    expect(declared.status).toBe(413);
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const endless = new ReadableStream({
      pull(controller) {
        sent += chunk.byteLength;
        if (sent > 64 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await post(endless, { 'content-type': 'multipart/form-data; boundary=x' });
    expect(streamed.status).toBe(413);
    // It stopped reading at the limit, not at the end of the stream.
    expect(sent).toBeLessThan(16 * 1024 * 1024);
  });
});
