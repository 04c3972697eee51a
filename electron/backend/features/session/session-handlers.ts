import { AppError, msg, type Bilingual } from '../../../../shared/api/envelope';
import type { Rater, SessionInfo } from '../../../../shared/domain/entities';
import { lockoutMinutes, MAX_FAILED_ATTEMPTS, secretProblemText } from '../../../../shared/domain/pin-rules';
import type { Db } from '../../db/open-database';
import { schemaVersionOf } from '../../db/migrations';
import type { HandlerContext, HandlersFor } from '../../handler-context';
import { appendAccess } from '../access-log/access-log-repository';
import { countRaters, findRater, requireRater } from '../raters/rater-repository';
import { hashSecret, verifySecret } from './secret-hash';
import { viaOf, type CallerSession, type SessionRegistry } from './session-registry';
import { readOnlyState } from '../../read-only';
import { findSecret, recordFailure, recordSuccess, storeSecret } from './secret-repository';

const REMEMBERED_RATER_KEY = 'active_rater_id';

/** The profile last used on this workstation (its own database): the lock screen offers it first. */
export function rememberedRater(db: Db): Rater | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(REMEMBERED_RATER_KEY) as { value: string } | undefined;
  if (!row) return null;
  const rater = findRater(db, Number(row.value));
  return rater && rater.active ? rater : null;
}

function remember(db: Db, raterId: number | null): void {
  if (raterId === null) db.prepare('DELETE FROM settings WHERE key = ?').run(REMEMBERED_RATER_KEY);
  else
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
      REMEMBERED_RATER_KEY,
      String(raterId),
    );
}

/** The profile a locked session's lock screen asks the PIN of, if any. */
export function lockedProfileOf(db: Db, caller: CallerSession): Rater | null {
  if (caller.lockedRaterId !== null) {
    const rater = findRater(db, caller.lockedRaterId);
    if (rater?.active) return rater;
  }
  // A new window or tab on this computer offers the profile last used here; a joined device never does.
  return caller.scope.kind === 'workstation' ? rememberedRater(db) : null;
}

export function sessionInfo(ctx: HandlerContext, caller: CallerSession = ctx.caller): SessionInfo {
  const session = ctx.services.sessions;
  const rater = session.actor(ctx.db, caller);
  return {
    rater,
    lockedProfile: rater ? null : lockedProfileOf(ctx.db, caller),
    mustChangePin: rater ? mustChangePin(ctx.db, rater.id) : false,
    lockAfterMinutes: Math.round(session.lockAfterMs / 60_000),
    needsFirstRater: countRaters(ctx.db) === 0,
    readOnly: readOnlyState(ctx.services),
    appVersion: ctx.appVersion,
    schemaVersion: schemaVersionOf(ctx.db),
    meeting: meetingOfCaller(ctx, caller, rater !== null),
  };
}

function meetingOfCaller(ctx: HandlerContext, caller: CallerSession, signedIn: boolean): SessionInfo['meeting'] {
  if (caller.scope.kind !== 'meeting') return null;
  const roundName = (ctx.db.prepare('SELECT name FROM rounds WHERE id = ?').get(caller.scope.roundId) as { name: string } | undefined)?.name ?? '';
  return { roundId: caller.scope.roundId, roundName, state: ctx.services.meeting.deviceState(caller, signedIn) };
}

/** A profile without any secret (made before PINs existed) has to choose one before it can work. */
export function mustChangePin(db: Db, raterId: number): boolean {
  const secret = findSecret(db, raterId);
  return !secret || secret.mustChange;
}

/** The rater who may use family data now: signed in, not idle, and not still holding a start PIN. */
export function workingActor(db: Db, sessions: SessionRegistry, caller: CallerSession): Rater | null {
  const rater = sessions.actor(db, caller);
  return rater && !mustChangePin(db, rater.id) ? rater : null;
}

const minutesText = (minutes: number) => (minutes === 1 ? '1 minuut' : `${minutes} minuten`);

function lockedOutMessage(until: string, nowMs: number): Bilingual {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - nowMs) / 60_000));
  return msg(
    `Te veel onjuiste pogingen. Probeer het over ${minutesText(minutes)} opnieuw, of vraag de coördinator uw pincode opnieuw in te stellen.`,
    `Too many incorrect attempts. Try again in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}, or ask the coordinator to reset your PIN.`,
  );
}

