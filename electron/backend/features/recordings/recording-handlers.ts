import { assertDateInFamilyTime } from '../families/family-dates';
import { rmSync } from 'node:fs';
import { AppError, msg } from '../../../../shared/api/envelope';
import type { Recording } from '../../../../shared/domain/entities';
import type { HandlerContext, HandlersFor } from '../../handler-context';
import { familyExists } from '../families/family-repository';
import { describeJob, findJob, listJobs, mayViewJob, type JobRow } from '../media-jobs/job-repository';
import { exportFilesOf } from '../video-exports/video-export-repository';
import { finishImport, importRecordingFromPath } from './recording-import';
import {
  caregiversBelongTo,
  findRecording,
  findRecordingRow,
  listRecordings,
  mediaFilesOf,
  mediaStillUsed,
  savePosition,
  setRecordingCaregivers,
  updateRecordingFields,
  visitBelongsTo,
} from './recording-repository';

const RECORDING_GONE = msg('Deze opname bestaat niet (meer).', 'This recording does not exist (any more).');
const JOB_GONE = msg('Deze taak bestaat niet (meer).', 'This task does not exist (any more).');

/** Another rater's export is answered as if it did not exist: even its existence is theirs. */
function findVisibleJob(ctx: HandlerContext, id: number): JobRow {
  const job = findJob(ctx.db, id);
  if (!job || !mayViewJob(job, ctx.actor!.id)) throw new AppError('not_found', JOB_GONE);
  return job;
}

function logJob(ctx: HandlerContext, job: JobRow, what: string): void {
  const detail = `taak ${job.id} (${job.kind}) ${what}`;
  if (job.family_id !== null) ctx.logFamilyAccess(job.family_id, detail);
  else ctx.logTeamAccess(detail);
}

function listRecordingExportJobIds(db: HandlerContext['db'], recordingId: number): number[] {
  return (db.prepare(`SELECT id FROM media_jobs WHERE recording_id = ? AND status IN ('queued', 'running')`).all(recordingId) as { id: number }[]).map((row) => row.id);
}

function requireRow(ctx: HandlerContext, id: number) {
  const row = findRecordingRow(ctx.db, id);
  if (!row) throw new AppError('not_found', RECORDING_GONE);
  return row;
}

function load(ctx: HandlerContext, id: number): Recording {
  return findRecording(ctx.db, id, ctx.actor)!;
}

