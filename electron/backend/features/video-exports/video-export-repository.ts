import { readdirSync, rmSync } from 'node:fs';
import type { VideoExport } from '../../../../shared/api/areas/video-export-methods';
import type { Db } from '../../db/open-database';
import type { MediaLibrary } from '../../media-library';
import { fragmentAccess } from '../fragments/fragment-repository';
import { describeJob, insertJob, PERSONAL_JOB_KINDS, type JobRow } from '../media-jobs/job-repository';
import type { ClipWindow } from './export-plan';

/** Exports are personal jobs: only their creator sees them among the jobs (job-repository.ts). */
export const EXPORT_KINDS = PERSONAL_JOB_KINDS;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const isExportKind = (kind: string): kind is ExportKind => (EXPORT_KINDS as readonly string[]).includes(kind);

/** What an export job carries: decided when it was asked for, so a retry or a resume after a crash makes the same file. */
export interface ExportParams {
  fileName: string;
  fragmentIds: number[];
  windows: ClipWindow[];
  /** A visit's feedback film (features/feedback-sessions): the visit whose session it shows. */
  visitId?: number;
}

/** The finished file of export job `id` in the library's derived folder. */
export const exportOutputName = (jobId: number) => `export-${jobId}.mp4`;
const OUTPUT_NAME = /^export-([1-9]\d*)\.mp4$/;

export function insertExportJob(
  db: Db,
  job: { kind: ExportKind; recordingId: number; familyId: number; params: ExportParams; createdBy: number },
  now: string,
): number {
  // family_id lets an erasure find the file; media_sha256 stays empty so the file is not taken for a derivative of the media.
  return insertJob(db, { kind: job.kind, recordingId: job.recordingId, familyId: job.familyId, params: job.params, createdBy: job.createdBy }, now);
}

export function readExportParams(job: Pick<JobRow, 'params_json'>): ExportParams {
  const params = JSON.parse(job.params_json) as Partial<ExportParams>;
  return { fileName: params.fileName ?? 'export.mp4', fragmentIds: params.fragmentIds ?? [], windows: params.windows ?? [] };
}

type ExportRow = Pick<JobRow, 'id' | 'kind' | 'status' | 'recording_id' | 'family_id' | 'params_json' | 'output_file'> & { created_by: number | null };

const EXPORT_SELECT = `SELECT id, kind, status, recording_id, family_id, params_json, output_file, created_by FROM media_jobs`;

export function findExportJob(db: Db, id: number): ExportRow | null {
  const row = db.prepare(`${EXPORT_SELECT} WHERE id = ?`).get(id) as ExportRow | undefined;
  return row && isExportKind(row.kind) ? row : null;
}

/**
 * Whether a viewer may see an export: their own always; someone else's only while every fragment
 * in it is visible to the viewer under the blindness rule (so an export cannot leak a fragment
 * the fragment list would hide).
 */
export function mayViewExport(db: Db, row: ExportRow, viewerId: number): boolean {
  if (row.created_by === viewerId) return true;
  const { fragmentIds } = readExportParams(row);
  if (fragmentIds.length === 0) return false;
  const access = fragmentAccess(db, fragmentIds, viewerId);
  return access.length === fragmentIds.length && access.every((fragment) => fragment.visible);
}

export function toVideoExport(db: Db, row: ExportRow): VideoExport {
  const params = readExportParams(row);
  return {
    job: describeJob(db, row.id)!,
    kind: row.kind as ExportKind,
    fileName: params.fileName,
    downloadUrl: row.status === 'done' && row.output_file ? `/downloads/${row.id}` : null,
    fragmentIds: params.fragmentIds,
  };
}

export function describeExport(db: Db, id: number): VideoExport {
  return toVideoExport(db, findExportJob(db, id)!);
}

/** A recording's exports the viewer may see, newest first. */
export function listExports(db: Db, recordingId: number, viewerId: number): VideoExport[] {
  const rows = db
    .prepare(`${EXPORT_SELECT} WHERE recording_id = ? AND kind IN (${EXPORT_KINDS.map(() => '?').join(', ')}) ORDER BY id DESC LIMIT 200`)
    .all(recordingId, ...EXPORT_KINDS) as ExportRow[];
  return rows.filter((row) => mayViewExport(db, row, viewerId)).map((row) => toVideoExport(db, row));
}

/**
 * The export files of a recording or a family, to delete with it. Job rows go by cascade when a
 * recording or family is deleted, so collect these before the delete and remove them after the commit.
 */
export function exportFilesOf(db: Db, owner: { recordingId: number } | { familyId: number }): string[] {
  const [column, value] = 'recordingId' in owner ? ['recording_id', owner.recordingId] : ['family_id', owner.familyId];
  const rows = db
    .prepare(`SELECT id FROM media_jobs WHERE ${column} = ? AND kind IN (${EXPORT_KINDS.map(() => '?').join(', ')})`)
    .all(value, ...EXPORT_KINDS) as { id: number }[];
  // The name follows from the id, so a job that was still running is covered too.
  return rows.map((row) => exportOutputName(row.id));
}

/**
 * Start-up clean-up: an export file whose job is gone (its recording or family was deleted) or not
 * finished (the app stopped between writing and recording it) is removed, so no family video
 * outlives its record. Runs before the job queue starts.
 */
export function sweepExportFiles(db: Db, library: MediaLibrary): number {
  const done = db.prepare(`SELECT 1 FROM media_jobs WHERE id = ? AND status = 'done' AND output_file = ?`);
  let removed = 0;
  for (const name of readdirSync(library.derivedDir)) {
    const match = OUTPUT_NAME.exec(name);
    if (!match) continue;
    if (done.get(Number(match[1]), name)) continue;
    rmSync(library.derived(name), { force: true });
    removed += 1;
  }
  return removed;
}
