import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AccessLogEntry, AccessOutcome, Rater } from '../../../../shared/domain/entities';
import type { Db } from '../../db/open-database';
import { chainRow, settleAnchor } from '../privacy/log-chain';

/**
 * While the database is damaged and open read-only (read-only.ts) no row can go into access_log.
 * The rows are appended (fsynced, one JSON object per line) to this file next to the database
 * instead, and the next writable start appends them to the log, chained (importReadOnlyAccessLog).
 */
export const READ_ONLY_ACCESS_LOG_FILE = 'access-log-read-only.jsonl';

type StoredAccess = Omit<AccessRow, 'id'>;

export interface AccessRecord {
  at: string;
  rater: Rater | null;
  familyId: number | null;
  action: string;
  outcome: AccessOutcome;
  detail?: string;
  /** Set by an erasure, when the family row is already gone. */
  familyCode?: string;
  /** The device and address of a caller that is not this computer (a phone in the meeting). */
  via?: string;
}

/** Appends one row; the family code is copied so the row still says whom it was about after erasure. */
export function appendAccess(db: Db, record: AccessRecord): void {
  if (db.readonly) {
    appendWhileReadOnly(db, record);
    return;
  }
  // A savepoint inside a call's transaction, its own transaction for refusals logged outside one.
  db.transaction(() => insertAccess(db, record))();
  // Committed (unless a call's transaction is still open: dispatch settles it after its commit).
  settleAnchor(db);
}

const withVia = (record: AccessRecord) => [record.detail ?? '', record.via ? `via ${record.via}` : ''].filter(Boolean).join(' · ');

function insertAccess(db: Db, record: AccessRecord): void {
  const familyCode =
    record.familyCode ??
    (record.familyId === null
      ? null
      : ((db.prepare('SELECT code FROM families WHERE id = ?').get(record.familyId) as { code: string } | undefined)?.code ?? null));
  const { lastInsertRowid } = db.prepare(
    `INSERT INTO access_log (at, rater_id, rater_name, rater_role, family_id, family_code, action, outcome, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    record.at,
    record.rater?.id ?? null,
    record.rater?.name ?? null,
    record.rater?.role ?? null,
    record.familyId,
    familyCode,
    record.action,
    record.outcome,
    withVia(record).slice(0, 1000),
  );
  // Same transaction as the row itself: a row and its link in the hash chain exist together or not at all.
  chainRow(db, Number(lastInsertRowid));
}

function appendWhileReadOnly(db: Db, record: AccessRecord): void {
  let familyCode = record.familyCode ?? null;
  if (familyCode === null && record.familyId !== null) {
    try {
      familyCode = (db.prepare('SELECT code FROM families WHERE id = ?').get(record.familyId) as { code: string } | undefined)?.code ?? null;
    } catch {
      // The damaged page may be the one with this family; the id is still logged.
    }
  }
  const row: StoredAccess = {
    at: record.at,
    rater_id: record.rater?.id ?? null,
    rater_name: record.rater?.name ?? null,
    rater_role: record.rater?.role ?? null,
    family_id: record.familyId,
    family_code: familyCode,
    action: record.action,
    outcome: record.outcome,
    detail: (record.detail ?? '').slice(0, 1000),
  };
  const fd = openSync(join(dirname(db.name), READ_ONLY_ACCESS_LOG_FILE), 'a');
  try {
    writeSync(fd, `${JSON.stringify(row)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * At a writable start: appends the rows logged while the database was read-only, chained, then
 * renames the file to `…-imported-<time>.jsonl` (kept, not deleted). A row already in the log
 * (crash between the commit and the rename) is not added twice.
 */
export function importReadOnlyAccessLog(db: Db, dataDir: string, now = new Date().toISOString()): number {
  const file = join(dataDir, READ_ONLY_ACCESS_LOG_FILE);
  if (!existsSync(file)) return 0;
  const rows: StoredAccess[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      rows.push(JSON.parse(line) as StoredAccess);
    } catch {
      // A line torn by a crash while it was written.
    }
  }
  const known = db.prepare(
    `SELECT 1 FROM access_log WHERE at = @at AND action = @action AND outcome = @outcome AND detail = @detail
       AND rater_id IS @rater_id AND family_id IS @family_id`,
  );
  const insert = db.prepare(
    `INSERT INTO access_log (at, rater_id, rater_name, rater_role, family_id, family_code, action, outcome, detail)
     VALUES (@at, @rater_id, @rater_name, @rater_role, @family_id, @family_code, @action, @outcome, @detail)`,
  );
  let added = 0;
  db.transaction(() => {
    for (const row of rows) {
      if (known.get(row)) continue;
      chainRow(db, Number(insert.run(row).lastInsertRowid));
      added++;
    }
  }).immediate();
  renameSync(file, join(dataDir, `access-log-read-only-imported-${now.replace(/[:.]/g, '-')}.jsonl`));
  return added;
}

export interface AccessRow {
  id: number;
  at: string;
  rater_id: number | null;
  rater_name: string | null;
  rater_role: AccessLogEntry['raterRole'];
  family_id: number | null;
  family_code: string | null;
  action: string;
  outcome: AccessOutcome;
  detail: string;
}

export function listFamilyAccess(db: Db, familyId: number, limit: number): AccessLogEntry[] {
  const rows = db
    .prepare(
      `SELECT id, at, rater_id, rater_name, rater_role, family_id, family_code, action, outcome, detail
       FROM access_log WHERE family_id = ? ORDER BY id DESC LIMIT ?`,
    )
    .all(familyId, limit) as AccessRow[];
  return rows.map(toAccessLogEntry);
}

export function toAccessLogEntry(row: AccessRow): AccessLogEntry {
  return {
    id: row.id,
    at: row.at,
    raterId: row.rater_id,
    raterName: row.rater_name,
    raterRole: row.rater_role,
    familyId: row.family_id,
    familyCode: row.family_code,
    action: row.action,
    outcome: row.outcome,
    detail: row.detail,
  };
}
