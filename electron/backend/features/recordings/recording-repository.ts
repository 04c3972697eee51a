import type { Caregiver, PlayerMedia, Rater, Recording, RecordingSummary, SpriteLayout } from '../../../../shared/domain/entities';
import type { Activity, Moment, PlaybackPlanKind } from '../../../../shared/domain/vocabulary';
import type { Db } from '../../db/open-database';
import { listJobs } from '../media-jobs/job-repository';
import { sanitizeOriginalName } from './original-name';

/** Who is looking: the original file name goes to coordinators only. */
export type RecordingViewer = Pick<Rater, 'id' | 'role'> | null;

/**
 * A file name often carries the family's name ("VID_20260301_Bakker_bad.mp4", as phones and the
 * people who copy the files name them), while everywhere else the family is a pseudonymous code.
 * A rater needs nothing from it; a coordinator may need it to match a file on a camera or phone.
 * Everyone else gets null.
 */
export function originalNameFor(viewer: RecordingViewer, storedName: string): string | null {
  return viewer?.role === 'coordinator' ? sanitizeOriginalName(storedName) : null;
}

interface RecordingRow {
  id: number;
  family_id: number;
  family_code: string;
  visit_id: number;
  visit_date: string;
  media_sha256: string;
  original_name: string;
  activity: Activity;
  moment: Moment;
  recorded_on: string;
  playback_plan: PlaybackPlanKind;
  plan_reason: string;
  duration_ms: number;
  fps_num: number;
  fps_den: number;
  width: number;
  height: number;
  notes: string;
  has_playable: number;
  playable_version: string | null;
}

const SELECT = `SELECT r.*, f.code AS family_code, v.date AS visit_date,
    EXISTS (SELECT 1 FROM media_derivatives d WHERE d.media_sha256 = r.media_sha256 AND d.kind = 'playable') AS has_playable,
    (SELECT d.created_at FROM media_derivatives d WHERE d.media_sha256 = r.media_sha256 AND d.kind = 'playable') AS playable_version
  FROM recordings r JOIN families f ON f.id = r.family_id JOIN visits v ON v.id = r.visit_id`;

function caregiversInView(db: Db, recordingId: number): Caregiver[] {
  return (
    db
      .prepare(
        `SELECT c.id, c.family_id AS familyId, c.role, c.label FROM recording_caregivers rc JOIN caregivers c ON c.id = rc.caregiver_id
         WHERE rc.recording_id = ? ORDER BY c.id`,
      )
      .all(recordingId) as Caregiver[]
  );
}

function toSummary(db: Db, row: RecordingRow, viewer: RecordingViewer): RecordingSummary {
  return {
    id: row.id,
    familyId: row.family_id,
    familyCode: row.family_code,
    visitId: row.visit_id,
    visitDate: row.visit_date,
    originalName: originalNameFor(viewer, row.original_name),
    activity: row.activity,
    moment: row.moment,
    recordedOn: row.recorded_on,
    caregivers: caregiversInView(db, row.id),
    playbackPlan: row.playback_plan,
    planReason: row.plan_reason,
    durationMs: row.duration_ms,
    fpsNum: row.fps_num,
    fpsDen: row.fps_den,
    width: row.width,
    height: row.height,
    playable: row.playback_plan === 'as_is' || row.has_playable === 1,
    mediaVersion: row.playable_version ?? 'original',
    activeJobs: listJobs(db, { mediaSha256: row.media_sha256, includeFinished: false }).filter((job) => job.status !== 'done'),
  };
}

export function listRecordings(db: Db, familyId: number, viewer: RecordingViewer): RecordingSummary[] {
  const rows = db.prepare(`${SELECT} WHERE r.family_id = ? ORDER BY r.recorded_on, r.id`).all(familyId) as RecordingRow[];
  return rows.map((row) => toSummary(db, row, viewer));
}

export function findRecordingRow(db: Db, id: number): RecordingRow | null {
  return (db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RecordingRow | undefined) ?? null;
}

/** The player's view of a recording (no family, date or moment); null when it does not exist. */
export function findPlayerMedia(db: Db, id: number): PlayerMedia | null {
  const row = findRecordingRow(db, id);
  return row ? playerMediaOf(db, row) : null;
}

