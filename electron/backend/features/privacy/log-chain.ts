import { createHash } from 'node:crypto';
import type { LogChainReport } from '../../../../shared/api/areas/privacy-methods';
import type { Db } from '../../db/open-database';

/** The hash before the first row. */
export const GENESIS_HASH = '0'.repeat(64);

interface LogRow {
  id: number;
  at: string;
  rater_id: number | null;
  rater_name: string | null;
  rater_role: string | null;
  family_id: number | null;
  family_code: string | null;
  action: string;
  outcome: string;
  detail: string;
}

const LOG_COLUMNS = 'id, at, rater_id, rater_name, rater_role, family_id, family_code, action, outcome, detail';

/** Canonical content of one row: a JSON array in a fixed column order, so no field can shift into another. */
export function canonicalRow(row: LogRow): string {
  return JSON.stringify([row.id, row.at, row.rater_id, row.rater_name, row.rater_role, row.family_id, row.family_code, row.action, row.outcome, row.detail]);
}

export function chainHash(prevHash: string, row: LogRow): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalRow(row)).digest('hex');
}

function lastChained(db: Db): { log_id: number; hash: string } | undefined {
  return db.prepare('SELECT log_id, hash FROM access_log_chain ORDER BY log_id DESC LIMIT 1').get() as { log_id: number; hash: string } | undefined;
}

/** Chains one freshly inserted access_log row; called by appendAccess inside the same transaction. */
export function chainRow(db: Db, logId: number): void {
  const row = db.prepare(`SELECT ${LOG_COLUMNS} FROM access_log WHERE id = ?`).get(logId) as LogRow;
  const prev = lastChained(db)?.hash ?? GENESIS_HASH;
  db.prepare('INSERT INTO access_log_chain (log_id, prev_hash, hash) VALUES (?, ?, ?)').run(logId, prev, chainHash(prev, row));
}

/**
 * One-time chaining of the rows written before migration 0007 (SQLite has no sha256, so the
 * migration cannot do it). Only up to the id the migration recorded: a row added later without a
 * chain row is not ours and must stay visible to verify. Idempotent; runs at start-up.
 */
export function chainBackfill(db: Db): number {
  const setting = db.prepare(`SELECT value FROM settings WHERE key = 'access_log_chain_backfill_to'`).get() as { value: string } | undefined;
  const upTo = Number(setting?.value ?? 0);
  if (upTo <= 0) return 0;
  return db.transaction(() => {
    const last = lastChained(db);
    if (last && last.log_id >= upTo) return 0;
    const rows = db.prepare(`SELECT ${LOG_COLUMNS} FROM access_log WHERE id > ? AND id <= ? ORDER BY id`).all(last?.log_id ?? 0, upTo) as LogRow[];
    let prev = last?.hash ?? GENESIS_HASH;
    const insert = db.prepare('INSERT INTO access_log_chain (log_id, prev_hash, hash) VALUES (?, ?, ?)');
    for (const row of rows) {
      const hash = chainHash(prev, row);
      insert.run(row.id, prev, hash);
      prev = hash;
    }
    return rows.length;
  }).immediate();
}

export type ChainReport = LogChainReport;

/** The newest link of the chain, recorded in backup manifests as an anchor outside the database. */
export function chainHead(db: Db): { logId: number; hash: string } | null {
  const last = lastChained(db);
  return last ? { logId: last.log_id, hash: last.hash } : null;
}

/** Recomputes the whole chain from the first row; reports the first row that does not fit. */
export function verifyChain(db: Db): ChainReport {
  const rows = db
    .prepare(
      `SELECT l.id, l.at, l.rater_id, l.rater_name, l.rater_role, l.family_id, l.family_code, l.action, l.outcome, l.detail,
              c.prev_hash, c.hash
       FROM access_log l LEFT JOIN access_log_chain c ON c.log_id = l.id ORDER BY l.id`,
    )
    .iterate() as IterableIterator<LogRow & { prev_hash: string | null; hash: string | null }>;
  let prev = GENESIS_HASH;
  let checked = 0;
  const broken = (id: number, reason: string): ChainReport => ({ ok: false, checkedRows: checked, firstBrokenId: id, reason });
  for (const row of rows) {
    if (row.hash === null || row.prev_hash === null) return broken(row.id, 'Deze regel heeft geen schakel in de keten: hij is buiten Afstemming om toegevoegd.');
    if (row.prev_hash !== prev) return broken(row.id, 'De regel ervóór is verwijderd of gewijzigd: de keten sluit hier niet aan.');
    if (chainHash(prev, row) !== row.hash) return broken(row.id, 'De inhoud van deze regel is gewijzigd nadat hij is vastgelegd.');
    prev = row.hash;
    checked++;
  }
  // A chain row whose log row is gone: the last rows were deleted.
  const orphan = db.prepare('SELECT min(c.log_id) AS id FROM access_log_chain c LEFT JOIN access_log l ON l.id = c.log_id WHERE l.id IS NULL').get() as { id: number | null };
  if (orphan.id !== null) return broken(orphan.id, 'Deze regel is uit het logboek verwijderd.');
  return { ok: true, checkedRows: checked, firstBrokenId: null, reason: null };
}