export const recordingHandlers: HandlersFor<'recordings'> = {
  'recordings.list': ({ familyId }, ctx) => {
    if (!familyExists(ctx.db, familyId)) throw new AppError('not_found', msg('Dit gezin bestaat niet (meer).', 'This family does not exist (any more).'));
    ctx.logFamilyAccess(familyId);
    return listRecordings(ctx.db, familyId, ctx.actor);
  },

  'recordings.get': ({ id }, ctx) => {
    const row = requireRow(ctx, id);
    ctx.logFamilyAccess(row.family_id, `opname ${id}`);
    return load(ctx, id);
  },

  'recordings.update': ({ id, caregiverIds, ...fields }, ctx) => {
    const row = requireRow(ctx, id);
    if (fields.recordedOn !== undefined) assertDateInFamilyTime(ctx.db, row.family_id, fields.recordedOn, 'Een opname', 'recordedOn');
    if (fields.visitId !== undefined && !visitBelongsTo(ctx.db, row.family_id, fields.visitId)) {
      throw new AppError('invalid_input', msg('Dit huisbezoek hoort bij een ander gezin; een opname hoort bij een huisbezoek van haar eigen gezin. Er is niets gewijzigd.', 'This home visit belongs to another family; a recording belongs to a visit of its own family. Nothing has been changed.'), { visitId: msg('Kies een huisbezoek van dit gezin.', 'Choose a home visit of this family.') });
    }
    if (caregiverIds !== undefined) {
      if (!caregiversBelongTo(ctx.db, row.family_id, caregiverIds)) {
        throw new AppError('invalid_input', msg('Een gekozen ouder/verzorger hoort niet bij dit gezin.', 'A chosen parent/caregiver does not belong to this family.'), { caregiverIds: msg('Kies ouders van dit gezin.', 'Choose parents of this family.') });
      }
      setRecordingCaregivers(ctx.db, id, caregiverIds);
    }
    updateRecordingFields(ctx.db, id, fields);
    ctx.logFamilyAccess(row.family_id, `opname ${id}: ${Object.keys({ ...fields, ...(caregiverIds ? { caregiverIds } : {}) }).join(', ')}`);
    ctx.emit('data.changed', { area: 'recordings', id });
    return load(ctx, id);
  },

  'recordings.remove': ({ id }, ctx) => {
    const row = requireRow(ctx, id);
    // Fragment clips and reels of this recording go with it (their job rows cascade away below).
    const exportFiles = exportFilesOf(ctx.db, { recordingId: id });
    const exportJobs = listRecordingExportJobIds(ctx.db, id);
    ctx.db.prepare('DELETE FROM recordings WHERE id = ?').run(id);
    const { library: exportLibrary, jobs: exportQueue } = ctx.services;
    ctx.afterCommit(() => {
      for (const jobId of exportJobs) exportQueue.cancel(jobId);
      for (const name of exportFiles) rmSync(exportLibrary.derived(name), { force: true });
    });
    if (!mediaStillUsed(ctx.db, row.media_sha256)) {
      // Files go only after the commit: a rollback must never leave a row without its file.
      const files = mediaFilesOf(ctx.db, row.media_sha256);
      const jobIds = listJobs(ctx.db, { mediaSha256: row.media_sha256, includeFinished: false }).map((job) => job.id);
      ctx.db.prepare('DELETE FROM media_files WHERE sha256 = ?').run(row.media_sha256);
      const { library, jobs } = ctx.services;
      ctx.afterCommit(() => {
        for (const jobId of jobIds) jobs.cancel(jobId);
        if (files.original) rmSync(library.original(files.original), { force: true });
        for (const name of files.derived) rmSync(library.derived(name), { force: true });
      });
    }
    ctx.logFamilyAccess(row.family_id, `opname ${id} (${row.recorded_on}, ${row.activity}) verwijderd`);
    ctx.emit('data.changed', { area: 'recordings', id });
    return { removed: true };
  },

  'recordings.savePosition': ({ id, positionMs }, ctx) => {
    const row = requireRow(ctx, id);
    savePosition(ctx.db, id, ctx.actor!.id, Math.min(positionMs, row.duration_ms), ctx.now);
    return { saved: true };
  },

  'recordings.importUpload': async ({ uploadId, ...input }, ctx) => {
    const upload = ctx.services.uploads.take(uploadId);
    if (!upload) throw new AppError('not_found', msg(
      'Deze upload bestaat niet (meer). Kies het bestand opnieuw.',
      'This upload does not exist (any more). Choose the file again.',
    ));
    return finishImport(ctx, input, upload, upload.originalName);
  },

  'recordings.importFromDialog': async (input, ctx) => {
    const pick = ctx.services.ports.pickVideoFiles;
    if (!pick) {
      throw new AppError('unavailable', msg(
        'Het bestandsvenster bestaat alleen in de desktop-app. Gebruik hier "Bestand kiezen" of sleep een video in het venster.',
        'The file dialog only exists in the desktop app. Use "Choose file" here or drag a video into the window.',
      ));
    }
    const paths = await pick();
    const imported: Recording[] = [];
    for (const path of paths) imported.push(await importRecordingFromPath(ctx, input, path));
    return imported;
  },
};

export const jobHandlers: HandlersFor<'jobs'> = {
  // Jobs carry their family's code, so every answer is logged (the job events carry no code).
  'jobs.list': ({ recordingId, includeFinished }, ctx) => {
    if (recordingId === undefined) {
      // The header's panel: jobs of any family, a list across families (one row without a family).
      ctx.logTeamAccess('takenlijst');
      return listJobs(ctx.db, { includeFinished: includeFinished ?? false, viewerId: ctx.actor!.id }).map((job) => ctx.services.jobs.withPause(job));
    }
    const row = requireRow(ctx, recordingId);
    ctx.logFamilyAccess(row.family_id, `opname ${recordingId}: taken`);
    return listJobs(ctx.db, { mediaSha256: row.media_sha256, includeFinished: includeFinished ?? true, viewerId: ctx.actor!.id }).map((job) => ctx.services.jobs.withPause(job));
  },

  'jobs.cancel': ({ id }, ctx) => {
    const job = findVisibleJob(ctx, id);
    if (job.status !== 'queued' && job.status !== 'running') throw new AppError('conflict', msg('Deze taak loopt niet meer.', 'This task is no longer running.'));
    logJob(ctx, job, 'geannuleerd');
    // The queue updates the job itself (a running job stops asynchronously).
    ctx.afterCommit(() => ctx.services.jobs.cancel(id));
    return describeJob(ctx.db, id)!;
  },

  'jobs.retry': ({ id }, ctx) => {
    const job = findVisibleJob(ctx, id);
    if (job.status !== 'failed' && job.status !== 'cancelled') throw new AppError('conflict', msg(
      'Alleen een mislukte of geannuleerde taak kan opnieuw.',
      'Only a failed or cancelled task can be retried.',
    ));
    logJob(ctx, job, 'opnieuw gestart');
    ctx.afterCommit(() => ctx.services.jobs.retry(id));
    return describeJob(ctx.db, id)!;
  },
};
