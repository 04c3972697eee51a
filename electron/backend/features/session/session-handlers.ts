import { AppError } from '../../../../shared/api/envelope';
import type { SessionInfo } from '../../../../shared/domain/entities';
import type { Db } from '../../db/open-database';
import { schemaVersionOf } from '../../db/migrations';
import type { HandlerContext, HandlersFor } from '../../handler-context';
import { countRaters, findRater } from '../raters/rater-repository';

const ACTIVE_RATER_KEY = 'active_rater_id';

/** The active rater is remembered per workstation, i.e. in this machine's own database. */
export function loadActiveRater(db: Db) {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(ACTIVE_RATER_KEY) as { value: string } | undefined;
  if (!row) return null;
  const rater = findRater(db, Number(row.value));
  return rater && rater.active ? rater : null;
}

function setActiveRater(db: Db, raterId: number | null): void {
  if (raterId === null) db.prepare('DELETE FROM settings WHERE key = ?').run(ACTIVE_RATER_KEY);
  else
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
      ACTIVE_RATER_KEY,
      String(raterId),
    );
}

function sessionInfo(ctx: HandlerContext): SessionInfo {
  return {
    rater: loadActiveRater(ctx.db),
    needsFirstRater: countRaters(ctx.db) === 0,
    appVersion: ctx.appVersion,
    schemaVersion: schemaVersionOf(ctx.db),
  };
}

export const sessionHandlers: HandlersFor<'session'> = {
  'session.get': (_input, ctx) => sessionInfo(ctx),

  'session.selectRater': ({ raterId }, ctx) => {
    const rater = findRater(ctx.db, raterId);
    if (!rater) throw new AppError('not_found', 'Deze beoordelaar bestaat niet (meer).');
    if (!rater.active) throw new AppError('forbidden', 'Deze beoordelaar is niet actief.');
    setActiveRater(ctx.db, raterId);
    ctx.emit('data.changed', { area: 'session' });
    return sessionInfo(ctx);
  },

  'session.signOut': (_input, ctx) => {
    setActiveRater(ctx.db, null);
    ctx.emit('data.changed', { area: 'session' });
    return sessionInfo(ctx);
  },
};
