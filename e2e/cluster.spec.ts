import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  expect,
  test,
  type APIRequestContext,
  type APIResponse,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import type * as ClusterModule from '../scripts/lib/cluster.mjs';
import type { Cluster, ClusterInstance } from '../scripts/lib/cluster.mjs';
import type * as TestPostgresModule from '../scripts/lib/test-postgres.mjs';
import { ADMIN, createUserAsAdmin, signIn, uniqueEmail } from './support/accounts';
import { savedReviewId, sectionBody } from './support/editor';

// Two instances on one PostgreSQL database and one Redis, behind nginx (deploy/nginx.conf.template),
// started here with the same code as `npm run cluster` (scripts/lib/cluster.mjs): nginx on
// E2E_PORT+30 (or E2E_CLUSTER_PORT; the project's baseURL), the instances on E2E_PORT+31 and
// +32, a throwaway database
// cms_e2e_cluster_<random>, and an empty numbered Redis database (the cache handler has no key
// prefix setting). Without nginx or Redis this fails, saying which is missing: never skipped.
//
// "Within 1 s" is measured from the answer of the request that committed the change. Instance
// to instance that is the shared cache (an expiry in Redis is seen by the next lookup). Through
// nginx the micro-cache adds its "1s", which nginx counts in whole seconds of its clock: a copy
// is served until the end of the second after the one it was stored in, 1 to 2 s (then one
// render of the new page).

// Playwright compiles what a spec imports to CommonJS, which breaks an ES module (.mjs) such as
// the shared cluster code: Node loads those itself (from the project root, where the tests run),
// through an import Playwright does not see.
const importNative = new Function('specifier', 'return import(specifier)') as <T>(
  specifier: string,
) => Promise<T>;
const load = <T>(file: string) => importNative<T>(pathToFileURL(path.resolve(file)).href);

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const PORT = Number(process.env.E2E_CLUSTER_PORT ?? E2E_PORT + 30);
const ONE_SECOND = 1_000;
const THROUGH_NGINX = 2_000 + 500;

test.describe.configure({ mode: 'serial' });

let cluster: Cluster;
let a: ClusterInstance;
let b: ClusterInstance;
let cleanUp: (() => Promise<void>)[] = [];
let admin: BrowserContext;
let adminPage: Page;
let review: { id: string; slug: string; title: string };

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const {
    DEFAULT_REDIS_URL,
    NGINX_MISSING,
    dropPostgresDatabase,
    emptyRedisDatabase,
    ensurePostgresDatabase,
    findNginx,
    startCluster,
  } = await load<typeof ClusterModule>('scripts/lib/cluster.mjs');
  const { ensureTestPostgres } = await load<typeof TestPostgresModule>(
    'scripts/lib/test-postgres.mjs',
  );
  if (!findNginx()) throw new Error(`The cluster test cannot run: ${NGINX_MISSING}`);
  const redis = await emptyRedisDatabase(process.env.TEST_REDIS_URL || DEFAULT_REDIS_URL).catch(
    (error: Error) => {
      throw new Error(`The cluster test cannot run: ${error.message}`);
    },
  );
  cleanUp.push(redis.cleanup);
  const postgres = await ensureTestPostgres();
  cleanUp.push(postgres.stop);
  const database = new URL(postgres.url);
  database.pathname = `/cms_e2e_cluster_${randomBytes(5).toString('hex')}`;
  await ensurePostgresDatabase(database.toString());
  cleanUp.unshift(() => dropPostgresDatabase(database.toString()));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-e2e-cluster-'));
  // Started by root, nginx's workers run as nobody: they must reach its cache inside.
  fs.chmodSync(dir, 0o755);
  cleanUp.push(async () => fs.rmSync(dir, { recursive: true, force: true }));

  cluster = await startCluster({
    instances: 2,
    port: PORT,
    instancePort: E2E_PORT + 31,
    database: database.toString(),
    secret: randomBytes(32).toString('hex'),
    uploadsDir: path.join(dir, 'uploads'),
    redisUrl: redis.url,
    dir: path.join(dir, 'nginx'),
    env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
  });
  cleanUp.unshift(() => cluster.stop());
  [a, b] = cluster.instances as [ClusterInstance, ClusterInstance];
});