function playerMediaOf(db: Db, row: RecordingRow): PlayerMedia {
  const derivatives = db.prepare('SELECT kind, meta_json FROM media_derivatives WHERE media_sha256 = ?').all(row.media_sha256) as {
    kind: string;
    meta_json: string;
  }[];
  const sprite = derivatives.find((d) => d.kind === 'sprite');
  return {
    recordingId: row.id,
    playable: row.playback_plan === 'as_is' || row.has_playable === 1,
    mediaVersion: row.playable_version ?? 'original',
    durationMs: row.duration_ms,
    fpsNum: row.fps_num,
    fpsDen: row.fps_den,
    width: row.width,
    height: row.height,
    sprite: sprite ? (JSON.parse(sprite.meta_json) as SpriteLayout) : null,
    hasPeaks: derivatives.some((d) => d.kind === 'peaks'),
  };
}

export function findRecording(db: Db, id: number, viewer: RecordingViewer): Recording | null {
  const row = findRecordingRow(db, id);
  if (!row) return null;
  const media = playerMediaOf(db, row);
  const position =
    viewer === null
      ? undefined
      : (db.prepare('SELECT position_ms FROM playback_positions WHERE recording_id = ? AND rater_id = ?').get(id, viewer.id) as
          | { position_ms: number }
          | undefined);
  return {
    ...toSummary(db, row, viewer),
    notes: row.notes,
    sprite: media.sprite,
    hasPeaks: media.hasPeaks,
    positionMs: position?.position_ms ?? 0,
    jobs: listJobs(db, { mediaSha256: row.media_sha256, includeFinished: true }),
  };
}

export function caregiversBelongTo(db: Db, familyId: number, caregiverIds: readonly number[]): boolean {
  const placeholders = caregiverIds.map(() => '?').join(',');
  const { n } = db.prepare(`SELECT count(*) AS n FROM caregivers WHERE family_id = ? AND id IN (${placeholders})`).get(familyId, ...caregiverIds) as {
    n: number;
  };
  return n === caregiverIds.length;
}

export function visitBelongsTo(db: Db, familyId: number, visitId: number): boolean {
  return db.prepare('SELECT 1 FROM visits WHERE id = ? AND family_id = ?').get(visitId, familyId) !== undefined;
}

export function setRecordingCaregivers(db: Db, recordingId: number, caregiverIds: readonly number[]): void {
  db.prepare('DELETE FROM recording_caregivers WHERE recording_id = ?').run(recordingId);
  const insert = db.prepare('INSERT INTO recording_caregivers (recording_id, caregiver_id) VALUES (?, ?)');
  for (const caregiverId of caregiverIds) insert.run(recordingId, caregiverId);
}

const RECORDING_COLUMNS = { visitId: 'visit_id', activity: 'activity', moment: 'moment', recordedOn: 'recorded_on', notes: 'notes' } as const;

export function updateRecordingFields(db: Db, id: number, changes: Partial<Record<keyof typeof RECORDING_COLUMNS, string | number>>): void {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined) as [keyof typeof RECORDING_COLUMNS, string | number][];
  if (!entries.length) return;
  db.prepare(`UPDATE recordings SET ${entries.map(([k]) => `${RECORDING_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`).run(
    ...entries.map(([, v]) => v),
    id,
  );
}

/** The library files a media file owns: the original and every derived file. */
export function mediaFilesOf(db: Db, sha256: string): { original: string | null; derived: string[] } {
  const original = (db.prepare('SELECT file_name FROM media_files WHERE sha256 = ?').get(sha256) as { file_name: string } | undefined)?.file_name ?? null;
  const rows = db.prepare('SELECT file_name, meta_json FROM media_derivatives WHERE media_sha256 = ?').all(sha256) as { file_name: string; meta_json: string }[];
  // A sprite has several sheets; its row names the first and lists all in its metadata.
  const derived = rows.flatMap((row) => [row.file_name, ...((JSON.parse(row.meta_json) as { files?: string[] }).files ?? [])]);
  return { original, derived: [...new Set(derived)] };
}

export function mediaStillUsed(db: Db, sha256: string): boolean {
  return db.prepare('SELECT 1 FROM recordings WHERE media_sha256 = ? LIMIT 1').get(sha256) !== undefined;
}

export function savePosition(db: Db, recordingId: number, raterId: number, positionMs: number, now: string): void {
  db.prepare(
    `INSERT INTO playback_positions (recording_id, rater_id, position_ms, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (recording_id, rater_id) DO UPDATE SET position_ms = excluded.position_ms, updated_at = excluded.updated_at`,
  ).run(recordingId, raterId, positionMs, now);
}
