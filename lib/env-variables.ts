import { isIPv4, isIPv6 } from 'node:net';
import { z } from 'zod';

// Every variable the application reads: its schema, its default and its line in the README's
// table. Parsing and reading them is lib/env.ts's job; nothing here touches the environment.

/** Where the embedded database lives when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_PATH = './data/cms.db';

/** How a variable is shown in the README: its default and what it means (one line each). */
export type VariableDoc = {
  /** The README's Default cell (Markdown). */
  default: string;
  /** The README's Meaning cell (Markdown). */
  description: string;
  /** Its value is never repeated in an error message (it may hold a password). */
  secret?: boolean;
};

/**
 * A set value, as every module read it before: trimmed (unless `trim` is false), and unset
 * when that leaves it empty. A bad value is quoted in the error message unless it is a secret
 * or `quote` is false (the message quotes the bad part itself).
 */
function variable<T extends z.ZodType>(
  schema: T,
  doc: VariableDoc,
  { trim = true, quote = true } = {},
) {
  const unsetWhenBlank = (raw: unknown) => {
    if (typeof raw !== 'string') return raw;
    const value = trim ? raw.trim() : raw;
    return value === '' ? undefined : value;
  };
  return { ...doc, quote: quote && !doc.secret, schema: z.preprocess(unsetWhenBlank, schema) };
}

function parsesAsUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** A number within bounds, from its text as Number() reads it (`1e3` too). */
function numberFrom(mustBe: string, { above, min, max, whole = false }: NumberBounds) {
  const error = { error: mustBe };
  let schema = z.coerce.number(error);
  if (whole) schema = schema.int(error);
  if (above !== undefined) schema = schema.gt(above, error);
  if (min !== undefined) schema = schema.min(min, error);
  if (max !== undefined) schema = schema.max(max, error);
  return schema;
}
type NumberBounds = { above?: number; min?: number; max?: number; whole?: boolean };

/** An IP address, by the rule of validAddress in lib/net/client-address.mjs (server.mjs's). */
function isIpAddress(entry: string): boolean {
  const text = entry.trim();
  if (text.length === 0 || text.length > 45) return false;
  const unmapped = text.toLowerCase().startsWith('::ffff:') ? text.slice(7) : text;
  return isIPv4(unmapped) || isIPv6(text);
}

const HTTP = ['http:', 'https:'];
const DEFAULT_SITE_DESCRIPTION =
  'Reviews of film and television: the story, the performances, the craft, and whether it is worth your evening.';

