import { variables, type Env, type VariableName } from './env-variables';

// The environment, declared in one place and read in one place. lib/env-variables.ts declares
// every variable the application reads, with its schema, its default and a line for the README
// (tests/env/readme-table.test.ts keeps the README's table in step with it). This module is the
// only application module that reads process.env; everything else asks env().
//
// The environment is checked when the server starts (instrumentation.ts calls
// checkEnvOrExit()): a bad value stops it with a message naming the variable. After that,
// env() answers from the values parsed then. It compares the raw values with the ones it
// parsed (about 10 µs) and parses again only when one has changed: never in a production
// server, but tests set process.env (or vi.stubEnv) between cases, and `next dev` reloads a
// changed .env file, and both see the change as when every module read process.env itself.
//
// Not here:
// - NODE_ENV and NEXT_RUNTIME are Next's: isProduction() below reads NODE_ENV literally,
//   so that Next's compiler replaces it in what it builds; instrumentation.ts reads
//   NEXT_RUNTIME itself, so that the Edge build of it drops the Node-only imports after it.
// - server.mjs is plain JavaScript run by Node before Next (it cannot import this file): it
//   reads PORT, HOSTNAME, TRUSTED_PROXY_HOPS and TRUSTED_PROXIES itself, checks them with the
//   same rules as here and stops with its own message, then sets NODE_ENV, PORT and
//   CMS_INTERNAL_ORIGIN for the app. They are declared here too, for the README and so that
//   `next start` or `next dev` without server.mjs checks them as well.
// - lib/cache/redis-cache-handler.mjs is loaded by Node for Next outside the bundle (the
//   cacheHandler), so it reads REDIS_URL and NEXT_PHASE itself; REDIS_URL is declared and
//   checked here too.
// - Tools: the end-to-end tests (testToolVariables, documented only), the bench and e2e
//   scripts (scripts/*.mjs) and the tests read their own variables.

export {
  DEFAULT_DATABASE_PATH,
  testToolVariables,
  variables,
  type Env,
  type VariableDoc,
  type VariableName,
} from './env-variables';

export type EnvProblem = { name: string; message: string };

/** One or more variables have values the application cannot use; the message names each. */
export class EnvError extends Error {
  constructor(readonly problems: EnvProblem[]) {
    super(
      problems.length === 1
        ? problems[0]!.message
        : `${problems.length} environment variables are not valid:\n${problems.map((problem) => `  ${problem.message}`).join('\n')}`,
    );
    this.name = 'EnvError';
  }
}

const NAMES = Object.keys(variables) as VariableName[];

function isSet(raw: string | undefined): boolean {
  return raw !== undefined && raw.trim() !== '';
}

/** Parses these raw values (process.env by default); throws EnvError naming every bad one. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed: Record<string, unknown> = {};
  const problems: EnvProblem[] = [];
  for (const name of NAMES) {
    const { schema, quote } = variables[name];
    const raw = source[name];
    const result = schema.safeParse(raw);
    if (result.success) {
      parsed[name] = result.data;
      continue;
    }
    const mustBe = result.error.issues[0]?.message ?? 'is not valid';
    const shown =
      !quote || raw === undefined ? '' : `; it is ${JSON.stringify(raw.trim().slice(0, 40))}`;
    problems.push({ name, message: `${name} ${mustBe}${shown}.` });
  }
  if (isSet(source.TRUSTED_PROXY_HOPS) && isSet(source.TRUSTED_PROXIES))
    problems.push({
      name: 'TRUSTED_PROXIES',
      message: 'TRUSTED_PROXY_HOPS and TRUSTED_PROXIES are both set: set one or the other.',
    });
  if (isSet(source.CDN_PURGE_URL) && !isSet(source.CDN_PURGE_SECRET))
    problems.push({
      name: 'CDN_PURGE_SECRET',
      message: 'CDN_PURGE_SECRET must be set with CDN_PURGE_URL: purge requests are signed.',
    });
  if (problems.length > 0) throw new EnvError(problems);
  return parsed as Env;
}

let parsedFrom: { raw: Array<string | undefined>; env: Env } | undefined;

/**
 * The environment, parsed once: again only if a variable has changed since (tests change
 * them; a server does not). Throws EnvError when a value is bad.
 */
export function env(): Env {
  const raw = NAMES.map((name) => process.env[name]);
  if (!parsedFrom || raw.some((value, i) => value !== parsedFrom!.raw[i]))
    parsedFrom = { raw, env: parseEnv(process.env) };
  return parsedFrom.env;
}

/**
 * Called as the server starts (instrumentation.ts): parses the environment now, and on a bad
 * value prints what is wrong (one line a variable, no stack) and exits.
 */
export function checkEnvOrExit(): void {
  try {
    env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`Cannot start: ${error.message}`);
    process.exit(1);
  }
}

/**
 * The environment for a child process (pg_dump): this process's own, with `extra` on top. Read
 * here so that lib/env.ts stays the one application module that reads process.env.
 */
export function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** A production build or server. Literal, so that Next's compiler inlines it where it builds. */
export function isProduction(): boolean {
  return process.env.NODE_ENV === 'production';
}
