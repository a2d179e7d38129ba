// Instances behind nginx on a PostgreSQL copy of a fixture, for the scripts that put load on
// them (npm run load -- --instances N, npm run bench -- --instances 1,2): the fixture's cached
// PostgreSQL copy is cloned for the run, the instances share a Redis database of their own
// (when Redis answers) and a session key, and everything is removed when the run ends.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_REDIS_URL,
  emptyRedisDatabase,
  findNginx,
  NGINX_MISSING,
  redisAnswers,
  startCluster,
} from './cluster.mjs';
import {
  clonePostgresDatabase,
  ensurePostgresFixture,
  peakMemoryMiB,
  postgresLabel,
} from './load-support.mjs';

/**
 * Starts `instances` instances and nginx on `port` (instances on the ports after it) over a
 * clone of `fixtureFile`'s PostgreSQL copy (cached under `key`). `dir` is a folder of the run's
 * own (nginx's files, the uploads). Resolves with what the load scripts use of a server:
 * origin, databaseUrl, log(), peakMemoryMiB(), stop(), killNow(), and the cluster itself.
 */
export async function startLoadCluster({ fixtureFile, key, instances, port, dir, log }) {
  if (!findNginx()) throw new Error(NGINX_MISSING);
  const cached = await ensurePostgresFixture({ fixtureFile, key, log });
  const clone = await clonePostgresDatabase(cached.name);
  log?.(`Running on the clone ${postgresLabel(clone.url)}`);
  const redis = (await redisAnswers(DEFAULT_REDIS_URL))
    ? await emptyRedisDatabase(DEFAULT_REDIS_URL)
    : null;
  if (!redis)
    log?.(
      `No Redis answers at ${DEFAULT_REDIS_URL}: each instance keeps its own page cache (start ` +
        'Redis for the shared one).',
    );
  const nginxDir = path.join(dir, 'nginx');
  fs.mkdirSync(nginxDir, { recursive: true });
  // nginx's workers (nobody, when it runs as root) must reach its folder: mkdtemp made it 0700.
  fs.chmodSync(dir, 0o711);
  const lines = [];
  let cluster;
  try {
    cluster = await startCluster({
      instances,
      port,
      database: clone.url,
      secret: crypto.randomBytes(32).toString('hex'),
      uploadsDir: path.join(dir, 'uploads'),
      redisUrl: redis?.url ?? null,
      dir: nginxDir,
      // Load scripts measure throughput: each editor saves far faster than a person could.
      env: { SAVES_PER_MINUTE: '1000000' },
      onOutput: (name, line) => {
        lines.push(`${name} | ${line}`);
        if (lines.length > 5000) lines.splice(0, 1000);
      },
    });
  } catch (error) {
    await clone.drop().catch(() => {});
    await redis?.cleanup().catch(() => {});
    throw error;
  }
  return {
    cluster,
    origin: cluster.origin,
    databaseUrl: clone.url,
    redisDatabase: redis?.database ?? null,
    log: () => lines.join('\n'),
    /** Each instance's peak memory (MiB), as they are now (a restarted one counts from then). */
    peakMemoryMiB: () => cluster.instances.map((each) => peakMemoryMiB(each.child.pid)),
    /** nginx's access log: one line a request, with its status and upstream status. */
    accessLog: () => {
      const file = path.join(nginxDir, 'access.log');
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    },
    /** nginx's error log: why it answered a 5xx. */
    errorLog: () => {
      const file = path.join(nginxDir, 'error.log');
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    },
    async stop() {
      await cluster.stop();
    },
    /** Drops the clone and the run's Redis keys (after stop; verification reads the clone). */
    async cleanup() {
      await clone.drop().catch(() => {});
      await redis?.cleanup().catch(() => {});
    },
    killNow() {
      for (const each of cluster.instances) if (each.running()) each.child.kill('SIGKILL');
      if (cluster.nginx?.running()) cluster.nginx.child.kill('SIGKILL');
    },
  };
}
