// Session and sign-in limits. Defaults follow OWASP ASVS level 2; the environment can
// tighten or relax them within bounds.

function minutesFromEnv(name: string, fallback: number, max: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? Math.min(value, max) : fallback;
}

const MINUTE = 60_000;

export const SESSION_IDLE_MS = minutesFromEnv('SESSION_IDLE_MINUTES', 120, 24 * 60) * MINUTE;
/** Absolute lifetime of a sign-in, never more than 30 days. */
export const SESSION_MAX_AGE_MS = minutesFromEnv('SESSION_MAX_DAYS', 7, 30) * 24 * 60 * MINUTE;
/** lastSeen is written at most this often, so reading pages does not mean writing every time. */
export const SESSION_TOUCH_INTERVAL_MS = MINUTE;

export const THROTTLE = {
  window: 15 * MINUTE,
  lock: 15 * MINUTE,
  /** Failures within the window that lock an account. */
  accountLimit: 5,
  /** Failures within the window that lock a client address (shared by offices, hence higher). */
  ipLimit: 30,
} as const;

export const TOKEN_LIFETIME_MS = {
  setup: 24 * 60 * MINUTE,
  invite: 7 * 24 * 60 * MINUTE,
  reset: 60 * MINUTE,
} as const;
