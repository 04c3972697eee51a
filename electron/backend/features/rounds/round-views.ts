import { SCALE_KEYS, type ScaleKey } from '../../../../shared/domain/scales';
import type { Meeting, MeetingItem, MeetingScore, RaterName, RoundDetail, RoundRecording } from '../../../../shared/domain/scoring';
import type { Db } from '../../db/open-database';
import { recordingBriefs } from '../scoring/recording-brief';
import { isUnderBlindRound, visibleToViewerSql } from './blindness';
import { maskBrief, momentHidden, neutralCodes, orderForRater } from './moment-blinding';
import { orderBySpread, spreadOf } from './meeting-order';
import { roundAgreement } from './round-agreement';
import { mySheetStatuses, roundRaters, roundRecordingIds, submittedPairs, summarizeRound, type RoundRow } from './round-repository';

/** The agenda with who has submitted what: names and statuses only, never a value. */
export function buildRoundDetail(db: Db, round: RoundRow, viewerId: number, viewerAssigned: boolean): RoundDetail {
  const raters = roundRaters(db, round.id);
  const agenda = roundRecordingIds(db, round.id);
  const briefs = recordingBriefs(db, agenda.map((entry) => entry.recordingId));
  const submitted = submittedPairs(db, round.id);
  const mine = mySheetStatuses(db, round.id, viewerId);
  const hideMoment = momentHidden(round);
  const codes = hideMoment ? neutralCodes(db, round.id) : new Map<number, string>();
  const revealedByName = round.revealed_by
    ? ((db.prepare('SELECT name FROM raters WHERE id = ?').get(round.revealed_by) as { name: string } | undefined)?.name ?? null)
    : null;
  const recordings = agenda.flatMap(({ recordingId, position }): RoundRecording[] => {
      const full = briefs.get(recordingId);
      if (!full) return [];
      const code = codes.get(recordingId) ?? null;
      // Everyone who scores in the round sees the neutral code; a coordinator outside it sees both.
      const brief = hideMoment && viewerAssigned ? maskBrief(full, code ?? '?') : full;
      const done = new Set(submitted.filter((pair) => pair.recordingId === recordingId).map((pair) => pair.raterId));
      return [
        {
          ...brief,
          position,
          neutralCode: code,
          submittedBy: raters.filter((rater) => done.has(rater.id)),
          pending: raters.filter((rater) => !done.has(rater.id)),
          myStatus: viewerAssigned ? (mine.get(recordingId) ?? 'none') : 'not_assigned',
        },
      ];
    });
  return {
    ...summarizeRound(db, round, viewerId),
    notes: round.notes,
    revealedByName,
    raters,
    // A rater blind to the moment also gets the agenda in an order of their own.
    recordings: hideMoment && viewerAssigned ? orderForRater(recordings, round.id, viewerId) : recordings,
  };
}

interface ScoreRow {
  recording_id: number;
  caregiver_id: number;
  scale: ScaleKey;
  value: number;
  rationale: string;
  anchor_version: number | null;
  rater_id: number;
  rater_name: string;
  rater_initials: string;
}

interface ItemRow {
  recording_id: number;
  caregiver_id: number;
  scale: ScaleKey;
  discussion: string;
  consensus_value: number | null;
  consensus_at: string | null;
  consensus_by_name: string | null;
}

/**
 * The meeting view. Scores come only from submitted sheets of this round's raters, only after the
 * reveal, and still through the blindness rule: a recording that also sits in another round that
 * is still blind keeps other raters' scores hidden.
 */
