// Starts the production build (`node server.mjs`) for the end-to-end tests on a throwaway database
// in a fresh temporary directory, removed again when the server stops. It refuses to run
// against the real ./data/cms.db, whatever DATABASE_URL says.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = process.env.E2E_PORT ?? '3100';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-e2e-'));
const databasePath = path.join(dir, 'cms.db');

if (path.resolve(databasePath) === path.resolve('data/cms.db')) {
  console.error('Refusing to run end-to-end tests against ./data/cms.db.');
  process.exit(1);
}

// The first admin comes from the environment, as an operator would set it up; the tests
// create every other account through the admin UI.
const env = {
  ...process.env,
  DATABASE_URL: databasePath,
  NODE_ENV: 'production',
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  ADMIN_EMAIL: 'admin@e2e.test',
  ADMIN_PASSWORD: 'e2e admin passphrase 1',
};

const server = spawn(process.execPath, ['server.mjs', '--port', port], { stdio: 'inherit', env });

const cleanUp = () => fs.rmSync(dir, { recursive: true, force: true });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => {
  cleanUp();
  process.exit(code ?? (signal ? 1 : 0));
});
