import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  DEFAULT_DATABASE_PATH,
  EnvError,
  checkEnvOrExit,
  env,
  isProduction,
  parseEnv,
  variables,
} from '../../lib/env';
import { proxyTrustFromEnv } from '../../lib/net/client-address.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** The message parseEnv throws for these values, or null when it accepts them. */
function problem(source: Record<string, string | undefined>): string | null {
  try {
    parseEnv(source);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).message;
  }
}

describe('defaults', () => {
  const empty = parseEnv({});

  it('are what each module used when a variable was unset', () => {
    expect(empty).toMatchObject({
      DATABASE_URL: DEFAULT_DATABASE_PATH,
      SESSION_IDLE_MINUTES: 120,
      SESSION_MAX_DAYS: 7,
      SITE_NAME: 'The Review Desk',
      SAVES_PER_MINUTE: 120,
      TRUSTED_PROXY_HOPS: 0,
    });
    expect(DEFAULT_DATABASE_PATH).toBe('./data/cms.db');
    expect(empty.SITE_DESCRIPTION).toMatch(/^Reviews of film and television: /);
  });

  it('leave unset what has no fixed default (its reader works one out)', () => {
    for (const name of [
      'NEXTAUTH_URL',
      'NEXTAUTH_SECRET',
      'SITE_URL',
      'ADMIN_EMAIL',
      'ADMIN_PASSWORD',
      'UPLOADS_DIR',
      'PORT',
      'HOSTNAME',
      'TRUSTED_PROXIES',
      'SMTP_URL',
      'SMTP_FROM',
      'CMS_INTERNAL_ORIGIN',
    ] as const)
      expect(empty[name], name).toBeUndefined();
  });

  it('are the ones the README shows', () => {
    for (const [name, variable] of Object.entries(variables)) {
      const value = empty[name as keyof typeof empty];
      if (value === undefined || name === 'SITE_DESCRIPTION') continue;
      expect(variable.default, name).toBe(`\`${String(value)}\``);
    }
  });

  it('apply to blank values too, and set values are trimmed', () => {
    const parsed = parseEnv({
      SITE_NAME: '   ',
      SESSION_IDLE_MINUTES: '',
      SMTP_URL: ' ',
      NEXTAUTH_URL: '  https://cms.example  ',
      SAVES_PER_MINUTE: ' 30 ',
    });
    expect(parsed.SITE_NAME).toBe('The Review Desk');
    expect(parsed.SESSION_IDLE_MINUTES).toBe(120);
    expect(parsed.SMTP_URL).toBeUndefined();
    expect(parsed.NEXTAUTH_URL).toBe('https://cms.example');
    expect(parsed.SAVES_PER_MINUTE).toBe(30);
  });

  it('keep a password as written', () => {
    expect(parseEnv({ ADMIN_PASSWORD: ' spaced out 42 ' }).ADMIN_PASSWORD).toBe(' spaced out 42 ');
    expect(parseEnv({ ADMIN_PASSWORD: '' }).ADMIN_PASSWORD).toBeUndefined();
  });

  it('are typed', () => {
    expectTypeOf(empty.SESSION_IDLE_MINUTES).toEqualTypeOf<number>();
    expectTypeOf(empty.DATABASE_URL).toEqualTypeOf<string>();
    expectTypeOf(empty.PORT).toEqualTypeOf<number | undefined>();
    expectTypeOf(empty.SMTP_URL).toEqualTypeOf<string | undefined>();
    expectTypeOf(empty.TRUSTED_PROXIES).toEqualTypeOf<string[] | undefined>();
  });
});

