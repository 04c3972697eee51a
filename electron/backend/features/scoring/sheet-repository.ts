import type { ScaleKey } from '../../../../shared/domain/scales';
import type { ScoreEntry, SheetEvent, SheetStatus } from '../../../../shared/domain/scoring';
import type { Db } from '../../db/open-database';

export interface SheetRow {
  id: number;
  rater_id: number;
  recording_id: number;
  round_id: number | null;
  blind: number;
  status: SheetStatus;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

const SHEET_COLUMNS = 'id, rater_id, recording_id, round_id, blind, status, submitted_at, created_at, updated_at';

export function findSheet(db: Db, raterId: number, recordingId: number, roundId: number | null): SheetRow | null {
  return (
    (db
      .prepare(`SELECT ${SHEET_COLUMNS} FROM score_sheets WHERE rater_id = ? AND recording_id = ? AND round_id IS ?`)
      .get(raterId, recordingId, roundId) as SheetRow | undefined) ?? null
  );
}

export function createSheet(db: Db, raterId: number, recordingId: number, roundId: number | null, now: string): SheetRow {
  db.prepare(
    `INSERT INTO score_sheets (rater_id, recording_id, round_id, blind, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'draft', ?, ?)`,
  ).run(raterId, recordingId, roundId, roundId === null ? 0 : 1, now, now);
  return findSheet(db, raterId, recordingId, roundId)!;
}

interface ScoreRow {
  caregiver_id: number;
  scale: ScaleKey;
  value: number | null;
  rationale: string;
  anchor_version_id: number | null;
  anchor_version: number | null;
  updated_at: string;
}

const toEntry = (row: ScoreRow): ScoreEntry => ({
  caregiverId: row.caregiver_id,
  scale: row.scale,
  value: row.value,
  rationale: row.rationale,
  anchorVersionId: row.anchor_version_id,
  anchorVersion: row.anchor_version,
  updatedAt: row.updated_at,
});

/** The scores of one sheet. Callers pass only a sheet the viewer may see (their own, or a revealed one). */
export function sheetScores(db: Db, sheetId: number): ScoreEntry[] {
  const rows = db
    .prepare(
      `SELECT s.caregiver_id, s.scale, s.value, s.rationale, s.anchor_version_id, a.version AS anchor_version, s.updated_at
       FROM scores s LEFT JOIN anchor_versions a ON a.id = s.anchor_version_id
       WHERE s.sheet_id = ? ORDER BY s.caregiver_id, s.scale DESC`,
    )
    .all(sheetId) as ScoreRow[];
  return rows.map(toEntry);
}

export interface ScoreChange {
  value?: number | null;
  rationale?: string;
  /** Set together with a value: the anchor version on screen when it was chosen. */
  anchorVersionId?: number | null;
}

export function upsertScore(db: Db, sheetId: number, caregiverId: number, scale: ScaleKey, change: ScoreChange, now: string): void {
  const params = {
    sheetId,
    caregiverId,
    scale,
    value: change.value ?? null,
    rationale: change.rationale ?? '',
    anchor: change.value == null ? null : (change.anchorVersionId ?? null),
    setValue: change.value !== undefined ? 1 : 0,
    setRationale: change.rationale !== undefined ? 1 : 0,
    now,
  };
  // Update, else insert — not INSERT … ON CONFLICT DO UPDATE: SQLite runs the triggers of an
  // upsert's update branch under its ABORT policy, so their own INSERT OR IGNORE (the trend
  // index's triggers on scores) would fail on a duplicate.
  const updated = db
    .prepare(
      `UPDATE scores SET
         value = CASE WHEN @setValue THEN @value ELSE value END,
         anchor_version_id = CASE WHEN @setValue THEN @anchor ELSE anchor_version_id END,
         rationale = CASE WHEN @setRationale THEN @rationale ELSE rationale END,
         updated_at = @now
       WHERE sheet_id = @sheetId AND caregiver_id = @caregiverId AND scale = @scale`,
    )
    .run(params).changes;
  if (updated === 0) {
    db.prepare(
      `INSERT INTO scores (sheet_id, caregiver_id, scale, value, rationale, anchor_version_id, updated_at)
       VALUES (@sheetId, @caregiverId, @scale, @value, @rationale, @anchor, @now)`,
    ).run(params);
  }
  db.prepare('UPDATE score_sheets SET updated_at = ? WHERE id = ?').run(now, sheetId);
}

export function setSheetStatus(db: Db, sheetId: number, status: SheetStatus, now: string): void {
  db.prepare('UPDATE score_sheets SET status = ?, submitted_at = ?, updated_at = ? WHERE id = ?').run(
    status,
    status === 'submitted' ? now : null,
    now,
    sheetId,
  );
}

export function addSheetEvent(db: Db, sheetId: number, kind: SheetEvent['kind'], reason: string, raterId: number | null, now: string): void {
  db.prepare('INSERT INTO score_sheet_events (sheet_id, kind, reason, at, rater_id) VALUES (?, ?, ?, ?, ?)').run(sheetId, kind, reason, now, raterId);
}

export function sheetEvents(db: Db, sheetId: number): SheetEvent[] {
  return db
    .prepare(
      `SELECT e.kind, e.reason, e.at, r.name AS raterName FROM score_sheet_events e LEFT JOIN raters r ON r.id = e.rater_id
       WHERE e.sheet_id = ? ORDER BY e.id`,
    )
    .all(sheetId) as SheetEvent[];
}

/** The viewer's own sheets, newest first. */
export function sheetsOfRater(db: Db, raterId: number): (SheetRow & { round_name: string | null })[] {
  return db
    .prepare(
      `SELECT s.id, s.rater_id, s.recording_id, s.round_id, s.blind, s.status, s.submitted_at, s.created_at, s.updated_at, r.name AS round_name
       FROM score_sheets s LEFT JOIN rounds r ON r.id = s.round_id
       WHERE s.rater_id = ? ORDER BY s.updated_at DESC, s.id DESC`,
    )
    .all(raterId) as (SheetRow & { round_name: string | null })[];
}
