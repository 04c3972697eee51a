import type { MediaJob } from '../../../../shared/domain/entities';
import type { JobStatus } from '../../../../shared/domain/vocabulary';
import type { Db } from '../../db/open-database';
import type { EventAudience } from '../../event-hub';

/**
 * Jobs that are one rater's own work: video exports (fragment clips, feedback reels) of that
 * rater's fragments. Only their creator sees them in job lists and job events; anyone else could
 * otherwise tell that a rater is exporting fragments of a recording in a blind round. (Who else may
 * see a finished export is the video-exports feature's rule, mayViewExport.) The other kinds make
 * a recording's shared files (playable version, thumbnails, waveform) and are everyone's.
 */
export const PERSONAL_JOB_KINDS = ['fragment_clip', 'reel'] as const;
export const isPersonalKind = (kind: string) => (PERSONAL_JOB_KINDS as readonly string[]).includes(kind);

export interface JobRow {
  id: number;
  kind: string;
  status: JobStatus;
  media_sha256: string | null;
  recording_id: number | null;
  family_id: number | null;
  params_json: string;
  progress: number;
  eta_ms: number | null;
  output_file: string | null;
  error: string | null;
  attempts: number;
  created_at: string;
  updated_at: string;
  created_by: number | null;
}

/** Whether a viewer may know this job exists: everyone for shared work, its creator for personal work. */
export function mayViewJob(job: Pick<JobRow, 'kind' | 'created_by'>, viewerId: number): boolean {
  return !isPersonalKind(job.kind) || job.created_by === viewerId;
}

/** Who hears the events of a job: everyone, or only the creator of a personal one. */
export function jobAudience(job: Pick<JobRow, 'kind' | 'created_by'>): EventAudience | undefined {
  if (!isPersonalKind(job.kind)) return undefined;
  // A personal job always has a creator; one without (never written so) is heard by nobody.
  return { raterId: job.created_by ?? 0 };
}

export interface NewJob {
  kind: string;
  mediaSha256?: string | null;
  recordingId?: number | null;
  familyId?: number | null;
  params?: unknown;
  createdBy?: number | null;
}

export function insertJob(db: Db, job: NewJob, now: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO media_jobs (kind, status, media_sha256, recording_id, family_id, params_json, created_at, updated_at, created_by)
         VALUES (?, 'queued', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(job.kind, job.mediaSha256 ?? null, job.recordingId ?? null, job.familyId ?? null, JSON.stringify(job.params ?? {}), now, now, job.createdBy ?? null)
      .lastInsertRowid,
  );
}

export function findJob(db: Db, id: number): JobRow | null {
  return (db.prepare('SELECT * FROM media_jobs WHERE id = ?').get(id) as JobRow | undefined) ?? null;
}

/** Playable versions first: a recording can be watched and annotated before its thumbnails exist. */
export function nextQueuedJob(db: Db, excludeIds: readonly number[]): JobRow | null {
  const rows = db
    .prepare(
      `SELECT * FROM media_jobs WHERE status = 'queued'
       ORDER BY CASE kind WHEN 'playable' THEN 0 WHEN 'peaks' THEN 1 WHEN 'sprite' THEN 2 WHEN 'playable_upgrade' THEN 4 ELSE 3 END, id LIMIT 16`,
    )
    .all() as JobRow[];
  return rows.find((row) => !excludeIds.includes(row.id)) ?? null;
}

export function setJobState(
  db: Db,
  id: number,
  state: { status: JobStatus; progress?: number; etaMs?: number | null; error?: string | null; outputFile?: string | null; attempt?: boolean },
  now: string,
): void {
  db.prepare(
    `UPDATE media_jobs SET status = ?, progress = coalesce(?, progress), eta_ms = ?, error = ?, output_file = coalesce(?, output_file),
       attempts = attempts + ?, updated_at = ? WHERE id = ?`,
  ).run(state.status, state.progress ?? null, state.etaMs ?? null, state.error ?? null, state.outputFile ?? null, state.attempt ? 1 : 0, now, id);
}

export function setJobProgress(db: Db, id: number, progress: number, etaMs: number | null, now: string): void {
  db.prepare(`UPDATE media_jobs SET progress = ?, eta_ms = ?, updated_at = ? WHERE id = ? AND status = 'running'`).run(
    Math.min(1, Math.max(0, progress)),
    etaMs,
    now,
    id,
  );
}

/** Jobs that were running when the app stopped or crashed start again from the beginning. */
export function requeueInterrupted(db: Db, now: string): number {
  return db.prepare(`UPDATE media_jobs SET status = 'queued', progress = 0, eta_ms = NULL, updated_at = ? WHERE status = 'running'`).run(now).changes;
}

const JOB_SELECT = `SELECT j.*, f.code AS family_code,
    coalesce(
      (SELECT json_group_array(r.id) FROM recordings r WHERE r.media_sha256 = j.media_sha256),
      json_array(j.recording_id)) AS recording_ids
  FROM media_jobs j LEFT JOIN families f ON f.id = j.family_id`;

type JobListRow = JobRow & { family_code: string | null; recording_ids: string };

function toMediaJob(row: JobListRow): MediaJob {
  const ids = (JSON.parse(row.recording_ids) as (number | null)[]).filter((x): x is number => x !== null);
  if (row.recording_id !== null && !ids.includes(row.recording_id)) ids.push(row.recording_id);
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    etaMs: row.eta_ms,
    error: row.error,
    // Only the queue knows; it fills this in for running jobs (JobQueue.withPause).
    paused: false,
    familyCode: row.family_code,
    recordingIds: ids,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * A job as the event stream sends it: without the family code. Events reach every window and tab
 * (also a locked one) and write no access-log row; the code comes with jobs.list, which does.
 */
export function jobForEvent(job: MediaJob): MediaJob {
  return { ...job, familyCode: null };
}

export function describeJob(db: Db, id: number): MediaJob | null {
  const row = db.prepare(`${JOB_SELECT} WHERE j.id = ?`).get(id) as JobListRow | undefined;
  return row ? toMediaJob(row) : null;
}

/** `viewerId`: leave out other raters' personal jobs (see PERSONAL_JOB_KINDS); omitted only for a recording's own media jobs. */
export function listJobs(db: Db, filter: { mediaSha256?: string; includeFinished: boolean; viewerId?: number }): MediaJob[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.viewerId !== undefined) {
    where.push(`(j.kind NOT IN (${PERSONAL_JOB_KINDS.map(() => '?').join(', ')}) OR j.created_by = ?)`);
    params.push(...PERSONAL_JOB_KINDS, filter.viewerId);
  }
  if (filter.mediaSha256) {
    where.push('j.media_sha256 = ?');
    params.push(filter.mediaSha256);
  }
  if (!filter.includeFinished) where.push(`(j.status IN ('queued', 'running', 'failed') OR j.updated_at > datetime('now', '-10 minutes'))`);
  const rows = db.prepare(`${JOB_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY j.id DESC LIMIT 200`).all(...params) as JobListRow[];
  return rows.map(toMediaJob);
}
