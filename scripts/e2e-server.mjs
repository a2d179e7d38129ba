// Starts the production build (`node server.mjs`) for the end-to-end tests on a throwaway database
// in a fresh temporary directory, removed again when the server stops. It refuses to run
// against the real ./data/cms.db, whatever DATABASE_URL says.
//
// E2E_ENGINE=postgres runs it on PostgreSQL instead: a database created for this run on the test
// server (TEST_POSTGRES_URL, as the unit tests use) and dropped when the server stops.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureTestPostgres } from './lib/test-postgres.mjs';

const port = process.env.E2E_PORT ?? '3100';
const engine = process.env.E2E_ENGINE ?? 'sqlite';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-e2e-'));
const databasePath = path.join(dir, 'cms.db');

if (path.resolve(databasePath) === path.resolve('data/cms.db')) {
  console.error('Refusing to run end-to-end tests against ./data/cms.db.');
  process.exit(1);
}

// The test server, or a throwaway one started for this run when none answers.
const postgres = engine === 'postgres' ? await ensureTestPostgres() : null;
const serverUrl = postgres?.url;
const databaseName = `cms_e2e_${randomBytes(5).toString('hex')}`;

/** Runs one statement on the PostgreSQL test server's maintenance database. */
async function onServer(statement) {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Drops the databases of earlier runs that nobody is connected to: a run whose server was
 * killed outright (Playwright may SIGKILL it) never dropped its own.
 */
async function dropLeftovers() {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select datname from pg_database d where datname like 'cms\_e2e\_%'
         and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)`,
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

async function databaseUrl() {
  if (engine !== 'postgres') return databasePath;
  await dropLeftovers();
  await onServer(`CREATE DATABASE "${databaseName}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

// The first admin comes from the environment, as an operator would set it up; the tests
// create every other account through the admin UI. On PostgreSQL the session key and uploads
// have no database folder to live beside: they are kept in this run's temporary folder.
const env = {
  ...process.env,
  DATABASE_URL: await databaseUrl(),
  NODE_ENV: 'production',
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  ADMIN_EMAIL: 'admin@e2e.test',
  ADMIN_PASSWORD: 'e2e admin passphrase 1',
  ...(engine === 'postgres'
    ? { NEXTAUTH_SECRET: randomBytes(32).toString('hex'), UPLOADS_DIR: path.join(dir, 'uploads') }
    : {}),
};

const server = spawn(process.execPath, ['server.mjs', '--port', port], { stdio: 'inherit', env });

async function cleanUp() {
  fs.rmSync(dir, { recursive: true, force: true });
  if (engine === 'postgres') {
    await onServer(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`).catch((error) =>
      console.error(`Could not drop ${databaseName}: ${error.message}`),
    );
    await postgres.stop();
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => {
  void cleanUp().finally(() => process.exit(code ?? (signal ? 1 : 0)));
});
