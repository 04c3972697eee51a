import { randomBytes } from 'node:crypto';
import { AppError, msg } from '../../../../shared/api/envelope';
import type { Rater } from '../../../../shared/domain/entities';
import type { Db } from '../../db/open-database';
import { findRater } from '../raters/rater-repository';

/**
 * Where a caller comes from. A workstation session is the desktop window or a browser tab on this
 * computer: the whole app. A meeting session is a phone or laptop that joined an intervisie over the
 * network: it may only make that meeting's scoring calls (method-policies.ts `meeting`).
 */
export type SessionScope = { kind: 'workstation' } | { kind: 'meeting'; meetingId: string; roundId: number };

export interface SessionOrigin {
  scope: SessionScope;
  /** The caller's network address (HTTP callers), for the rate limit and the access log. */
  address: string | null;
  /** What the access log calls this device: "bureaublad", "browser", or the label a phone gave. */
  device: string;
}

/**
 * One caller: a window, a browser tab or a joined device. Each has its own signed-in rater and its
 * own inactivity lock, so two people on one back end never act as each other.
 */
export interface CallerSession extends SessionOrigin {
  readonly id: string;
  raterId: number | null;
  lastActivity: number;
  /** Who was signed in when this session locked: its lock screen asks for that profile's PIN. */
  lockedRaterId: number | null;
  /** Set when the session was ended (signed out, expired, meeting stopped); a new one replaces it. */
  ended: boolean;
  /** After a sign-in or sign-out the transport swaps the caller's cookie for this new session id. */
  replacedBy: CallerSession | null;
  readonly createdAt: number;
}

export interface SessionRegistryOptions {
  /** Milliseconds without a `session.touch` after which a session locks itself. */
  lockAfterMs: number;
  /** A session (and its cookie) ends this long after it was made, whatever happens in it. */
  maxAgeMs?: number;
  clock?: () => number;
  /** log2 of scrypt's N for new PIN hashes; tests lower it to stay fast (see secret-hash.ts). */
  secretCost?: number;
  /** Failed sign-ins or join codes per address and window before that address must wait. */
  failuresPerAddress?: number;
  failureWindowMs?: number;
}

export const DEFAULT_SESSION_MAX_AGE_MS = 12 * 60 * 60_000;
const DEFAULT_FAILURES_PER_ADDRESS = 10;
const DEFAULT_FAILURE_WINDOW_MS = 10 * 60_000;
/** A back end never holds more sessions than this; the oldest idle ones go first. */
const MAX_SESSIONS = 500;

/** Where a call came from, for the access log (NEN 7513: from where); this computer's own windows say nothing extra. */
export function viaOf(caller: SessionOrigin): string | undefined {
  if (caller.scope.kind === 'workstation') return undefined;
  return caller.address ? `${caller.device} (${caller.address})` : caller.device;
}

const minutesText = (minutes: number) => (minutes === 1 ? '1 minuut' : `${minutes} minuten`);

/**
 * Every caller's session, in memory only: a restart, a crash or a copied database file never
 * carries an unlocked session along. Dispatch takes the actor from the caller's session, never
 * from anything global.
 */
export class SessionRegistry {
  readonly lockAfterMs: number;
  readonly maxAgeMs: number;
  readonly clock: () => number;
  readonly secretCost: number | undefined;
  private readonly failuresPerAddress: number;
  private readonly failureWindowMs: number;
  private readonly sessions = new Map<string, CallerSession>();
  private readonly failures = new Map<string, number[]>();
  private attempts: Promise<unknown> = Promise.resolve();

  constructor(options: SessionRegistryOptions) {
    this.lockAfterMs = options.lockAfterMs;
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_SESSION_MAX_AGE_MS;
    this.clock = options.clock ?? Date.now;
    this.secretCost = options.secretCost;
    this.failuresPerAddress = options.failuresPerAddress ?? DEFAULT_FAILURES_PER_ADDRESS;
    this.failureWindowMs = options.failureWindowMs ?? DEFAULT_FAILURE_WINDOW_MS;
  }