describe('a bad value', () => {
  it('is refused with a message naming the variable and what it must be', () => {
    expect(problem({ SESSION_IDLE_MINUTES: 'soon' })).toBe(
      'SESSION_IDLE_MINUTES must be a number of minutes above 0, at most 1440; it is "soon".',
    );
    expect(problem({ SESSION_MAX_DAYS: '0' })).toMatch(/^SESSION_MAX_DAYS must be .* above 0/);
    expect(problem({ SESSION_MAX_DAYS: '90' })).toMatch(/^SESSION_MAX_DAYS must be .*at most 30/);
    expect(problem({ SAVES_PER_MINUTE: 'many' })).toBe(
      'SAVES_PER_MINUTE must be a whole number above 0; it is "many".',
    );
    expect(problem({ SAVES_PER_MINUTE: '1.5' })).toMatch(/^SAVES_PER_MINUTE must be a whole/);
    expect(problem({ PORT: '70000' })).toBe(
      'PORT must be a port number from 1 to 65535; it is "70000".',
    );
    expect(problem({ DATABASE_URL: 'mysql://db.example/cms' })).toMatch(
      /^DATABASE_URL must be a postgres:\/\/ \(or postgresql:\/\/\) URL, or a file path/,
    );
    // A URL may carry a password: it is never repeated.
    expect(problem({ DATABASE_URL: 'postgres://user:hunter2@[::1' })).not.toMatch(/hunter2/);
    expect(problem({ DATABASE_POOL_MAX: '0' })).toMatch(
      /^DATABASE_POOL_MAX must be a whole number/,
    );
    expect(problem({ NEXTAUTH_URL: 'http://[::1' })).toMatch(/^NEXTAUTH_URL must be/);
    expect(problem({ SITE_URL: 'reviews.example' })).toMatch(/^SITE_URL must be an http/);
    expect(problem({ CMS_INTERNAL_ORIGIN: 'nowhere' })).toMatch(/^CMS_INTERNAL_ORIGIN must be/);
  });

  it('of a secret is not repeated in the message', () => {
    const message = problem({ SMTP_URL: 'notaurl' });
    expect(message).toBe(
      'SMTP_URL must be an smtp:// or smtps:// URL, such as smtp://user:pass@host:587.',
    );
    expect(problem({ SMTP_URL: 'https://user:hunter2@mail.example' })).not.toMatch(/hunter2/);
  });

  it('is listed with every other bad value, one a line', () => {
    try {
      parseEnv({ SMTP_URL: 'notaurl', SAVES_PER_MINUTE: 'x', PORT: '0' });
      expect.unreachable();
    } catch (error) {
      const { message, problems } = error as EnvError;
      expect(problems.map((p) => p.name)).toEqual(['PORT', 'SMTP_URL', 'SAVES_PER_MINUTE']);
      expect(message.split('\n')).toEqual([
        '3 environment variables are not valid:',
        '  PORT must be a port number from 1 to 65535; it is "0".',
        '  SMTP_URL must be an smtp:// or smtps:// URL, such as smtp://user:pass@host:587.',
        '  SAVES_PER_MINUTE must be a whole number above 0; it is "x".',
      ]);
    }
  });

  it('accepts what the modules accepted before', () => {
    expect(problem({ NEXTAUTH_URL: 'cms.example' })).toBeNull(); // next-auth: https
    expect(problem({ DATABASE_URL: ':memory:' })).toBeNull();
    expect(problem({ DATABASE_URL: 'file:///tmp/cms.db' })).toBeNull();
    expect(problem({ DATABASE_URL: 'file:data/cms.db' })).toBeNull();
    expect(problem({ SMTP_URL: 'smtps://user:pass@mail.example:465' })).toBeNull();
    expect(problem({ SESSION_IDLE_MINUTES: '0.5', SESSION_MAX_DAYS: '30' })).toBeNull();
    expect(problem({ SAVES_PER_MINUTE: '1000000' })).toBeNull();
    expect(problem({ CMS_INTERNAL_ORIGIN: 'http://[::1]:3000' })).toBeNull();
    expect(problem({ ADMIN_EMAIL: 'not an address' })).toBeNull(); // reported by setup instead
  });
});

describe('the proxy variables', () => {
  // server.mjs checks them first (it cannot import lib/env.ts): both must accept the same.
  const cases: Array<Record<string, string>> = [
    { TRUSTED_PROXY_HOPS: '0' },
    { TRUSTED_PROXY_HOPS: '10' },
    { TRUSTED_PROXY_HOPS: ' 2 ' },
    { TRUSTED_PROXY_HOPS: '11' },
    { TRUSTED_PROXY_HOPS: '-1' },
    { TRUSTED_PROXY_HOPS: 'two' },
    { TRUSTED_PROXY_HOPS: '1.5' },
    { TRUSTED_PROXIES: '10.0.0.1' },
    { TRUSTED_PROXIES: '10.0.0.2, 10.0.0.3' },
    { TRUSTED_PROXIES: '::1, ::ffff:10.0.0.1' },
    { TRUSTED_PROXIES: '10.0.0.1, nginx' },
    { TRUSTED_PROXIES: '10.0.0.1,' },
    { TRUSTED_PROXIES: '300.1.1.1' },
    { TRUSTED_PROXY_HOPS: '1', TRUSTED_PROXIES: '10.0.0.1' },
    { TRUSTED_PROXY_HOPS: '', TRUSTED_PROXIES: '10.0.0.1' },
  ];

  it.each(cases)('are accepted by lib/env.ts exactly when server.mjs accepts them: %o', (vars) => {
    let serverAccepts = true;
    try {
      proxyTrustFromEnv(vars);
    } catch {
      serverAccepts = false;
    }
    expect(problem(vars) === null).toBe(serverAccepts);
  });

  it('name the variable', () => {
    expect(problem({ TRUSTED_PROXIES: '10.0.0.1, nginx' })).toBe(
      'TRUSTED_PROXIES must list IP addresses separated by commas; "nginx" is not one.',
    );
    expect(problem({ TRUSTED_PROXY_HOPS: '1', TRUSTED_PROXIES: '10.0.0.1' })).toBe(
      'TRUSTED_PROXY_HOPS and TRUSTED_PROXIES are both set: set one or the other.',
    );
    expect(parseEnv({ TRUSTED_PROXIES: ' 10.0.0.2 ,::1' }).TRUSTED_PROXIES).toEqual([
      '10.0.0.2',
      '::1',
    ]);
  });
});