export function buildMeeting(db: Db, round: RoundRow, viewerId: number, viewerAssigned: boolean): Omit<Meeting, 'media'> {
  const detail = buildRoundDetail(db, round, viewerId, viewerAssigned);
  const revealed = round.revealed_at !== null;
  if (!revealed) return { round: detail, revealed, items: [], agreement: [], hiddenRecordingIds: [] };

  const hiddenRecordingIds = detail.recordings.filter((recording) => isUnderBlindRound(db, recording.id)).map((recording) => recording.id);
  const scoreRows = db
    .prepare(
      `SELECT sh.recording_id, sc.caregiver_id, sc.scale, sc.value, sc.rationale, a.version AS anchor_version,
              sh.rater_id, r.name AS rater_name, r.initials AS rater_initials
       FROM score_sheets sh
       JOIN rounds ro ON ro.id = sh.round_id AND ro.revealed_at IS NOT NULL
       JOIN round_raters rr ON rr.round_id = sh.round_id AND rr.rater_id = sh.rater_id
       JOIN scores sc ON sc.sheet_id = sh.id
       JOIN raters r ON r.id = sh.rater_id
       LEFT JOIN anchor_versions a ON a.id = sc.anchor_version_id
       WHERE sh.round_id = @roundId AND sh.status = 'submitted' AND sc.value IS NOT NULL
         AND ${visibleToViewerSql('sh.recording_id', 'sh.rater_id')}
       ORDER BY r.name COLLATE NOCASE, r.id`,
    )
    .all({ roundId: round.id, viewerId }) as ScoreRow[];
  const itemRows = db
    .prepare(
      `SELECT i.recording_id, i.caregiver_id, i.scale, i.discussion, i.consensus_value, i.consensus_at, r.name AS consensus_by_name
       FROM round_items i LEFT JOIN raters r ON r.id = i.consensus_by WHERE i.round_id = ?`,
    )
    .all(round.id) as ItemRow[];
  const agreers = db
    .prepare(
      `SELECT a.recording_id, a.caregiver_id, a.scale, r.id, r.name, r.initials
       FROM consensus_agreements a JOIN raters r ON r.id = a.rater_id WHERE a.round_id = ? ORDER BY r.name COLLATE NOCASE`,
    )
    .all(round.id) as (RaterName & { recording_id: number; caregiver_id: number; scale: ScaleKey })[];

  const key = (recordingId: number, caregiverId: number, scale: ScaleKey) => `${recordingId}:${caregiverId}:${scale}`;
  const scoresByItem = new Map<string, MeetingScore[]>();
  for (const row of scoreRows) {
    const list = scoresByItem.get(key(row.recording_id, row.caregiver_id, row.scale)) ?? [];
    list.push({
      raterId: row.rater_id,
      raterName: row.rater_name,
      raterInitials: row.rater_initials,
      value: row.value,
      rationale: row.rationale,
      anchorVersion: row.anchor_version,
    });
    scoresByItem.set(key(row.recording_id, row.caregiver_id, row.scale), list);
  }
  const itemByKey = new Map(itemRows.map((row) => [key(row.recording_id, row.caregiver_id, row.scale), row]));

  // After the reveal nothing is masked any more; the guard only tells the compiler so.
  const items = detail.recordings.flatMap((recording, agendaIndex) =>
    recording.masked ? [] : recording.caregivers.flatMap((caregiver, caregiverIndex) =>
      SCALE_KEYS.map((scale) => {
        const k = key(recording.id, caregiver.id, scale);
        const scores = scoresByItem.get(k) ?? [];
        const item = itemByKey.get(k);
        const meetingItem: MeetingItem & { agendaIndex: number; caregiverIndex: number } = {
          recordingId: recording.id,
          activity: recording.activity,
          clipCode: recording.clipCode,
          familyCode: recording.familyCode,
          recordedOn: recording.recordedOn,
          moment: recording.moment,
          caregiverId: caregiver.id,
          caregiverLabel: caregiver.label,
          scale,
          scores,
          ...spreadOf(scores.map((score) => score.value)),
          discussion: item?.discussion ?? '',
          consensus:
            item && item.consensus_value !== null
              ? {
                  value: item.consensus_value,
                  at: item.consensus_at ?? '',
                  byName: item.consensus_by_name,
                  agreedBy: agreers
                    .filter((a) => a.recording_id === recording.id && a.caregiver_id === caregiver.id && a.scale === scale)
                    .map(({ id, name, initials }) => ({ id, name, initials })),
                }
              : null,
          agendaIndex,
          caregiverIndex,
        };
        return meetingItem;
      }),
    ),
  );

  const hidden = new Set(hiddenRecordingIds);
  const agreementItems = items.filter((item) => !hidden.has(item.recordingId));
  const agreement = roundAgreement(
    [...new Set(agreementItems.map((item) => `${item.recordingId}:${item.caregiverId}`))],
    detail.raters.map((rater) => rater.id),
    agreementItems.flatMap((item) =>
      item.scores.map((score) => ({ itemKey: `${item.recordingId}:${item.caregiverId}`, scale: item.scale, raterId: score.raterId, value: score.value })),
    ),
  );

  return {
    round: detail,
    revealed,
    items: orderBySpread(items).map(({ agendaIndex: _a, caregiverIndex: _c, ...item }) => item),
    agreement,
    hiddenRecordingIds,
  };
}
