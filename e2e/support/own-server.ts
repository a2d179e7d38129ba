import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// A production server of its own for a spec that needs one: a database that has never had a
// user, or a server the test stops and starts again. It runs the same build as the shared one.

export type OwnServer = {
  origin: string;
  /** Everything the server has printed so far. */
  output: () => string;
  /** Resolves with the first match of `pattern` in the output. */
  waitForOutput: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpExecArray>;
  /** Waits until /api/health answers. */
  ready: () => Promise<void>;
  stop: () => Promise<void>;
};

/** A fresh temporary directory for a database, removed by `removeDirectory`. */
export function temporaryDirectory(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `review-cms-e2e-${prefix}-`));
}

export function removeDirectory(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

export function startServer(options: {
  port: number;
  dir: string;
  env?: Record<string, string>;
  /** Leave out the first admin from the environment. */
  withoutAdmin?: boolean;
}): OwnServer {
  const origin = `http://127.0.0.1:${options.port}`;
  const inherited = Object.entries(process.env).filter(
    ([name]) => !(options.withoutAdmin && name.startsWith('ADMIN_')),
  );
  const server: ChildProcess = spawn(
    process.execPath,
    ['server.mjs', '--port', String(options.port)],
    {
      env: {
        ...Object.fromEntries(inherited),
        DATABASE_URL: path.join(options.dir, 'cms.db'),
        NEXTAUTH_URL: origin,
        SITE_URL: origin,
        NODE_ENV: 'production',
        ...options.env,
      },
    },
  );
  let output = '';
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));

  return {
    origin,
    output: () => output,
    waitForOutput: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          const match = pattern.exec(output);
          if (match) return resolve(match);
          if (server.exitCode !== null) return reject(new Error(`Server exited:\n${output}`));
          if (Date.now() - started > timeoutMs)
            return reject(new Error(`${pattern} not in the server log:\n${output}`));
          setTimeout(check, 100);
        };
        check();
      }),
    ready: async () => {
      const started = Date.now();
      while (Date.now() - started < 60_000) {
        if (server.exitCode !== null) throw new Error(`Server exited:\n${output}`);
        const healthy = await fetch(`${origin}/api/health`)
          .then((response) => response.ok)
          .catch(() => false);
        if (healthy) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`The server did not start:\n${output}`);
    },
    stop: async () => {
      if (server.exitCode === null) server.kill('SIGTERM');
      await exited;
    },
  };
}
