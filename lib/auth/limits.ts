import { env } from '../env';

// Session and sign-in limits. Defaults follow OWASP ASVS level 2; the environment can
// tighten or relax them within bounds (lib/env.ts refuses a value outside them).

const MINUTE = 60_000;

/** A session unused this long ends: SESSION_IDLE_MINUTES, at most a day. */
export const SESSION_IDLE_MS = env().SESSION_IDLE_MINUTES * MINUTE;
/** Absolute lifetime of a sign-in: SESSION_MAX_DAYS, never more than 30 days. */
export const SESSION_MAX_AGE_MS = env().SESSION_MAX_DAYS * 24 * 60 * MINUTE;
/** lastSeen is written at most this often, so reading pages does not mean writing every time. */
export const SESSION_TOUCH_INTERVAL_MS = MINUTE;

// Failed sign-ins follow OWASP's "device cookies" pattern (lib/auth/device-cookie.ts): a browser
// that has signed in to an account before has a budget of its own for that account, so guesses
// sent from anywhere else can lock out only the devices the account does not know.
export const THROTTLE = {
  /** Failures are counted within this window (except after a lock, see escalationMemory). */
  window: 15 * MINUTE,
  /** The first lock of any key; also the only lock of device and address keys. */
  lock: 15 * MINUTE,
  /** Failures from devices the account does not know that lock the account for all of them. */
  untrustedLimit: 5,
  /** Each further lock of the same account's unknown devices lasts twice as long, up to this. */
  maxLock: 60 * MINUTE,
  /**
   * After a lock of an account's unknown devices, the next `untrustedLimit` failures lock them
   * again, for twice as long, unless no lock has been in force for this long.
   */
  escalationMemory: 24 * 60 * MINUTE,
  /** Failures from one known device (a valid device cookie) that lock that device only. */
  deviceLimit: 10,
  /** Failures within the window that lock a client address (shared by offices, hence higher). */
  ipLimit: 30,
} as const;

/** How long a device cookie keeps a browser known to the account it signed in to. */
export const DEVICE_COOKIE_MAX_AGE_MS = 365 * 24 * 60 * MINUTE;

export const TOKEN_LIFETIME_MS = {
  setup: 24 * 60 * MINUTE,
  invite: 7 * 24 * 60 * MINUTE,
  reset: 60 * MINUTE,
} as const;
