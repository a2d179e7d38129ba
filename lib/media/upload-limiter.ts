import { uploadBusyError } from './errors';

// Decoding and encoding an image holds a core for up to IMAGE_TIME_LIMIT_SECONDS, and this
// server has two. Uploads are therefore admitted, never queued: at most one at a time per
// uploader and MAX_UPLOADS_AT_ONCE in the whole process; anything more is refused at once with
// uploadBusyError (rate_limited), before its body is read. The counters are this process's:
// they protect this machine's cores, so with several instances (README, "Beyond one machine")
// each keeps its own.

/** Uploads processed at once by one user. */
export const MAX_UPLOADS_PER_USER = 1;

/** Uploads processed at once by the whole server: one per core of the 2-core machine. */
export const MAX_UPLOADS_AT_ONCE = 2;

/** What a refused uploader is told to wait (Retry-After), in seconds. */
export const UPLOAD_RETRY_AFTER_SECONDS = 5;

/** Gives the slot back; calling it again does nothing. */
export type ReleaseUpload = () => void;

export class UploadLimiter {
  private running = 0;
  private readonly byUser = new Map<number, number>();

  constructor(
    private readonly perUser = MAX_UPLOADS_PER_USER,
    private readonly atOnce = MAX_UPLOADS_AT_ONCE,
  ) {}

  /** A slot for `userId`, or null when that user or the server is at its limit. */
  tryAcquire(userId: number): ReleaseUpload | null {
    const mine = this.byUser.get(userId) ?? 0;
    if (mine >= this.perUser || this.running >= this.atOnce) return null;
    this.running++;
    this.byUser.set(userId, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      const left = (this.byUser.get(userId) ?? 1) - 1;
      if (left > 0) this.byUser.set(userId, left);
      else this.byUser.delete(userId);
    };
  }

  /** Uploads being processed now, in all and by one user (for tests and diagnostics). */
  inUse(userId?: number): number {
    return userId === undefined ? this.running : (this.byUser.get(userId) ?? 0);
  }
}

// On globalThis, as the database connection is (db/client.ts): the upload action and any route
// share one limiter even when bundled apart, and a development reload keeps the counts.
const globalForUploads = globalThis as typeof globalThis & { __mediaUploadLimiter?: UploadLimiter };

/** The process-wide limiter. */
export function uploadLimiter(): UploadLimiter {
  globalForUploads.__mediaUploadLimiter ??= new UploadLimiter();
  return globalForUploads.__mediaUploadLimiter;
}

/**
 * Runs `work` in one of the server's upload slots for `userId`, released however it ends, or
 * throws uploadBusyError at once, without running it, when none is free.
 */
export async function withUploadSlot<T>(
  userId: number,
  work: () => Promise<T>,
  limiter: UploadLimiter = uploadLimiter(),
): Promise<T> {
  const release = limiter.tryAcquire(userId);
  if (!release) throw uploadBusyError(UPLOAD_RETRY_AFTER_SECONDS);
  try {
    return await work();
  } finally {
    release();
  }
}