test.afterAll(async () => {
  await admin?.close();
  const steps = cleanUp;
  cleanUp = [];
  for (const step of steps) await step().catch((error) => console.error(error));
});

/** The instance that answered through nginx (the first one tried, then any other). */
const upstreamOf = (response: APIResponse) => response.headers()['x-upstream'] ?? '';
const cacheStatusOf = (response: APIResponse) => response.headers()['x-cache-status'];

/** Polls `check` every 50 ms until it holds; returns the milliseconds since `since`. */
async function within(
  limitMs: number,
  since: number,
  what: string,
  check: () => Promise<boolean>,
): Promise<number> {
  while (!(await check())) {
    if (Date.now() - since > limitMs + 5_000) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const elapsed = Date.now() - since;
  expect(elapsed, `${what} after ${elapsed} ms (at most ${limitMs})`).toBeLessThanOrEqual(limitMs);
  return elapsed;
}

/** A save through the JSON endpoint of `origin`: the newest version with `dek` set. */
async function saveDek(on: ClusterInstance, dek: string): Promise<number> {
  const api = `${on.origin}/api/reviews/${review.id}/revisions`;
  const head = await adminPage.request.get(api);
  expect(head.status()).toBe(200);
  const { version, content } = (await head.json()) as { version: number; content: object };
  const saved = await adminPage.request.post(api, {
    headers: { origin: on.origin },
    data: { baseVersion: version, kind: 'save', content: { ...content, dek } },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  return ((await saved.json()) as { version: number }).version;
}

async function publishOn(on: ClusterInstance) {
  const published = await adminPage.request.post(`${on.origin}/api/reviews/${review.id}/publish`, {
    headers: { origin: on.origin },
  });
  expect(published.status(), await published.text()).toBe(200);
}

test('nginx shares the requests out between two instances that share Redis', async ({
  request,
}) => {
  for (const instance of [a, b]) {
    const health = await request.get(`${instance.origin}/api/health`);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      database: { status: 'ok' },
      cache: 'ok',
    });
  }
  const upstreams = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const health = await request.get('/api/health');
    expect(health.status()).toBe(200);
    // no-store: never kept by the micro-cache.
    expect(cacheStatusOf(health)).toBe('MISS');
    upstreams.add(upstreamOf(health));
  }
  expect([...upstreams].sort()).toEqual([a.address, b.address].sort());
});

test('signed in through nginx, the session is good on both instances', async ({ browser }) => {
  admin = await browser.newContext();
  adminPage = await admin.newPage();
  await signIn(adminPage, ADMIN);
  // The session cookie is for 127.0.0.1, whatever the port: each instance is asked directly.
  for (const instance of [a, b]) {
    const dashboard = await adminPage.request.get(`${instance.origin}/admin`, { maxRedirects: 0 });
    expect(dashboard.status(), instance.name).toBe(200);
    expect(await dashboard.text()).toContain('Administrator');
  }
  // And through nginx, which never answers a signed-in request from its cache.
  const upstreams = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const dashboard = await adminPage.request.get('/admin', { maxRedirects: 0 });
    expect(dashboard.status()).toBe(200);
    expect(cacheStatusOf(dashboard)).toBe('BYPASS');
    upstreams.add(upstreamOf(dashboard));
  }
  expect(upstreams.size).toBe(2);
});

