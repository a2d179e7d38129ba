// How fast the writing canvas is in a real browser, on the production build: how long the
// editor page takes to become editable (the canvas accepting typing, its toolbar live), for a
// new review and for one of 20 sections of 500 words, and how much main-thread work each
// keystroke costs in that long review: every task the renderer's main thread runs from one key
// to the next (Chromium's trace: the key's handlers, ProseMirror's update, React's render,
// style, layout and paint), the keys typed 60 ms apart so each one's work is its own.
// (Event Timing's key-to-next-paint is no measure here: headless Chromium paints at 60 Hz, so
// a key typed into an empty <input> on a blank page already "takes" 16-24 ms.)
//
//   node scripts/bench-editor.mjs [--runs 7] [--keys 200] [--port 3145]
//
// Each "cold" visit is a fresh browser context (nothing cached); "warm" visits reuse one, as a
// critic reopening the editor does. Medians are printed with the machine.

import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import {
  checkBuild,
  describeMachine,
  median,
  request,
  ROOT,
  scratchDirectory,
  signIn,
  startServer,
} from './lib/load-support.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    keys: { type: 'string', default: '200' },
    port: { type: 'string', default: '3145' },
  },
});
const runs = Number(values.runs);
const keys = Number(values.keys);
const ADMIN = { email: 'bench@editor.example', password: 'bench editor passphrase 1' };
const SECTIONS = 20;
const WORDS = 500;

process.chdir(ROOT);
checkBuild();
let server = null;
const dir = scratchDirectory('review-cms-bench-editor-', () => server);
server = await startServer({
  databasePath: path.join(dir, 'cms.db'),
  port: Number(values.port),
  env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
});
const { origin } = server;
const cookie = await signIn(origin, ADMIN.email, ADMIN.password);

/** 500 words of ordinary prose, in paragraphs of 50. */
function body(section) {
  const words = Array.from({ length: WORDS }, (_, i) => `word${section}x${i}`);
  const paragraphs = [];
  for (let i = 0; i < words.length; i += 50)
    paragraphs.push({
      type: 'paragraph',
      content: [{ type: 'text', text: `${words.slice(i, i + 50).join(' ')}.` }],
    });
  return { type: 'doc', content: paragraphs };
}

