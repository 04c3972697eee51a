import type { ScaleKey } from '../../../../shared/domain/scales';
import type { Db } from '../../db/open-database';
import { RECORDINGS_UNDER_BLIND_ROUND_SQL } from '../rounds/blindness';

// Which scores count: the one rule behind the agreement page, the trend screens and their
// exports. Both used to select scores with their own SQL, and the two disagreed (a sheet of a
// rater who was not in the round counted for agreement but not for trends; practice counted for
// agreement on request; a caregiver taken out of view still counted for agreement). Whatever
// reads scores to compute a figure reads them here.
//
// A score counts when all of these hold, and why:
// 1. Its sheet is submitted and the score has a value. A draft, or a sheet reopened for a
//    correction, is work in progress: the rater has not said "this is my score" yet.
// 2. The sheet belongs to a round that has been revealed. Practice ("niet blind", no round) never
//    counts, not even on request: outside a blind round the score card shows the other raters'
//    submitted scores and the consensus (scoring.forRecording), so a practice score may have been
//    given knowing them. Agreement between such scores is not agreement between independent
//    raters, and a trend value made of them would mix in a rater's echo of the team.
//    Before the reveal a round's scores are blind to everyone, so they cannot count either.
// 3. The sheet's rater is one of the round's raters and its recording is on the round's agenda:
//    the pairs the meeting shows and the reveal rule counts (round-repository submittedPairs).
//    The app never makes other round sheets and will not drop a rater or a recording that has
//    one; a sheet outside them (an old backup, a hand edit) belongs to no assignment, and the
//    meeting never showed it.
// 4. The caregiver is in view in the recording. When the coordinator corrects who is filmed,
//    scores of someone who is not in the clip are not scores of this clip.
// 5. The recording is in no round that is still blind (rounds/blindness.ts). Then nothing about
//    it counts, not even the scores of an earlier revealed round or practice, so no figure can
//    move while the team still scores the clip blind, and none can hint at anyone's new score.
//
// What does not matter, on purpose:
// - Whether the rater is still active. Someone who left the team scored blind and independently
//   then; deactivating a profile must not rewrite earlier agreement or trends.
// - The measurement moment. A recording without one ("geen") is an agreement item like any
//   other; only the trends' moment values leave it out (trend-values.ts): that is what a figure
//   is about, not which scores count.
// - Rounds blind to the moment: their mask lasts until the reveal, so rule 2 already covers them.
// - Erased families: erasure deletes their recordings, sheets, scores and consensus
//   (privacy/erasure-repository.ts); nothing is left to count, and no rule here brings it back.
//
// Consensus is not a rater's score and never enters an agreement statistic; it is the trends'
// value where there is one and the agreement page's reference for a rater's deviation. It counts
// under the same conditions: a revealed round, the caregiver in view, the recording in no blind
// round.
//
// Practice scores are still *listed*, never counted, in the raw score exports (flagged blind =
// nee) for research that wants them; practiceScores applies rules 1, 4 and 5 to them.
//
// Each function reads the whole team, or only the recordings whose ids it is given (the trend
// index refreshes what changed; the triggers of migration 0006 mark every table named here).

export interface CountedScore {
  recordingId: number;
  caregiverId: number;
  scale: ScaleKey;
  value: number;
  raterId: number;
  roundId: number;
}

export interface PracticeScore extends Omit<CountedScore, 'roundId'> {
  roundId: null;
}

export interface CountedConsensus {
  roundId: number;
  recordingId: number;
  caregiverId: number;
  scale: ScaleKey;
  value: number;
  /** When it was recorded (or last changed): a recording discussed twice keeps the latest. */
  at: string;
}

const only = (column: string, ids: readonly number[] | undefined) => (ids ? `${column} IN (SELECT value FROM json_each(@ids))` : '1');
const params = (ids: readonly number[] | undefined) => (ids ? { ids: JSON.stringify(ids) } : {});

