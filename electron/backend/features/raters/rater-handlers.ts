import { AppError, msg } from '../../../../shared/api/envelope';
import type { RaterRole } from '../../../../shared/domain/vocabulary';
import { secretProblemText } from '../../../../shared/domain/pin-rules';
import type { HandlerContext, HandlersFor } from '../../handler-context';
import { appendAccess } from '../access-log/access-log-repository';
import { hashSecret } from '../session/secret-hash';
import { signInCaller } from '../session/session-handlers';
import { requireNewSecret, secretStates, storeSecret } from '../session/secret-repository';
import { countActiveCoordinators, countRaters, findRater, insertRater, requireRater, listRaters, updateRater } from './rater-repository';

function checkStartPin(pin: string, role: RaterRole, field: string): void {
  const problem = secretProblemText(pin, role);
  if (problem) throw new AppError('invalid_input', problem, { [field]: problem });
}

function logRaterEvent(ctx: HandlerContext, action: string, detail: string): void {
  appendAccess(ctx.db, { at: ctx.now, rater: ctx.actor, familyId: null, action, outcome: 'ok', detail });
}

export const raterHandlers: HandlersFor<'raters'> = {
  'raters.list': ({ includeInactive }, { db }) => {
    const states = secretStates(db);
    return listRaters(db, includeInactive ?? false).map((rater) => ({ ...rater, hasPin: states.has(rater.id) }));
  },

  'raters.create': async ({ pin, ...input }, ctx) => {
    const bootstrapping = countRaters(ctx.db) === 0;
    if (!bootstrapping) {
      if (!ctx.actor) throw new AppError('no_rater', msg('Kies eerst wie u bent.', 'First choose who you are.'));
      if (ctx.actor.role !== 'coordinator') throw new AppError('forbidden', msg('Alleen een coördinator mag beoordelaars toevoegen.', 'Only a coordinator may add raters.'));
    } else if (input.role !== 'coordinator') {
      // Without a coordinator nobody could ever add raters or read the access log.
      throw new AppError('invalid_input', msg('De eerste beoordelaar moet coördinator zijn.', 'The first rater must be a coordinator.'), { role: msg('Kies coördinator.', 'Choose coordinator.') });
    }
    checkStartPin(pin, input.role, 'pin');
    const hash = await hashSecret(pin, ctx.services.sessions.secretCost);
    const rater = ctx.db
      .transaction(() => {
        // Re-checked inside the write transaction: two first coordinators made at once cannot both win.
        if (bootstrapping && countRaters(ctx.db) > 0) throw new AppError('conflict', msg(
          'Er is intussen al een eerste coördinator gemaakt.',
          'A first coordinator has been created in the meantime.',
        ));
        const created = insertRater(ctx.db, { name: input.name, initials: input.initials.toUpperCase(), role: input.role }, ctx.now);
        // The first coordinator chose their own password; anyone else gets a start PIN to replace.
        storeSecret(ctx.db, created.id, hash, !bootstrapping, ctx.now);
        logRaterEvent(ctx, 'rater.create', `${created.name} (${created.role}) toegevoegd${bootstrapping ? '' : ' met startpincode'}`);
        return created;
      })
      .immediate();
    ctx.emit('data.changed', { area: 'raters', id: rater.id });
    // The first coordinator just chose their password in this window: they are signed in, not asked again.
    if (bootstrapping && ctx.caller.scope.kind === 'workstation') signInCaller(ctx, rater, 'aangemeld als eerste coördinator');
    return rater;
  },

  'raters.update': ({ id, ...changes }, ctx) => {
    const current = requireRater(ctx.db, id);
    const losesCoordinator =
      current.role === 'coordinator' && current.active && (changes.role === 'rater' || changes.active === false);
    if (losesCoordinator && countActiveCoordinators(ctx.db) <= 1) {
      throw new AppError('conflict', msg('Er moet minstens één actieve coördinator blijven.', 'At least one active coordinator must remain.'));
    }
    updateRater(ctx.db, id, { ...changes, ...(changes.initials ? { initials: changes.initials.toUpperCase() } : {}) });
    // The coordinator role needs its own, stronger secret: a promoted rater chooses one at the next sign-in.
    if (current.role === 'rater' && changes.role === 'coordinator') {
      requireNewSecret(ctx.db, id);
      logRaterEvent(ctx, 'rater.promote', `${current.name} is coördinator geworden; kiest een eigen wachtwoord`);
    }
    ctx.emit('data.changed', { area: 'raters', id });
    return findRater(ctx.db, id)!;
  },

  'raters.resetPin': async ({ raterId, newPin }, ctx) => {
    const rater = requireRater(ctx.db, raterId);
    if (rater.id === ctx.actor!.id) {
      throw new AppError('conflict', msg(
        'Uw eigen pincode wijzigt u via "Pincode wijzigen"; die vraagt uw huidige pincode.',
        'You change your own PIN through "Change PIN"; that asks for your current PIN.',
      ));
    }
    checkStartPin(newPin, rater.role, 'newPin');
    const hash = await hashSecret(newPin, ctx.services.sessions.secretCost);
    ctx.db
      .transaction(() => {
        storeSecret(ctx.db, rater.id, hash, true, ctx.now);
        logRaterEvent(ctx, 'rater.pin_reset', `pincode van ${rater.name} opnieuw ingesteld met een startpincode`);
      })
      .immediate();
    ctx.emit('data.changed', { area: 'raters', id: rater.id });
    return rater;
  },
};