  open(origin: SessionOrigin): CallerSession {
    this.evictIfFull();
    const session: CallerSession = {
      ...origin,
      id: randomBytes(24).toString('base64url'),
      raterId: null,
      lockedRaterId: null,
      lastActivity: this.clock(),
      ended: false,
      replacedBy: null,
      createdAt: this.clock(),
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, or undefined when it is unknown, ended or too old. */
  find(id: string | null | undefined): CallerSession | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.ended || this.clock() - session.createdAt > this.maxAgeMs) {
      this.end(session);
      return undefined;
    }
    return session;
  }

  /** Ends one session: its rater is signed out and its id is worthless from now on. */
  end(session: CallerSession): void {
    session.ended = true;
    session.raterId = null;
    this.sessions.delete(session.id);
  }

  /** Ends every session that matches, e.g. all devices of a meeting that stopped. Returns how many. */
  endWhere(predicate: (session: CallerSession) => boolean): number {
    let count = 0;
    for (const session of [...this.sessions.values()]) {
      if (predicate(session)) {
        this.end(session);
        count += 1;
      }
    }
    return count;
  }

  /** Live sessions (for the meeting's device list); never exposes ids to callers. */
  list(predicate: (session: CallerSession) => boolean = () => true): CallerSession[] {
    return [...this.sessions.values()].filter((session) => !session.ended && predicate(session));
  }

  /**
   * A fresh id for the same caller (after a sign-in or sign-out), so an id seen before, e.g. in a
   * shared browser, is worth nothing afterwards. The old one ends at once.
   */
  rotate(session: CallerSession): CallerSession {
    const next = this.open({ scope: session.scope, address: session.address, device: session.device });
    next.raterId = session.raterId;
    next.lockedRaterId = session.lockedRaterId;
    next.lastActivity = session.lastActivity;
    this.end(session);
    session.replacedBy = next;
    return next;
  }

  /** The signed-in rater of this session, or null when it is locked, idle too long, or the profile was deactivated. */
  actor(db: Db, session: CallerSession): Rater | null {
    if (session.ended || session.raterId === null) return null;
    if (this.clock() - session.lastActivity > this.lockAfterMs) {
      this.lock(session);
      return null;
    }
    const rater = findRater(db, session.raterId);
    if (!rater?.active) {
      session.raterId = null;
      return null;
    }
    return rater;
  }

  unlock(session: CallerSession, raterId: number): void {
    session.raterId = raterId;
    session.lockedRaterId = null;
    session.lastActivity = this.clock();
  }

  /** Someone is using this session (keyboard, mouse, a playing video): postpones its inactivity lock. */
  touch(session: CallerSession): void {
    if (session.raterId !== null) session.lastActivity = this.clock();
  }

  lock(session: CallerSession): void {
    if (session.raterId !== null) session.lockedRaterId = session.raterId;
    session.raterId = null;
  }

  signOut(session: CallerSession): void {
    session.raterId = null;
    session.lockedRaterId = null;
  }

  /** Refuses a caller whose address made too many failed attempts lately, whichever profiles they tried. */
  assertAddressAllowed(address: string | null): void {
    const recent = this.recentFailures(address);
    if (recent.length < this.failuresPerAddress) return;
    const waitMs = recent[0]! + this.failureWindowMs - this.clock();
    const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
    throw new AppError(
      'forbidden',
      msg(
        `Te veel mislukte pogingen vanaf dit apparaat. Probeer het over ${minutesText(minutes)} opnieuw.`,
        `Too many failed attempts from this device. Try again in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}.`,
      ),
    );
  }

  noteFailure(address: string | null): void {
    const recent = this.recentFailures(address);
    recent.push(this.clock());
    this.failures.set(address ?? 'lokaal', recent);
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

  private recentFailures(address: string | null): number[] {
    const since = this.clock() - this.failureWindowMs;
    return (this.failures.get(address ?? 'lokaal') ?? []).filter((at) => at > since);
  }

  private evictIfFull(): void {
    if (this.sessions.size < MAX_SESSIONS) return;
    const oldest = [...this.sessions.values()].sort((a, b) => a.lastActivity - b.lastActivity)[0];
    if (oldest) this.end(oldest);
  }
}
