/** A save based on a version that is no longer the newest: someone else saved in between. */
export class StaleVersionError extends Error {
  constructor(readonly currentVersion: number) {
    super(
      'Someone else saved this review after you opened it. Your text is still here: copy what you need, then reload to see their changes.',
    );
  }
}

/** The review does not exist (or no longer does). */
export class ReviewNotFoundError extends Error {
  constructor() {
    super('This review no longer exists.');
  }
}