/**
 * Checks a PIN against a profile. A wrong PIN is committed as a failure (and may start a lockout)
 * before the refusal is thrown, so neither a rollback nor a restart forgets it.
 */
export function checkSecret(ctx: HandlerContext, rater: Rater, pin: string): Promise<'ok' | 'first_secret'> {
  return ctx.services.sessions.exclusive(async () => {
    // Per address as well as per profile: one device cannot try a PIN on every profile in turn.
    ctx.services.sessions.assertAddressAllowed(ctx.caller.address);
    try {
      return await checkSecretNow(ctx, rater, pin);
    } catch (error) {
      if (error instanceof AppError && error.fields?.pin) ctx.services.sessions.noteFailure(ctx.caller.address);
      throw error;
    }
  });
}

async function checkSecretNow(ctx: HandlerContext, rater: Rater, pin: string): Promise<'ok' | 'first_secret'> {
  const session = ctx.services.sessions;
  const stored = findSecret(ctx.db, rater.id);
  if (!stored) {
    // Profiles from before PINs existed choose their first one now, under the same rules.
    const problem = secretProblemText(pin, rater.role);
    if (problem) throw new AppError('invalid_input', msg(`Kies een pincode voor dit profiel. ${problem.nl}`, `Choose a PIN for this profile. ${problem.en}`), { pin: problem });
    return 'first_secret';
  }
  const nowMs = session.clock();
  if (stored.lockedUntil && Date.parse(stored.lockedUntil) > nowMs) {
    throw new AppError('forbidden', lockedOutMessage(stored.lockedUntil, nowMs));
  }
  if (await verifySecret(pin, stored.secretHash)) {
    ctx.db.transaction(() => recordSuccess(ctx.db, rater.id)).immediate();
    return 'ok';
  }
  const failures = stored.failedAttempts + 1;
  const minutes = lockoutMinutes(failures);
  const lockedUntil = minutes ? new Date(nowMs + minutes * 60_000).toISOString() : null;
  ctx.db.transaction(() => recordFailure(ctx.db, rater.id, lockedUntil)).immediate();
  if (lockedUntil) throw new AppError('forbidden', lockedOutMessage(lockedUntil, nowMs));
  const left = MAX_FAILED_ATTEMPTS - failures;
  throw new AppError(
    'forbidden',
    msg(
      `Onjuiste pincode voor ${rater.name}. Nog ${left} ${left === 1 ? 'poging' : 'pogingen'} voordat het profiel tijdelijk op slot gaat.`,
      `Incorrect PIN for ${rater.name}. ${left} more ${left === 1 ? 'attempt' : 'attempts'} before the profile is locked for a while.`,
    ),
    { pin: msg('De pincode is onjuist.', 'The PIN is incorrect.') },
  );
}

function logSessionEvent(ctx: HandlerContext, rater: Rater, action: string, detail: string): void {
  appendAccess(ctx.db, { at: ctx.services.sessions.nowIso(), rater, familyId: null, action, outcome: 'ok', detail, via: viaOf(ctx.caller) });
}

/**
 * Signs this caller's window in as `rater` once their secret was checked (or just chosen): the
 * profile is remembered for the lock screen, the sign-in is logged, and the session gets a new id,
 * so an id someone saw before this moment grants nothing.
 */
export function signInCaller(ctx: HandlerContext, rater: Rater, detail: string, alsoInTransaction: () => void = () => undefined): CallerSession {
  ctx.db
    .transaction(() => {
      alsoInTransaction();
      remember(ctx.db, rater.id);
      logSessionEvent(ctx, rater, 'session.sign_in', detail);
    })
    .immediate();
  const signedIn = ctx.services.sessions.rotate(ctx.caller);
  ctx.services.sessions.unlock(signedIn, rater.id);
  ctx.emit('data.changed', { area: 'session' });
  return signedIn;
}