// The sample review (id 1) becomes the long one: 20 sections of 500 words.
const headers = { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' };
const head = await request(origin, 'GET', '/api/reviews/1/revisions', { headers });
if (head.status !== 200) throw new Error(`GET the sample review answered ${head.status}.`);
const long = {
  ...head.json.content,
  sections: Array.from({ length: SECTIONS }, (_, i) => ({
    id: crypto.randomUUID(),
    kind: 'custom',
    heading: `Section ${i + 1}`,
    spoiler: false,
    body: body(i + 1),
  })),
};
const saved = await request(origin, 'POST', '/api/reviews/1/revisions', {
  headers,
  body: JSON.stringify({ baseVersion: head.json.version, kind: 'save', content: long }),
});
if (saved.status !== 200) throw new Error(`Saving the long review answered ${saved.status}.`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--disable-gpu', '--no-first-run'],
});
const session = cookie.split('=');
async function newContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: session[0], value: session[1], url: origin }]);
  // The moment the canvas is editable and its toolbar live, from the navigation's start.
  await context.addInitScript(() => {
    const ready = () =>
      document.querySelector('#review-canvas[contenteditable="true"]') &&
      document.querySelector('[role="toolbar"] button:not([disabled])');
    new MutationObserver((_, observer) => {
      if (!ready()) return;
      window.__editable = performance.now();
      observer.disconnect();
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  return context;
}

async function timeToEditable(page, address) {
  await page.goto(`${origin}${address}`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__editable !== undefined, null, { timeout: 30_000 });
  return page.evaluate(() => window.__editable);
}

const PAGES = {
  'new review': '/admin/reviews/new',
  [`${SECTIONS} × ${WORDS} words`]: '/admin/reviews/1',
};
const figures = {};
for (const [name, address] of Object.entries(PAGES)) {
  const cold = [];
  for (let run = 0; run < runs; run++) {
    const context = await newContext();
    cold.push(await timeToEditable(await context.newPage(), address));
    await context.close();
  }
  const context = await newContext();
  await timeToEditable(await context.newPage(), address);
  const warm = [];
  for (let run = 0; run < runs; run++)
    warm.push(await timeToEditable(await context.newPage(), address));
  await context.close();
  figures[name] = { cold: median(cold), warm: median(warm) };
}

// Keystrokes in the long review, typed one at a time into the middle of section 10.
const context = await newContext();
const page = await context.newPage();
await timeToEditable(page, '/admin/reviews/1');
const target = page.locator('#review-canvas > .canvas-section-start').nth(9);
await target.locator('xpath=following-sibling::*[3]').click();
await page.keyboard.press('End');
await page.waitForTimeout(500);
const cdp = await context.newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
await cdp.send('Tracing.start', {
  // The task boundaries and the key events only: the detailed timeline would slow what it measures.
  categories: 'toplevel,devtools.timeline',
  transferMode: 'ReportEvents',
});
for (let i = 0; i < keys; i++) await page.keyboard.type(i % 6 === 5 ? ' ' : 'k', { delay: 60 });
await page.waitForTimeout(100);
await cdp.send('Tracing.end');
await traced;
const perKey = workPerKeystroke(events);
const typed = await page
  .locator('#review-canvas')
  .evaluate((element) => (element.textContent.match(/k/g) ?? []).length);
await context.close();
await browser.close();
await server.stop();
server = null;

console.log(describeMachine());
console.log(`\nEditor page editable (median of ${runs} visits, ms from navigation start):`);
for (const [name, { cold, warm }] of Object.entries(figures))
  console.log(`  ${name.padEnd(22)} cold ${Math.round(cold)}  warm ${Math.round(warm)}`);
console.log(
  `\nKeystrokes in the ${SECTIONS} × ${WORDS}-word review: ${keys} typed (${typed} letters arrived)`,
);
const over = perKey.filter((ms) => ms > 16).length;
console.log(
  `  main-thread work per keystroke: median ${perKey.length ? median(perKey).toFixed(1) : '-'} ms, max ${perKey.length ? Math.max(...perKey).toFixed(1) : '-'} ms; ${over} of ${perKey.length} over 16 ms`,
);

/**
 * The main thread's work between each keydown and the next, in ms: the top-level tasks of the
 * renderer's main thread (CrRendererMain), each counted once, grouped by the key they follow.
 */
function workPerKeystroke(trace) {
  const main = trace.find(
    (event) =>
      event.ph === 'M' &&
      event.name === 'thread_name' &&
      event.args?.name === 'CrRendererMain' &&
      trace.some(
        (other) =>
          other.tid === event.tid &&
          other.pid === event.pid &&
          other.name === 'EventDispatch' &&
          other.args?.data?.type === 'keydown',
      ),
  );
  if (!main) throw new Error('The trace has no renderer main thread with key events.');
  const onMain = trace.filter((event) => event.pid === main.pid && event.tid === main.tid);
  const keydowns = onMain
    .filter((event) => event.name === 'EventDispatch' && event.args?.data?.type === 'keydown')
    .map((event) => event.ts)
    .sort((a, b) => a - b);
  const tasks = onMain
    .filter(
      (event) =>
        event.ph === 'X' &&
        (event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask'),
    )
    .sort((a, b) => a.ts - b.ts);
  const work = keydowns.map(() => 0);
  let coveredUntil = -Infinity;
  for (const task of tasks) {
    if (task.ts < coveredUntil) continue; // nested in a task already counted
    coveredUntil = task.ts + task.dur;
    // The keydown this task follows (a task holding the keydown counts for it).
    let key = -1;
    for (let i = 0; i < keydowns.length && keydowns[i] <= task.ts + task.dur; i++) key = i;
    if (key >= 0) work[key] += task.dur / 1000;
  }
  return work;
}
