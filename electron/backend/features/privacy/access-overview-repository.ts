import type { AccessLogFilters } from '../../../../shared/api/areas/privacy-methods';
import { actionsOfKind } from '../../../../shared/domain/access-actions';
import type { AccessLogEntry } from '../../../../shared/domain/entities';
import { localDayStartUtc, nextCalendarDate, systemTimeZone } from '../../../../shared/domain/local-time';
import type { Db } from '../../db/open-database';
import { toAccessLogEntry, type AccessRow } from '../access-log/access-log-repository';

export type OverviewFilter = Omit<AccessLogFilters, 'timeZone'> & { timeZone?: string | undefined };

const COLUMNS = 'id, at, rater_id, rater_name, rater_role, family_id, family_code, action, outcome, detail';

/**
 * The WHERE clause of a filter. The period's dates are the reader's local calendar dates (both
 * inclusive), turned into UTC bounds in their time zone: `at` is stored in UTC, and ISO strings
 * of one length sort by time. A kind is the actions of that kind in access-actions.ts.
 */
function whereOf(filter: OverviewFilter): { sql: string; params: unknown[] } {
  const zone = filter.timeZone ?? systemTimeZone();
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
    params.push(localDayStartUtc(filter.from, zone));
  }
  if (filter.to !== undefined) {
    where.push('at < ?');
    params.push(localDayStartUtc(nextCalendarDate(filter.to), zone));
  }
  if (filter.kind !== undefined) {
    where.push('action IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(actionsOfKind(filter.kind)));
  }
  if (filter.outcome !== undefined) {
    where.push('outcome = ?');
    params.push(filter.outcome);
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** One page, newest first (the log's own order), of the rows up to `upToId` (default: all), and how many match in all. */
export function accessOverview(
  db: Db,
  filter: OverviewFilter & { limit: number; offset: number; upToId?: number | undefined },
): { rows: AccessLogEntry[]; total: number; upToId: number } {
  const upToId = filter.upToId ?? (db.prepare('SELECT coalesce(max(id), 0) AS id FROM access_log').get() as { id: number }).id;
  const where = whereOf(filter);
  const sql = `${where.sql ? `${where.sql} AND` : 'WHERE'} id <= ?`;
  const params = [...where.params, upToId];
  const rows = db.prepare(`SELECT ${COLUMNS} FROM access_log ${sql} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...params, filter.limit, filter.offset) as AccessRow[];
  const { n } = db.prepare(`SELECT count(*) AS n FROM access_log ${sql}`).get(...params) as { n: number };
  return { rows: rows.map(toAccessLogEntry), total: n, upToId };
}

export function countAccess(db: Db, filter: OverviewFilter): number {
  const { sql, params } = whereOf(filter);
  return (db.prepare(`SELECT count(*) AS n FROM access_log ${sql}`).get(...params) as { n: number }).n;
}

/** Every matching row, newest first, one at a time (an export of a long log stays small in memory). */
export function* eachAccess(db: Db, filter: OverviewFilter): Generator<AccessLogEntry> {
  const { sql, params } = whereOf(filter);
  for (const row of db.prepare(`SELECT ${COLUMNS} FROM access_log ${sql} ORDER BY id DESC`).iterate(...params) as Iterable<AccessRow>) {
    yield toAccessLogEntry(row);
  }
}

/** The filters in Dutch words, for the access-log row that a reading or an export of the log writes. */
export function describeOverviewFilter(filter: OverviewFilter): string {
  const parts = [
    filter.raterId !== undefined ? `beoordelaar ${filter.raterId}` : '',
    `periode ${filter.from ?? '…'} t/m ${filter.to ?? '…'}`,
    filter.kind !== undefined ? `soort ${KIND_WORDS[filter.kind]}` : '',
    filter.outcome !== undefined ? `uitkomst ${OUTCOME_WORDS[filter.outcome]}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

export const KIND_WORDS = {
  view: 'bekijken',
  change: 'wijzigen',
  export: 'exporteren',
  session: 'inloggen en sessie',
  meeting: 'intervisie',
  admin: 'beheer',
} as const;

export const OUTCOME_WORDS = { ok: 'toegestaan', refused: 'geweigerd', error: 'fout' } as const;
