import type { AccessLogEntry, AccessOutcome, Rater } from '../../../../shared/domain/entities';
import type { Db } from '../../db/open-database';
import { chainRow } from '../privacy/log-chain';

export interface AccessRecord {
  at: string;
  rater: Rater | null;
  familyId: number | null;
  action: string;
  outcome: AccessOutcome;
  detail?: string;
  /** Set by an erasure, when the family row is already gone. */
  familyCode?: string;
}

/** Appends one row; the family code is copied so the row still says whom it was about after erasure. */
export function appendAccess(db: Db, record: AccessRecord): void {
  // A savepoint inside a call's transaction, its own transaction for refusals logged outside one.
  db.transaction(() => insertAccess(db, record))();
}

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
    (record.detail ?? '').slice(0, 1000),
  );
  // Same transaction as the row itself: a row and its link in the hash chain exist together or not at all.
  chainRow(db, Number(lastInsertRowid));
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