/** Every variable the application reads, in the README's order. */
export const variables = {
  DATABASE_URL: variable(
    z
      .string()
      .refine(
        (value) =>
          /^postgres(?:ql)?:\/\//i.test(value)
            ? parsesAsUrl(value, ['postgres:', 'postgresql:'])
            : value.startsWith('file://') || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value),
        {
          error:
            'must be a postgres:// (or postgresql://) URL, or a file path or file: URL for the embedded SQLite database',
        },
      )
      .default(DEFAULT_DATABASE_PATH),
    {
      default: '`./data/cms.db`',
      description:
        'The database: `postgres://user:password@host:5432/name` (or `postgresql://`) for PostgreSQL 15+, anything else a SQLite file path or `file:` URL (created on first run).',
      secret: true,
    },
  ),
  DATABASE_POOL_MAX: variable(
    numberFrom('must be a whole number from 1 to 1000', { min: 1, max: 1000, whole: true }).default(
      10,
    ),
    {
      default: '`10`',
      description: 'PostgreSQL only: the most connections one app process opens.',
    },
  ),
  NEXTAUTH_URL: variable(
    z
      .string()
      // As next-auth reads it: without a scheme, https.
      .refine((value) => parsesAsUrl(value.startsWith('http') ? value : `https://${value}`, HTTP), {
        error: "must be the site's public origin, such as https://cms.example",
      })
      .optional(),
    {
      default: '`http://localhost:3000`',
      description:
        "The site's public origin, for sign-in redirects; an `https:` origin makes session cookies Secure.",
    },
  ),
  NEXTAUTH_SECRET: variable(z.string().optional(), {
    default: 'generated',
    description:
      'Key that signs session cookies. Without it, a random key is kept in `auth-secret` beside the database.',
    secret: true,
  }),
  SITE_URL: variable(
    z
      .string()
      .refine((value) => parsesAsUrl(value, HTTP), {
        error: 'must be an http:// or https:// URL, such as https://reviews.example',
      })
      .optional(),
    {
      default: '`NEXTAUTH_URL`',
      description: 'Origin used in links printed outside a request (setup link, CLI output).',
    },
  ),
  // Checked when it is used: a bad one is reported and the setup link printed instead.
  ADMIN_EMAIL: variable(z.string().optional(), {
    default: '(none)',
    description: 'With `ADMIN_PASSWORD`, creates the first admin on a start with no users.',
  }),
  ADMIN_PASSWORD: variable(
    z.string().optional(),
    {
      default: '(none)',
      description: 'See `ADMIN_EMAIL`; must satisfy the password policy.',
      secret: true,
    },
    // A password is taken as written, spaces included.
    { trim: false },
  ),
  UPLOADS_DIR: variable(z.string().optional(), {
    default: '`uploads/` beside the database',
    description: 'Where uploaded images and their sizes are stored.',
  }),
  SESSION_IDLE_MINUTES: variable(
    numberFrom('must be a number of minutes above 0, at most 1440', {
      above: 0,
      max: 24 * 60,
    }).default(120),
    {
      default: '`120`',
      description: 'A session unused this long ends (at most 1,440).',
    },
  ),
  SESSION_MAX_DAYS: variable(
    numberFrom('must be a number of days above 0, at most 30', { above: 0, max: 30 }).default(7),
    {
      default: '`7`',
      description: 'A session ends this long after sign-in, however active (at most 30).',
    },
  ),
  SITE_NAME: variable(z.string().default('The Review Desk'), {
    default: '`The Review Desk`',
    description: "The publication's name in the header and page titles.",
  }),
  SITE_DESCRIPTION: variable(z.string().default(DEFAULT_SITE_DESCRIPTION), {
    default: 'a sentence on film and TV reviews',
    description: 'What the publication is: the text and description of the about page.',
  }),
  // Set by server.mjs (from --port, PORT or 3000) before the app starts.
  PORT: variable(
    numberFrom('must be a port number from 1 to 65535', {
      min: 1,
      max: 65535,
      whole: true,
    }).optional(),
    {
      default: '`3000`',
      description: 'Port for `npm start`.',
    },
  ),
  HOSTNAME: variable(z.string().optional(), {
    default: '(all interfaces)',
    description: 'Address `npm start` listens on.',
  }),
  TRUSTED_PROXY_HOPS: variable(
    numberFrom('must be a whole number from 0 to 10 (the proxies in front of this server)', {
      min: 0,
      max: 10,
      whole: true,
    }).default(0),
    {
      default: '`0`',
      description:
        'How many reverse proxies in front of the server append to `X-Forwarded-For` (Security).',
    },
  ),
  TRUSTED_PROXIES: variable(
    z
      .string()
      .transform((text, ctx) => {
        const entries = text.split(',');
        const bad = entries.find((entry) => !isIpAddress(entry));
        if (bad === undefined) return entries.map((entry) => entry.trim());
        ctx.issues.push({
          code: 'custom',
          input: text,
          message: `must list IP addresses separated by commas; "${bad.trim().slice(0, 60)}" is not one`,
        });
        return z.NEVER;
      })
      .optional(),
    {
      default: '(none)',
      description:
        "Instead of hops: the proxies' addresses, comma-separated; requests from others are taken at face value.",
    },
    { quote: false },
  ),
  SMTP_URL: variable(
    z
      .string()
      .refine((value) => parsesAsUrl(value, ['smtp:', 'smtps:']), {
        error: 'must be an smtp:// or smtps:// URL, such as smtp://user:pass@host:587',
      })
      .optional(),
    {
      default: '(none)',
      description:
        '`smtp://user:pass@host:587` or `smtps://…:465`: invitations and password resets are e-mailed.',
      secret: true,
    },
  ),
  SMTP_FROM: variable(z.string().optional(), {
    default: '`"<SITE_NAME>" <no-reply@host>`',
    description: 'Sender of those e-mails.',
  }),
  SAVES_PER_MINUTE: variable(
    numberFrom('must be a whole number above 0', { above: 0, whole: true }).default(120),
    {
      default: '`120`',
      description: 'Revisions one person may save a minute; more answer 429 with when to retry.',
    },
  ),
  // next.config.ts configures the shared cache when it is set. The handler itself
  // (lib/cache/redis-cache-handler.mjs, plain JavaScript that Node loads for Next outside the
  // app, like server.mjs) reads it from the environment; the server's start checks it here.
  REDIS_URL: variable(
    z
      .string()
      .refine((value) => parsesAsUrl(value, ['redis:', 'rediss:']), {
        error:
          'must be a redis:// or rediss:// URL, such as redis://:password@cache.internal:6379/0',
      })
      .optional(),
    {
      default: '(none: in memory)',
      description:
        'A Redis server (`redis://…`, `rediss://…`) for a page and query cache shared by several instances (Beyond one machine).',
      secret: true,
    },
  ),
  CDN_PURGE_URL: variable(
    z
      .string()
      .refine((value) => parsesAsUrl(value, HTTP), {
        error: 'must be an http:// or https:// URL that receives purge requests',
      })
      .optional(),
    {
      default: '(none)',
      description:
        'Receives a signed POST (changed paths and the cache tag) after every publish change, retried with backoff (Beyond one machine).',
    },
  ),
  CDN_PURGE_SECRET: variable(
    z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
    {
      default: '(none)',
      description:
        'Key of the HMAC-SHA256 signature of those requests; required with `CDN_PURGE_URL`.',
      secret: true,
    },
  ),
  // Set by server.mjs before the app starts (it replaced Next's private __NEXT_PRIVATE_ORIGIN).
  CMS_INTERNAL_ORIGIN: variable(
    z
      .string()
      .refine((value) => parsesAsUrl(value, HTTP), {
        error: 'must be an http:// URL of this server, such as http://127.0.0.1:3000',
      })
      .optional(),
    {
      default: '`http://127.0.0.1:<PORT>`',
      description:
        "Set by `server.mjs`: where the server's own background work (the scheduler) reaches it.",
    },
  ),
};

/**
 * Read by the end-to-end tests (playwright.config.ts, e2e/), never by the application: listed
 * for the README only.
 */
export const testToolVariables: Record<string, VariableDoc> = {
  CHROMIUM_PATH: {
    default: '(auto)',
    description: 'Browser binary for the end-to-end tests.',
  },
  E2E_PORT: {
    default: '`3100`',
    description:
      'Port of the server the end-to-end tests start (specs that start their own use the next few).',
  },
};

export type VariableName = keyof typeof variables;

/** The parsed environment: each variable typed, defaults filled in, unset ones undefined. */
export type Env = { [Name in VariableName]: z.output<(typeof variables)[Name]['schema']> };
