import type { AccessLogEntry } from '../../../../shared/domain/entities';
import type { Db } from '../../db/open-database';
import { toAccessLogEntry, type AccessRow } from '../access-log/access-log-repository';

export interface OverviewFilter {
  familyId?: number;
  raterId?: number;
  /** Calendar dates (local YYYY-MM-DD), inclusive. */
  from?: string;
  to?: string;
  limit?: number;
}

/** The day after a calendar date, as the exclusive upper bound of `at` (ISO strings sort by time). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function accessOverview(db: Db, filter: OverviewFilter): AccessLogEntry[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.familyId !== undefined) {
    where.push('family_id = ?');
    params.push(filter.familyId);
  }
  if (filter.raterId !== undefined) {
    where.push('rater_id = ?');
    params.push(filter.raterId);
  }
  if (filter.from !== undefined) {
    where.push('at >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    where.push('at < ?');
    params.push(nextDay(filter.to));
  }
  const rows = db
    .prepare(
      `SELECT id, at, rater_id, rater_name, rater_role, family_id, family_code, action, outcome, detail FROM access_log
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
    )
    .all(...params, filter.limit ?? 1000) as AccessRow[];
  return rows.map(toAccessLogEntry);
}
