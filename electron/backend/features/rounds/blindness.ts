import type { Db } from '../../db/open-database';

/**
 * The independence rule in one place: while a recording is in a round that has not been revealed,
 * nobody may see anyone else's scores, rationales or fragments on it — not in a screen, an export
 * or an API answer. Every read of such data filters through these functions.
 */
export function isUnderBlindRound(db: Db, recordingId: number): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM round_recordings rr JOIN rounds r ON r.id = rr.round_id
         WHERE rr.recording_id = ? AND r.revealed_at IS NULL LIMIT 1`,
      )
      .get(recordingId) !== undefined
  );
}

/**
 * SQL condition (for a WHERE clause) that keeps only rows a viewer may see: their own rows always,
 * other raters' rows only when the recording is in no unrevealed round. Bind `viewerId` once.
 * `recordingColumn` and `raterColumn` are trusted column expressions of the calling query.
 */
export function visibleToViewerSql(recordingColumn: string, raterColumn: string): string {
  return `(${raterColumn} = @viewerId OR NOT EXISTS (
    SELECT 1 FROM round_recordings blind_rr JOIN rounds blind_r ON blind_r.id = blind_rr.round_id
    WHERE blind_rr.recording_id = ${recordingColumn} AND blind_r.revealed_at IS NULL))`;
}

/**
 * SQL subquery of every recording that is in a round not yet revealed, for `NOT IN (…)`: SQLite
 * evaluates it once per statement rather than once per row, which matters when a query reads
 * a whole team's scores (features/scoring/counted-scores.ts).
 */
export const RECORDINGS_UNDER_BLIND_ROUND_SQL = `SELECT blind_rr.recording_id FROM round_recordings blind_rr
  JOIN rounds blind_r ON blind_r.id = blind_rr.round_id WHERE blind_r.revealed_at IS NULL`;