describe('env()', () => {
  it('parses once, and again only when a variable changes', () => {
    vi.stubEnv('SAVES_PER_MINUTE', '7');
    const first = env();
    expect(first.SAVES_PER_MINUTE).toBe(7);
    expect(env()).toBe(first);
    vi.stubEnv('SAVES_PER_MINUTE', '9');
    expect(env().SAVES_PER_MINUTE).toBe(9);
    vi.stubEnv('SAVES_PER_MINUTE', undefined);
    expect(env().SAVES_PER_MINUTE).toBe(120);
  });

  it('throws EnvError while a value is bad', () => {
    vi.stubEnv('SMTP_URL', 'notaurl');
    expect(() => env()).toThrow(EnvError);
    vi.stubEnv('SMTP_URL', 'smtp://127.0.0.1:2525');
    expect(env().SMTP_URL).toBe('smtp://127.0.0.1:2525');
  });
});

describe('at start', () => {
  function capture() {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('process.exit');
    }) as never);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    return { exit, error };
  }

  it('a bad value stops the server with one line naming it, no stack', () => {
    vi.stubEnv('SMTP_URL', 'notaurl');
    const { exit, error } = capture();
    expect(() => checkEnvOrExit()).toThrow('process.exit');
    expect(exit).toHaveBeenCalledWith(1);
    expect(error.mock.calls).toEqual([
      [
        'Cannot start: SMTP_URL must be an smtp:// or smtps:// URL, such as smtp://user:pass@host:587.',
      ],
    ]);
  });

  it('a good environment passes', () => {
    const { exit, error } = capture();
    checkEnvOrExit();
    expect(exit).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it('instrumentation checks the environment before touching the database', async () => {
    vi.stubEnv('NEXT_RUNTIME', 'nodejs');
    vi.stubEnv('SESSION_MAX_DAYS', 'forever');
    const { exit, error } = capture();
    const { register } = await import('../../instrumentation');
    await expect(register()).rejects.toThrow('process.exit');
    expect(exit).toHaveBeenCalledWith(1);
    expect(error).toHaveBeenCalledWith(
      'Cannot start: SESSION_MAX_DAYS must be a number of days above 0, at most 30; it is "forever".',
    );
  });
});

describe('isProduction', () => {
  it('follows NODE_ENV', () => {
    vi.stubEnv('NODE_ENV', 'production');
    expect(isProduction()).toBe(true);
    vi.stubEnv('NODE_ENV', 'development');
    expect(isProduction()).toBe(false);
  });
});

describe('lib/env.ts', () => {
  // Next's own variables stay where Next needs them written out (lib/env.ts says why).
  const allowed: Record<string, RegExp> = {
    'lib/env.ts': /./,
    'instrumentation.ts': /^process\.env\.NEXT_RUNTIME$/,
    // Plain JavaScript that Node loads for Next outside the bundle, so it cannot import
    // lib/env.ts: it reads the one variable it needs (checked by lib/env.ts at start) itself.
    'lib/cache/redis-cache-handler.mjs': /^process\.env\.(?:REDIS_URL|NEXT_PHASE)$/,
  };

  function sources(dir: string): string[] {
    return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return sources(file);
      return /\.(?:[cm]?[jt]s|tsx)$/.test(entry.name) ? [file] : [];
    });
  }

  it('is the only application module that reads process.env', () => {
    const files = [
      ...['app', 'lib', 'db', 'components'].flatMap(sources),
      'proxy.ts',
      'next.config.ts',
      'instrumentation.ts',
    ];
    const readers = files.flatMap((file) => {
      const reads = fs.readFileSync(path.join(ROOT, file), 'utf8').match(/process\.env(?:\.\w+)?/g);
      const rule = allowed[file.split(path.sep).join('/')];
      return (reads ?? []).filter((read) => !rule?.test(read)).map((read) => `${file}: ${read}`);
    });
    expect(readers).toEqual([]);
  });
});
