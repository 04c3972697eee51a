import type { Caregiver } from '../../../../shared/domain/entities';
import type { RecordingBrief } from '../../../../shared/domain/scoring';
import type { Activity, CaregiverRole, Moment } from '../../../../shared/domain/vocabulary';
import type { Db } from '../../db/open-database';

// Scoring reads recordings with its own queries, so it does not depend on the video feature's
// methods: only what a score card, a round agenda or the minutes show (a code, never a name).

interface BriefRow {
  id: number;
  family_id: number;
  family_code: string;
  activity: Activity;
  moment: Moment;
  recorded_on: string;
  duration_ms: number;
}

const BRIEF_SQL = `SELECT r.id, r.family_id, f.code AS family_code, r.activity, r.moment, r.recorded_on, r.duration_ms
  FROM recordings r JOIN families f ON f.id = r.family_id`;

function caregiversInView(db: Db, recordingIds: number[]): Map<number, Caregiver[]> {
  const byRecording = new Map<number, Caregiver[]>(recordingIds.map((id) => [id, []]));
  if (recordingIds.length === 0) return byRecording;
  const rows = db
    .prepare(
      `SELECT rc.recording_id, c.id, c.family_id, c.role, c.label
       FROM recording_caregivers rc JOIN caregivers c ON c.id = rc.caregiver_id
       WHERE rc.recording_id IN (SELECT value FROM json_each(?))
       ORDER BY rc.recording_id, c.id`,
    )
    .all(JSON.stringify(recordingIds)) as { recording_id: number; id: number; family_id: number; role: CaregiverRole; label: string }[];
  for (const row of rows) byRecording.get(row.recording_id)?.push({ id: row.id, familyId: row.family_id, role: row.role, label: row.label });
  return byRecording;
}

function toBriefs(db: Db, rows: BriefRow[]): RecordingBrief[] {
  const caregivers = caregiversInView(db, rows.map((row) => row.id));
  return rows.map((row) => ({
    id: row.id,
    familyId: row.family_id,
    familyCode: row.family_code,
    activity: row.activity,
    moment: row.moment,
    recordedOn: row.recorded_on,
    durationMs: row.duration_ms,
    caregivers: caregivers.get(row.id) ?? [],
    clipCode: `${row.family_code} #${row.id}`,
    masked: false,
  }));
}

export function findRecordingBrief(db: Db, recordingId: number): RecordingBrief | null {
  const row = db.prepare(`${BRIEF_SQL} WHERE r.id = ?`).get(recordingId) as BriefRow | undefined;
  return row ? toBriefs(db, [row])[0]! : null;
}

export function recordingBriefs(db: Db, recordingIds: number[]): Map<number, RecordingBrief> {
  if (recordingIds.length === 0) return new Map();
  const rows = db.prepare(`${BRIEF_SQL} WHERE r.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(recordingIds)) as BriefRow[];
  return new Map(toBriefs(db, rows).map((brief) => [brief.id, brief]));
}

/** LIKE treats % and _ as wildcards; a search for "OB_1" must match only that text. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listRecordingBriefs(db: Db, search?: string): RecordingBrief[] {
  const term = search?.trim();
  const rows = (
    term
      ? db.prepare(`${BRIEF_SQL} WHERE f.code LIKE ? ESCAPE '\\' ORDER BY f.code COLLATE NOCASE, r.recorded_on, r.id`).all(likePattern(term))
      : db.prepare(`${BRIEF_SQL} ORDER BY f.code COLLATE NOCASE, r.recorded_on, r.id`).all()
  ) as BriefRow[];
  return toBriefs(db, rows);
}
