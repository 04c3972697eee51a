import type { RaterName, RevealRule, RoundKind, RoundSummary } from '../../../../shared/domain/scoring';
import type { Db } from '../../db/open-database';

export interface RoundRow {
  id: number;
  name: string;
  held_on: string;
  kind: RoundKind;
  reveal_rule: RevealRule;
  revealed_at: string | null;
  revealed_by: number | null;
  notes: string;
  /** 1: raters see neutral clip codes instead of family, date and moment until the reveal. */
  blind_moment: number;
}

export function findRound(db: Db, roundId: number): RoundRow | null {
  return (
    (db.prepare('SELECT id, name, held_on, kind, reveal_rule, revealed_at, revealed_by, notes, blind_moment FROM rounds WHERE id = ?').get(roundId) as
      | RoundRow
      | undefined) ?? null
  );
}

export function isAssigned(db: Db, roundId: number, raterId: number): boolean {
  return db.prepare('SELECT 1 FROM round_raters WHERE round_id = ? AND rater_id = ?').get(roundId, raterId) !== undefined;
}

export function roundHasRecording(db: Db, roundId: number, recordingId: number): boolean {
  return db.prepare('SELECT 1 FROM round_recordings WHERE round_id = ? AND recording_id = ?').get(roundId, recordingId) !== undefined;
}

export function roundRaters(db: Db, roundId: number): RaterName[] {
  return db
    .prepare(
      `SELECT r.id, r.name, r.initials FROM round_raters rr JOIN raters r ON r.id = rr.rater_id
       WHERE rr.round_id = ? ORDER BY r.name COLLATE NOCASE, r.id`,
    )
    .all(roundId) as RaterName[];
}

export function roundRecordingIds(db: Db, roundId: number): { recordingId: number; position: number }[] {
  return db
    .prepare('SELECT recording_id AS recordingId, position FROM round_recordings WHERE round_id = ? ORDER BY position, recording_id')
    .all(roundId) as { recordingId: number; position: number }[];
}

/** Unrevealed rounds the rater is assigned to that contain the recording, newest first. */
export function openAssignedRoundsFor(db: Db, raterId: number, recordingId: number): RoundRow[] {
  return db
    .prepare(
      `SELECT r.id, r.name, r.held_on, r.kind, r.reveal_rule, r.revealed_at, r.revealed_by, r.notes, r.blind_moment
       FROM rounds r JOIN round_recordings rec ON rec.round_id = r.id JOIN round_raters rr ON rr.round_id = r.id
       WHERE rec.recording_id = ? AND rr.rater_id = ? AND r.revealed_at IS NULL
       ORDER BY r.held_on DESC, r.id DESC`,
    )
    .all(recordingId, raterId) as RoundRow[];
}

/** Every round (revealed or not) the rater is assigned to that contains the recording. */
export function assignedRoundsFor(db: Db, raterId: number, recordingId: number): RoundRow[] {
  return db
    .prepare(
      `SELECT r.id, r.name, r.held_on, r.kind, r.reveal_rule, r.revealed_at, r.revealed_by, r.notes, r.blind_moment
       FROM rounds r JOIN round_recordings rec ON rec.round_id = r.id JOIN round_raters rr ON rr.round_id = r.id
       WHERE rec.recording_id = ? AND rr.rater_id = ?
       ORDER BY r.revealed_at IS NOT NULL, r.held_on DESC, r.id DESC`,
    )
    .all(recordingId, raterId) as RoundRow[];
}

/** Who has submitted which recording in a round: rater ids only, so no value can slip through. */
export function submittedPairs(db: Db, roundId: number): { raterId: number; recordingId: number }[] {
  return db
    .prepare(
      `SELECT s.rater_id AS raterId, s.recording_id AS recordingId FROM score_sheets s
       JOIN round_raters rr ON rr.round_id = s.round_id AND rr.rater_id = s.rater_id
       JOIN round_recordings rec ON rec.round_id = s.round_id AND rec.recording_id = s.recording_id
       WHERE s.round_id = ? AND s.status = 'submitted'`,
    )
    .all(roundId) as { raterId: number; recordingId: number }[];
}

export function mySheetStatuses(db: Db, roundId: number, raterId: number): Map<number, 'draft' | 'submitted'> {
  const rows = db.prepare('SELECT recording_id, status FROM score_sheets WHERE round_id = ? AND rater_id = ?').all(roundId, raterId) as {
    recording_id: number;
    status: 'draft' | 'submitted';
  }[];
  return new Map(rows.map((row) => [row.recording_id, row.status]));
}

export function summarizeRound(db: Db, row: RoundRow, viewerId: number): RoundSummary {
  const recordingCount = (db.prepare('SELECT count(*) AS n FROM round_recordings WHERE round_id = ?').get(row.id) as { n: number }).n;
  const raterCount = (db.prepare('SELECT count(*) AS n FROM round_raters WHERE round_id = ?').get(row.id) as { n: number }).n;
  const pairs = submittedPairs(db, row.id);
  const assigned = isAssigned(db, row.id, viewerId);
  return {
    id: row.id,
    name: row.name,
    heldOn: row.held_on,
    kind: row.kind,
    revealRule: row.reveal_rule,
    revealedAt: row.revealed_at,
    recordingCount,
    raterCount,
    submittedCount: pairs.length,
    expectedCount: recordingCount * raterCount,
    blindMoment: row.blind_moment === 1,
    mine: {
      assigned,
      submitted: pairs.filter((pair) => pair.raterId === viewerId).length,
      total: assigned ? recordingCount : 0,
    },
  };
}

export function listRoundRows(db: Db, onlyForRaterId: number | null): RoundRow[] {
  const columns = 'r.id, r.name, r.held_on, r.kind, r.reveal_rule, r.revealed_at, r.revealed_by, r.notes, r.blind_moment';
  return (
    onlyForRaterId === null
      ? db.prepare(`SELECT ${columns} FROM rounds r ORDER BY r.held_on DESC, r.id DESC`).all()
      : db
          .prepare(
            `SELECT ${columns} FROM rounds r JOIN round_raters rr ON rr.round_id = r.id AND rr.rater_id = ?
             ORDER BY r.held_on DESC, r.id DESC`,
          )
          .all(onlyForRaterId)
  ) as RoundRow[];
}

/**
 * Reveals a round whose rule is "all submitted" as soon as every assigned rater has submitted every
 * recording. Runs inside the caller's transaction (the last submit), so there is no moment in which
 * everyone has submitted but the round is still closed, or the reverse.
 */
export function revealIfEveryoneSubmitted(db: Db, roundId: number, now: string): boolean {
  const round = findRound(db, roundId);
  if (!round || round.revealed_at !== null || round.reveal_rule !== 'all_submitted') return false;
  const { expected, done } = db
    .prepare(
      `SELECT (SELECT count(*) FROM round_raters WHERE round_id = @id) * (SELECT count(*) FROM round_recordings WHERE round_id = @id) AS expected,
              (SELECT count(*) FROM score_sheets s
                 JOIN round_raters rr ON rr.round_id = s.round_id AND rr.rater_id = s.rater_id
                 JOIN round_recordings rec ON rec.round_id = s.round_id AND rec.recording_id = s.recording_id
               WHERE s.round_id = @id AND s.status = 'submitted') AS done`,
    )
    .get({ id: roundId }) as { expected: number; done: number };
  if (expected === 0 || done < expected) return false;
  db.prepare('UPDATE rounds SET revealed_at = ?, revealed_by = NULL WHERE id = ?').run(now, roundId);
  return true;
}
