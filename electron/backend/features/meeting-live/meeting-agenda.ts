import type { MeetingAgendaItem } from '../../../../shared/domain/meeting-live';
import type { Db } from '../../db/open-database';
import { buildRoundDetail } from '../rounds/round-views';
import type { RoundRow } from '../rounds/round-repository';

/**
 * The meeting's agenda as one rater's device lists it: the same round detail the desktop shows
 * (masked and in the rater's own order when the round hides the moment), cut down to what a score
 * card needs. Who submitted is a name here, never a value.
 */
export function agendaFor(db: Db, round: RoundRow, raterId: number): MeetingAgendaItem[] {
  const detail = buildRoundDetail(db, round, raterId, true);
  return detail.recordings.map((recording) => ({
    recordingId: recording.id,
    activity: recording.activity,
    clipCode: recording.clipCode,
    caregivers: recording.caregivers,
    myStatus: recording.myStatus === 'not_assigned' ? 'none' : recording.myStatus,
    submittedCount: recording.submittedBy.length,
    submittedBy: recording.submittedBy,
    raterCount: detail.raters.length,
  }));
}
