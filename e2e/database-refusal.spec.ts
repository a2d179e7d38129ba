import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';

// A PostgreSQL DATABASE_URL the server cannot use stops the production server at start with
// one line naming the database and why (db/connect.ts), never a stack trace, and exit code 1.

const CASES = [
  ['nothing listens there', 'postgres://postgres@127.0.0.1:1/cms', /nothing listens there/],
  [
    'a database that does not exist',
    'postgres://postgres@127.0.0.1:5432/cms_no_such_database',
    /the database does not exist/,
  ],
  [
    'a refused login',
    'postgres://no_such_role:secret-word@127.0.0.1:5432/postgres',
    /the (login|password) was refused/,
  ],
] as const;

for (const [index, [name, url, reason]] of CASES.entries()) {
  test(`the server refuses to start on ${name}, in one line`, () => {
    const result = spawnSync(process.execPath, ['server.mjs', '--port', String(3195 + index)], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        NEXTAUTH_SECRET: 'e2e refusal secret',
        NODE_ENV: 'production',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('Cannot start:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot start: cannot use the PostgreSQL database postgres:\/\//);
    expect(lines[0]).toMatch(reason);
    expect(result.stderr + result.stdout).not.toContain('secret-word');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
}
