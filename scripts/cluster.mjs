// `npm run cluster`: several production instances on one PostgreSQL database behind nginx, on
// this machine, for trying the multi-instance setup (deploy/README.md). Runs the current build
// (`npx next build` first). Ctrl-C stops everything.
//
//   npm run cluster -- [--instances 2] [--database postgres://…] [--port 8080]
//                      [--instance-port 8081] [--redis redis://… | --no-redis]
//
// --database       default postgres://postgres@127.0.0.1:5432/cms_cluster; created when missing,
//                  kept
// --port           nginx's port
// --instance-port  the first instance's port, the others the next ones; default --port + 1
// --redis     the shared page cache; default redis://127.0.0.1:6379 when it answers
//
// The session key (NEXTAUTH_SECRET, unless set) is generated once into data/cluster/, beside the
// uploads folder every instance shares and nginx's folder (config, logs, cache).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_REDIS_URL,
  NGINX_MISSING,
  ROOT,
  ensurePostgresDatabase,
  findNginx,
  redisAnswers,
  startCluster,
  withoutPassword,
} from './lib/cluster.mjs';

const USAGE =
  'Usage: npm run cluster -- [--instances 2] [--database postgres://…] [--port 8080] ' +
  '[--instance-port 8081] [--redis redis://… | --no-redis]';

function fail(message) {
  console.error(message);
  process.exit(1);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      instances: { type: 'string', default: '2' },
      database: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/cms_cluster' },
      port: { type: 'string', default: '8080' },
      'instance-port': { type: 'string' },
      redis: { type: 'string' },
      'no-redis': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  fail(`${error.message}\n${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const instances = Number(values.instances);
if (!Number.isInteger(instances) || instances < 1 || instances > 16)
  fail(`--instances must be a whole number from 1 to 16.\n${USAGE}`);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535)
  fail(`--port must be a port number.\n${USAGE}`);
const instancePort = Number(values['instance-port'] ?? port + 1);
if (!Number.isInteger(instancePort) || instancePort < 1 || instancePort + instances - 1 > 65535)
  fail(`--instance-port must be a port number with room for ${instances} after it.\n${USAGE}`);
if (port >= instancePort && port < instancePort + instances)
  fail(`--port ${port} is one of the instances' ports.\n${USAGE}`);
if (!/^postgres(?:ql)?:\/\//i.test(values.database))
  fail(`--database must be a postgres:// URL: several instances share one PostgreSQL database.`);
if (values.redis && values['no-redis']) fail(`--redis or --no-redis, not both.\n${USAGE}`);
if (!findNginx()) fail(NGINX_MISSING);
if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID')))
  fail('No production build in .next: run `npx next build` first.');

const dataDir = path.join(ROOT, 'data', 'cluster');
fs.mkdirSync(dataDir, { recursive: true });

/** NEXTAUTH_SECRET when set; otherwise one generated the first time and kept in data/cluster. */
function sessionSecret() {
  if (process.env.NEXTAUTH_SECRET?.trim()) return process.env.NEXTAUTH_SECRET.trim();
  const file = path.join(dataDir, 'nextauth-secret');
  if (!fs.existsSync(file))
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

async function sharedCache() {
  if (values['no-redis']) {
    console.log('No Redis (--no-redis): each instance keeps its own page cache.');
    return null;
  }
  const url = values.redis ?? DEFAULT_REDIS_URL;
  if (await redisAnswers(url)) {
    console.log(
      `Redis answers at ${withoutPassword(url)}: the instances share their page cache there (REDIS_URL).`,
    );
    return url;
  }
  if (values.redis) fail(`Redis does not answer at ${withoutPassword(url)}.`);
  console.log(
    `No Redis answers at ${withoutPassword(url)}: each instance keeps its own page cache, so a ` +
      'publish reaches the pages another instance has cached only when they expire (5 minutes). ' +
      'Start Redis (`redis-server --daemonize yes`) for the shared cache.',
  );
  return null;
}

try {
  if (await ensurePostgresDatabase(values.database))
    console.log(
      `Created the database ${withoutPassword(values.database)} (kept for the next run).`,
    );
  else console.log(`Using the database ${withoutPassword(values.database)}.`);
} catch (error) {
  fail(error.message);
}
const redisUrl = await sharedCache();

const width = `instance ${instances}`.length;
let cluster;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping nginx and the instances…');
  await cluster?.stop();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stop(0));

console.log(
  `Starting ${instances} instance(s) on ports ${instancePort}–${instancePort + instances - 1}, then nginx on ${port}…`,
);
try {
  cluster = await startCluster({
    instances,
    port,
    instancePort,
    database: values.database,
    secret: sessionSecret(),
    uploadsDir: path.join(dataDir, 'uploads'),
    redisUrl,
    dir: path.join(dataDir, 'nginx'),
    onOutput: (name, line) => {
      if (line.trim()) console.log(`${name.padEnd(width)} | ${line}`);
    },
  });
} catch (error) {
  if (!stopping) {
    console.error(error.message);
    process.exit(1);
  }
}
if (cluster && !stopping) {
  console.log(`
Ready on ${cluster.origin}  (nginx: round robin over ${cluster.instances.map((each) => each.address).join(', ')})
  X-Upstream says which instance answered, X-Cache-Status what the micro-cache did.
  nginx's config, access log and cache: ${path.relative(ROOT, cluster.dir)}/
  A new database has no staff account: follow the setup link printed above, or start with
  ADMIN_EMAIL and ADMIN_PASSWORD set. Ctrl-C stops everything.`);
  // One that stops by itself (a crash) stops the rest: a half cluster is not what was asked for.
  for (const each of [...cluster.instances, cluster.nginx])
    void each.exited.then((how) => {
      if (stopping) return;
      console.error(`${each.name} stopped (${how}).`);
      void stop(1);
    });
}