export const sessionHandlers: HandlersFor<'session'> = {
  'session.get': (_input, ctx) => sessionInfo(ctx),

  'session.selectRater': async ({ raterId, pin }, ctx) => {
    const rater = requireRater(ctx.db, raterId);
    if (!rater.active) throw new AppError('forbidden', msg('Deze beoordelaar is niet actief.', 'This rater is not active.'));
    const outcome = await checkSecret(ctx, rater, pin);
    const firstHash = outcome === 'first_secret' ? await hashSecret(pin, ctx.services.sessions.secretCost) : null;
    if (ctx.caller.scope.kind !== 'workstation') {
      throw new AppError('forbidden', msg(
        'Op een apparaat in de intervisie meldt u zich aan met de deelnamecode.',
        'On a device in the peer review meeting you sign in with the join code.',
      ));
    }
    const signedIn = signInCaller(ctx, rater, firstHash ? 'aangemeld; eerste pincode gekozen' : 'aangemeld', () => {
      if (firstHash) storeSecret(ctx.db, rater.id, firstHash, false, ctx.services.sessions.nowIso());
    });
    return sessionInfo(ctx, signedIn);
  },

  'session.lock': (_input, ctx) => {
    ctx.services.sessions.lock(ctx.caller);
    ctx.emit('data.changed', { area: 'session' });
    // The coordinator's device list shows a phone that locked itself.
    if (ctx.caller.scope.kind === 'meeting') ctx.emit('meeting.changed', { roundId: ctx.caller.scope.roundId });
    return sessionInfo(ctx);
  },

  'session.touch': (_input, ctx) => {
    ctx.services.sessions.touch(ctx.caller);
    return { ok: true };
  },

  'session.changePin': async ({ currentPin, newPin }, ctx) => {
    const rater = ctx.actor!;
    const problem = secretProblemText(newPin, rater.role);
    if (problem) throw new AppError('invalid_input', problem, { newPin: problem });
    if (currentPin !== undefined && newPin === currentPin) {
      throw new AppError('invalid_input', msg('Kies een andere pincode dan de huidige.', 'Choose a PIN other than the current one.'), { newPin: msg('Kies een andere pincode dan de huidige.', 'Choose a PIN other than the current one.') });
    }
    if (currentPin === undefined) {
      // Only right after signing in with a start PIN: that sign-in proved it moments ago, and this
      // session can do nothing else until the PIN is replaced. Everywhere else the current one is asked.
      if (!mustChangePin(ctx.db, rater.id)) throw new AppError('invalid_input', msg('Vul uw huidige pincode in.', 'Enter your current PIN.'), { currentPin: msg('Vul uw huidige pincode in.', 'Enter your current PIN.') });
      // The coordinator knows the start PIN: it cannot become the person's own.
      const start = findSecret(ctx.db, rater.id);
      if (start && (await verifySecret(newPin, start.secretHash))) {
        throw new AppError('invalid_input', msg('Kies een andere pincode dan de startpincode.', 'Choose a PIN other than the start PIN.'), { newPin: msg('Kies een andere pincode dan de startpincode.', 'Choose a PIN other than the start PIN.') });
      }
    } else if ((await checkSecret(ctx, rater, currentPin)) === 'first_secret') {
      throw new AppError('conflict', msg(
        'Dit profiel heeft nog geen pincode; meld u opnieuw aan om er een te kiezen.',
        'This profile has no PIN yet; sign in again to choose one.',
      ));
    }
    const hash = await hashSecret(newPin, ctx.services.sessions.secretCost);
    ctx.db
      .transaction(() => {
        storeSecret(ctx.db, rater.id, hash, false, ctx.services.sessions.nowIso());
        logSessionEvent(ctx, rater, 'session.change_pin', 'eigen pincode gewijzigd');
      })
      .immediate();
    ctx.emit('data.changed', { area: 'session' });
    return sessionInfo(ctx);
  },

  'session.signOut': (_input, ctx) => {
    const actor = ctx.services.sessions.actor(ctx.db, ctx.caller);
    if (actor) logSessionEvent(ctx, actor, 'session.sign_out', 'afgemeld');
    if (ctx.caller.scope.kind === 'meeting') {
      // Leaving the meeting ends the device's session altogether; it must join again to come back.
      ctx.services.sessions.end(ctx.caller);
      ctx.emit('meeting.changed', { roundId: ctx.caller.scope.roundId });
      return sessionInfo(ctx);
    }
    // "Someone else" on a lock screen forgets the profile offered there, but never another tab's.
    const leaving = actor?.id ?? ctx.caller.lockedRaterId;
    if (leaving === null || rememberedRater(ctx.db)?.id === leaving) remember(ctx.db, null);
    const next = ctx.services.sessions.rotate(ctx.caller);
    ctx.services.sessions.signOut(next);
    ctx.emit('data.changed', { area: 'session' });
    return sessionInfo(ctx, next);
  },
};
