import { AppError } from '../../../../shared/api/envelope';
import type { HandlersFor } from '../../handler-context';
import { countActiveCoordinators, countRaters, findRater, insertRater, listRaters, updateRater } from './rater-repository';

export const raterHandlers: HandlersFor<'raters'> = {
  'raters.list': ({ includeInactive }, { db }) => listRaters(db, includeInactive ?? false),

  'raters.create': (input, ctx) => {
    const bootstrapping = countRaters(ctx.db) === 0;
    if (!bootstrapping) {
      if (!ctx.actor) throw new AppError('no_rater', 'Kies eerst wie u bent.');
      if (ctx.actor.role !== 'coordinator') throw new AppError('forbidden', 'Alleen een coördinator mag beoordelaars toevoegen.');
    } else if (input.role !== 'coordinator') {
      // Without a coordinator nobody could ever add raters or read the access log.
      throw new AppError('invalid_input', 'De eerste beoordelaar moet coördinator zijn.', { role: 'Kies coördinator.' });
    }
    const rater = insertRater(ctx.db, { name: input.name, initials: input.initials.toUpperCase(), role: input.role }, ctx.now);
    ctx.emit('data.changed', { area: 'raters', id: rater.id });
    return rater;
  },

  'raters.update': ({ id, ...changes }, ctx) => {
    const current = findRater(ctx.db, id);
    if (!current) throw new AppError('not_found', 'Deze beoordelaar bestaat niet (meer).');
    const losesCoordinator =
      current.role === 'coordinator' && current.active && (changes.role === 'rater' || changes.active === false);
    if (losesCoordinator && countActiveCoordinators(ctx.db) <= 1) {
      throw new AppError('conflict', 'Er moet minstens één actieve coördinator blijven.');
    }
    updateRater(ctx.db, id, { ...changes, ...(changes.initials ? { initials: changes.initials.toUpperCase() } : {}) });
    ctx.emit('data.changed', { area: 'raters', id });
    return findRater(ctx.db, id)!;
  },
};