/** Rules 1, 4 and 5, shared by counted and listed scores (aliases: sh = sheet, sc = score). */
const SUBMITTED_IN_VIEW_NOT_BLIND = `sh.status = 'submitted' AND sc.value IS NOT NULL
  AND EXISTS (SELECT 1 FROM recording_caregivers rc WHERE rc.recording_id = sh.recording_id AND rc.caregiver_id = sc.caregiver_id)
  AND sh.recording_id NOT IN (${RECORDINGS_UNDER_BLIND_ROUND_SQL})`;

/**
 * Every score that counts, in item order (round, recording, caregiver, then rater): the order the
 * agreement matrices take their items in, so the same data always give the same bootstrap.
 */
export function countedScores(db: Db, recordingIds?: readonly number[]): CountedScore[] {
  return db
    .prepare(
      `SELECT sh.recording_id AS recordingId, sc.caregiver_id AS caregiverId, sc.scale, sc.value, sh.rater_id AS raterId, sh.round_id AS roundId
       FROM score_sheets sh
       JOIN rounds ro ON ro.id = sh.round_id AND ro.revealed_at IS NOT NULL
       JOIN round_raters rr ON rr.round_id = sh.round_id AND rr.rater_id = sh.rater_id
       JOIN round_recordings rrec ON rrec.round_id = sh.round_id AND rrec.recording_id = sh.recording_id
       JOIN scores sc ON sc.sheet_id = sh.id
       WHERE ${SUBMITTED_IN_VIEW_NOT_BLIND} AND ${only('sh.recording_id', recordingIds)}
       ORDER BY sh.round_id, sh.recording_id, sc.caregiver_id, sh.rater_id`,
    )
    .all(params(recordingIds)) as CountedScore[];
}

/** Submitted practice scores, for the raw exports only: listed and flagged, never part of a figure. */
export function practiceScores(db: Db, recordingIds?: readonly number[]): PracticeScore[] {
  return db
    .prepare(
      `SELECT sh.recording_id AS recordingId, sc.caregiver_id AS caregiverId, sc.scale, sc.value, sh.rater_id AS raterId, NULL AS roundId
       FROM score_sheets sh JOIN scores sc ON sc.sheet_id = sh.id
       WHERE sh.round_id IS NULL AND ${SUBMITTED_IN_VIEW_NOT_BLIND} AND ${only('sh.recording_id', recordingIds)}
       ORDER BY sh.recording_id, sc.caregiver_id, sh.rater_id`,
    )
    .all(params(recordingIds)) as PracticeScore[];
}

/** Consensus scores that count (a revealed round, the caregiver in view, the recording in no blind round). */
export function countedConsensus(db: Db, recordingIds?: readonly number[]): CountedConsensus[] {
  return db
    .prepare(
      `SELECT i.round_id AS roundId, i.recording_id AS recordingId, i.caregiver_id AS caregiverId, i.scale, i.consensus_value AS value,
              coalesce(i.consensus_at, i.updated_at) AS at
       FROM round_items i
       JOIN rounds ro ON ro.id = i.round_id AND ro.revealed_at IS NOT NULL
       JOIN recording_caregivers rc ON rc.recording_id = i.recording_id AND rc.caregiver_id = i.caregiver_id
       WHERE i.consensus_value IS NOT NULL AND i.recording_id NOT IN (${RECORDINGS_UNDER_BLIND_ROUND_SQL})
         AND ${only('i.recording_id', recordingIds)}`,
    )
    .all(params(recordingIds)) as CountedConsensus[];
}

/** Recordings in at least one round that is still blind (rule 5): nothing of them counts or shows. */
export function blindRecordingIds(db: Db, recordingIds?: readonly number[]): number[] {
  return (
    db
      .prepare(`SELECT DISTINCT recording_id AS id FROM (${RECORDINGS_UNDER_BLIND_ROUND_SQL}) AS blind WHERE ${only('recording_id', recordingIds)}`)
      .all(params(recordingIds)) as { id: number }[]
  ).map((row) => row.id);
}
