import type { Rater } from '../../../../shared/domain/entities';
import type { RaterRole } from '../../../../shared/domain/vocabulary';
import { AppError, msg } from '../../../../shared/api/envelope';
import type { Db } from '../../db/open-database';

interface RaterRow {
  id: number;
  name: string;
  initials: string;
  role: RaterRole;
  active: number;
}

const toRater = (row: RaterRow): Rater => ({ ...row, active: row.active === 1 });

export function findRater(db: Db, id: number): Rater | null {
  const row = db.prepare('SELECT id, name, initials, role, active FROM raters WHERE id = ?').get(id) as RaterRow | undefined;
  return row ? toRater(row) : null;
}

/** The rater, or a Dutch not-found refusal (a profile removed or an id from a stale screen). */
export function requireRater(db: Db, id: number): Rater {
  const rater = findRater(db, id);
  if (!rater) throw new AppError('not_found', msg('Deze beoordelaar bestaat niet (meer).', 'This rater does not exist (any more).'));
  return rater;
}

export function listRaters(db: Db, includeInactive: boolean): Rater[] {
  const rows = db
    .prepare(
      `SELECT id, name, initials, role, active FROM raters
       WHERE active = 1 OR ? ORDER BY active DESC, name COLLATE NOCASE, id`,
    )
    .all(includeInactive ? 1 : 0) as RaterRow[];
  return rows.map(toRater);
}

export function countRaters(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM raters').get() as { n: number }).n;
}

export function countActiveCoordinators(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM raters WHERE role = 'coordinator' AND active = 1`).get() as { n: number }).n;
}

export function insertRater(db: Db, rater: Omit<Rater, 'id' | 'active'>, now: string): Rater {
  const result = db
    .prepare('INSERT INTO raters (name, initials, role, active, created_at) VALUES (?, ?, ?, 1, ?)')
    .run(rater.name, rater.initials, rater.role, now);
  return findRater(db, Number(result.lastInsertRowid))!;
}

export function updateRater(db: Db, id: number, changes: Partial<Omit<Rater, 'id'>>): void {
  const current = findRater(db, id);
  if (!current) return;
  const next = { ...current, ...changes };
  db.prepare('UPDATE raters SET name = ?, initials = ?, role = ?, active = ? WHERE id = ?').run(
    next.name,
    next.initials,
    next.role,
    next.active ? 1 : 0,
    id,
  );
}
