import type { CallerSession } from '../session/session-registry';

/**
 * How long a read's access-log row stands for the same read repeated in the same session.
 *
 * The UI refetches what is on screen after every change anywhere (another tab's edit, a media job
 * finishing, the rater's own autosave), so an open recording page repeats its reads every few
 * seconds. Those repeats are not new accesses: the person is still looking at the same thing. So
 * the rule for reads (METHOD_POLICIES `read`) is: an access-log row identical to one written for
 * the same caller session (same rater, action, family and detail) within this window is not
 * written again.
 *
 * Why per caller session and a time window, and not a page-view id sent by the UI: the back end
 * cannot trust a caller to say when a view starts (a caller that kept one id forever would never
 * be logged again), while a session is the back end's own (it rotates at every sign-in and
 * sign-out, so a new person or a new sign-in always starts with fresh rows). Five minutes keeps a
 * page that stays open visible in the log as one row per five minutes of looking, while reading
 * something else (another recording, another family, a different detail) is logged at once.
 */
export const READ_LOG_WINDOW_MS = 5 * 60_000;

/** A session rarely has more than a few dozen distinct reads in a window; beyond this, old ones are forgotten first. */
const MAX_KEYS_PER_SESSION = 1000;

export interface ReadRow {
  raterId: number | null;
  action: string;
  familyId: number | null;
  detail: string;
}

/** In memory only, like the sessions themselves: a restart starts with fresh rows. */
export class RepeatedReads {
  private readonly written = new WeakMap<CallerSession, Map<string, number>>();

  constructor(
    private readonly clock: () => number,
    private readonly windowMs = READ_LOG_WINDOW_MS,
  ) {}

  /** Whether the same row was written for this session within the window. */
  isRepeat(caller: CallerSession, row: ReadRow): boolean {
    const at = this.written.get(caller)?.get(keyOf(row));
    return at !== undefined && this.clock() - at < this.windowMs;
  }

  /** Records rows that were written; call only after their transaction committed. */
  note(caller: CallerSession, rows: readonly ReadRow[]): void {
    if (rows.length === 0) return;
    let seen = this.written.get(caller);
    if (!seen) this.written.set(caller, (seen = new Map()));
    const now = this.clock();
    for (const row of rows) {
      const key = keyOf(row);
      // Re-inserted so the map stays in order of writing, oldest first.
      seen.delete(key);
      seen.set(key, now);
    }
    for (const [key, at] of seen) {
      if (seen.size <= MAX_KEYS_PER_SESSION && now - at < this.windowMs) break;
      seen.delete(key);
    }
  }
}

const keyOf = (row: ReadRow) => JSON.stringify([row.raterId, row.action, row.familyId, row.detail]);