test('a review saved on one instance is the version the other one reads', async () => {
  const title = `Cluster ${Date.now()}`;
  const page = adminPage;
  await page.goto(`${a.origin}/admin/reviews/new`);
  await page.getByLabel('Headline').fill(`${title}: reviewed`);
  await page.getByLabel('Dek').fill(`The first dek of ${title}.`);
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Year').fill('2023');
  await page.getByLabel('Genres').fill('Cluster Test Genre');
  await page.getByRole('button', { name: 'Add a credit' }).click();
  await page.getByLabel('Person 1', { exact: true }).fill(`Director of ${title}`);
  await sectionBody(page, 1).click();
  await page.keyboard.type(`The plot of ${title}.`);
  await page.getByRole('button', { name: 'Save draft' }).click();
  const id = await savedReviewId(page);
  review = { id, slug: await page.getByLabel('Slug').inputValue(), title };
  expect(new URL(page.url()).port).toBe(String(a.port));

  const api = (on: ClusterInstance) => `${on.origin}/api/reviews/${id}/revisions`;
  const onA = (await (await page.request.get(api(a))).json()) as { version: number };
  const onB = (await (await page.request.get(api(b))).json()) as {
    version: number;
    content: { dek: string };
  };
  expect(onB.version).toBe(onA.version);
  expect(onB.content.dek).toBe(`The first dek of ${title}.`);

  // A save on A; B's endpoint and B's editor have it at once.
  const version = await saveDek(a, `A dek saved on instance 1 for ${title}.`);
  const after = (await (await page.request.get(api(b))).json()) as {
    version: number;
    content: { dek: string };
  };
  expect(after.version).toBe(version);
  expect(after.content.dek).toBe(`A dek saved on instance 1 for ${title}.`);
  await page.goto(`${b.origin}/admin/reviews/${id}`);
  await expect(page.getByLabel('Dek')).toHaveValue(`A dek saved on instance 1 for ${title}.`);
});

test('published on A, the page B had cached is the new one within 1 s', async ({ request }) => {
  const path = `/reviews/${review.slug}`;
  const oldDek = `A dek saved on instance 1 for ${review.title}.`;
  const newDek = `The dek of the second publication of ${review.title}.`;
  await publishOn(a);
  // B renders the page and keeps it (in Redis, where A's expiry will land).
  await within(ONE_SECOND, Date.now(), 'the first publication on B', async () =>
    (await request.get(`${b.origin}${path}`)).ok(),
  );
  const cached = await request.get(`${b.origin}${path}`);
  expect(cached.headers()['x-nextjs-cache']).toBe('HIT');
  expect(await cached.text()).toContain(oldDek);

  await saveDek(a, newDek);
  // Still the old page on B until the publish: saving a draft changes nothing readers see.
  expect(await (await request.get(`${b.origin}${path}`)).text()).toContain(oldDek);
  // And in nginx's micro-cache too.
  expect(await (await request.get(path)).text()).toContain(oldDek);
  expect(cacheStatusOf(await request.get(path))).toBe('HIT');
  await publishOn(a);
  const published = Date.now();
  const onB = await within(ONE_SECOND, published, 'the new page on B', async () =>
    (await (await request.get(`${b.origin}${path}`)).text()).includes(newDek),
  );
  const viaNginx = await within(THROUGH_NGINX, published, 'the new page through nginx', async () =>
    (await (await request.get(path)).text()).includes(newDek),
  );
  console.log(`Publish on A: new page on B after ${onB} ms, through nginx after ${viaNginx} ms.`);
});

test('unpublished on B, A answers 404 within 1 s', async ({ request }) => {
  const path = `/reviews/${review.slug}`;
  await request.get(`${a.origin}${path}`);
  const cached = await request.get(`${a.origin}${path}`);
  expect(cached.status()).toBe(200);
  expect(cached.headers()['x-nextjs-cache']).toBe('HIT');
  expect((await request.get(path)).status()).toBe(200);

  await adminPage.goto(`${b.origin}/admin/reviews/${review.id}`);
  adminPage.once('dialog', (dialog) => void dialog.accept());
  await adminPage.getByRole('button', { name: 'Unpublish' }).click();
  await expect(adminPage.getByRole('status').filter({ hasText: 'Unpublished' })).toBeVisible();
  const unpublished = Date.now();
  const onA = await within(
    ONE_SECOND,
    unpublished,
    'the 404 on A',
    async () => (await request.get(`${a.origin}${path}`)).status() === 404,
  );
  const viaNginx = await within(
    THROUGH_NGINX,
    unpublished,
    'the 404 through nginx',
    async () => (await request.get(path)).status() === 404,
  );
  console.log(`Unpublish on B: 404 on A after ${onA} ms, through nginx after ${viaNginx} ms.`);
});

