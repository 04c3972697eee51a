import type { Rater } from '../../../../shared/domain/entities';
import type { Db } from '../../db/open-database';
import { findRater } from '../raters/rater-repository';

export interface SessionLockOptions {
  /** Milliseconds without a `session.touch` after which the workstation locks itself. */
  lockAfterMs: number;
  /** Injected so tests can let time pass; Date.now in the app. */
  clock?: () => number;
  /** log2 of scrypt's N for new PIN hashes; tests lower it to stay fast (see secret-hash.ts). */
  secretCost?: number;
}

/**
 * Who is signed in on this workstation right now. Deliberately kept in memory only: a restart,
 * a crash or a copied database file never carries an unlocked session along; the profile that
 * was last used is remembered in the database, but opening it again asks for its PIN.
 */
export class SessionLock {
  readonly lockAfterMs: number;
  readonly clock: () => number;
  readonly secretCost: number | undefined;
  private unlocked: { raterId: number; lastActivity: number } | null = null;
  private attempts: Promise<unknown> = Promise.resolve();

  constructor(options: SessionLockOptions) {
    this.lockAfterMs = options.lockAfterMs;
    this.clock = options.clock ?? Date.now;
    this.secretCost = options.secretCost;
  }

  /** The signed-in rater, or null when locked, idle too long, or the profile was deactivated. */
  actor(db: Db): Rater | null {
    if (!this.unlocked) return null;
    if (this.clock() - this.unlocked.lastActivity > this.lockAfterMs) {
      this.unlocked = null;
      return null;
    }
    const rater = findRater(db, this.unlocked.raterId);
    if (!rater?.active) {
      this.unlocked = null;
      return null;
    }
    return rater;
  }

  unlock(raterId: number): void {
    this.unlocked = { raterId, lastActivity: this.clock() };
  }

  /** Someone is using the app (keyboard, mouse, a playing video): postpones the inactivity lock. */
  touch(): void {
    if (this.unlocked) this.unlocked.lastActivity = this.clock();
  }

  lock(): void {
    this.unlocked = null;
  }

  /**
   * Runs PIN checks one after another. scrypt is asynchronous, so without this a burst of
   * parallel guesses would all pass the lockout check before the first failure was counted.
   */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.attempts.then(task, task);
    this.attempts = run.catch(() => undefined);
    return run;
  }

  nowIso(): string {
    return new Date(this.clock()).toISOString();
  }
}