test('the micro-cache keeps anonymous reader pages 1–2 s, and nothing else', async ({
  request,
  playwright,
}) => {
  // An address no one has asked for yet (the page ignores the query).
  const path = `/reviews/escape-2024?micro=${Date.now()}`;
  expect(cacheStatusOf(await request.get(path))).toBe('MISS');
  const stored = Date.now();
  const again = await request.get(path);
  expect(again.status()).toBe(200);
  expect(cacheStatusOf(again)).toBe('HIT');
  expect(again.headers()['content-encoding']).toBe('gzip');
  // What the app said passes through unchanged, for browsers and any CDN in front.
  expect(again.headers()['cache-control']).toMatch(/s-maxage=\d+/);
  // Kept until the end of the second after the one it was stored in: never the 300 s of s-maxage.
  let status: string | undefined = 'HIT';
  while (status === 'HIT' && Date.now() - stored < 5_000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    status = cacheStatusOf(await request.get(path));
  }
  expect(status).toBe('EXPIRED');
  expect(Date.now() - stored).toBeLessThanOrEqual(2_100);

  // Staff: a session cookie or an Authorization header goes past the cache, both ways.
  expect(cacheStatusOf(await adminPage.request.get(path))).toBe('BYPASS');
  expect(
    cacheStatusOf(await request.get(path, { headers: { authorization: 'Bearer something' } })),
  ).toBe('BYPASS');
  // Pages the app marks private or no-store are never kept: the sign-in page has a nonce each time.
  const login = [await request.get('/login'), await request.get('/login')];
  expect(login.map(cacheStatusOf)).toEqual(['MISS', 'MISS']);
  expect(login[0]!.headers()['content-security-policy']).not.toBe(
    login[1]!.headers()['content-security-policy'],
  );
  // Nor anything but GET and HEAD.
  const anonymous: APIRequestContext = await playwright.request.newContext();
  const post = await anonymous.post(`${cluster.origin}/api/reviews/${review.id}/presence`, {
    headers: { origin: cluster.origin },
  });
  expect(post.status()).toBe(401);
  expect(cacheStatusOf(post)).toBeUndefined();
  await anonymous.dispose();
});

test('presence shows two editors on different instances', async ({ browser }) => {
  const editor = { name: `Cluster Editor ${Date.now()}`, email: uniqueEmail('cluster-editor') };
  const password = 'cluster editor passphrase 7';
  await createUserAsAdmin(adminPage, { ...editor, role: 'editor', password });

  await adminPage.goto(`${a.origin}/admin/reviews/${review.id}`);
  const other = await (await browser.newContext()).newPage();
  await signIn(other, { email: editor.email, password });
  await other.goto(`${b.origin}/admin/reviews/${review.id}`);

  await expect(other.getByText('Also editing: Administrator')).toBeVisible();
  await expect(adminPage.getByText(`Also editing: ${editor.name}`)).toBeVisible({
    timeout: 20_000,
  });
  // The heartbeats themselves, each to its own instance.
  const heartbeat = async (page: Page, on: ClusterInstance) => {
    const response = await page.request.post(`${on.origin}/api/reviews/${review.id}/presence`, {
      headers: { origin: on.origin },
    });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { editors: { name: string }[] }).editors.map((e) => e.name);
  };
  expect(await heartbeat(adminPage, a)).toEqual([editor.name]);
  expect(await heartbeat(other, b)).toEqual(['Administrator']);
  await other.context().close();
});

test('with one instance down, nginx sends reads and saves to the other', async ({ request }) => {
  await adminPage.goto('about:blank');
  await b.stop();
  const upstreams = new Set<string>();
  for (let i = 0; i < 6; i++) {
    const page = await request.get(`/page/1?n=${i}`);
    expect(page.status()).toBe(200);
    upstreams.add(upstreamOf(page).split(', ').at(-1)!);
  }
  expect([...upstreams]).toEqual([a.address]);
  // A POST that could not be sent to the stopped instance is sent to the other.
  const api = `/api/reviews/${review.id}/revisions`;
  const head = (await (await adminPage.request.get(api)).json()) as {
    version: number;
    content: object;
  };
  for (let i = 0; i < 2; i++) {
    const saved = await adminPage.request.post(api, {
      headers: { origin: cluster.origin },
      data: {
        baseVersion: head.version + i,
        kind: 'save',
        content: { ...head.content, dek: `Saved while instance 2 was down (${i}).` },
      },
    });
    expect(saved.status(), await saved.text()).toBe(200);
    expect(upstreamOf(saved).split(', ').at(-1)).toBe(a.address);
  }
});
