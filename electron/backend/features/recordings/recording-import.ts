import { createReadStream, existsSync, rmSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { extname } from 'node:path';
import { AppError, msg } from '../../../../shared/api/envelope';
import type { Recording } from '../../../../shared/domain/entities';
import type { RecordingImportInput } from '../../../../shared/api/areas/recording-methods';
import type { HandlerContext } from '../../handler-context';
import { commitPartial, syncFile } from '../../media/atomic-file';
import { copyIntoTemp, type CopiedFile } from '../../media-library';
import { appendAccess } from '../access-log/access-log-repository';
import { assertDateInFamilyTime } from '../families/family-dates';
import { familyExists } from '../families/family-repository';
import { insertJob } from '../media-jobs/job-repository';
import { inspectForImport, type ImportInspection } from './media-decision';
import { caregiversBelongTo, findRecording, setRecordingCaregivers, visitBelongsTo } from './recording-repository';
import { sanitizeOriginalName } from './original-name';

/** Refuses metadata that does not fit the family before any byte is copied. */
export function assertImportTarget(ctx: HandlerContext, input: RecordingImportInput): void {
  if (!familyExists(ctx.db, input.familyId)) throw new AppError('not_found', msg('Dit gezin bestaat niet (meer).', 'This family does not exist (any more).'));
  if (!visitBelongsTo(ctx.db, input.familyId, input.visitId)) {
    throw new AppError('invalid_input', msg('Dit huisbezoek hoort bij een ander gezin; een opname hoort bij een huisbezoek van haar eigen gezin. Er is niets gewijzigd.', 'This home visit belongs to another family; a recording belongs to a visit of its own family. Nothing has been changed.'), { visitId: msg('Kies een huisbezoek van dit gezin.', 'Choose a home visit of this family.') });
  }
  if (!caregiversBelongTo(ctx.db, input.familyId, input.caregiverIds)) {
    throw new AppError('invalid_input', msg('Een gekozen ouder/verzorger hoort niet bij dit gezin.', 'A chosen parent/caregiver does not belong to this family.'), { caregiverIds: msg('Kies ouders van dit gezin.', 'Choose parents of this family.') });
  }
  assertDateInFamilyTime(ctx.db, input.familyId, input.recordedOn, 'Een opname', 'recordedOn');
}

/** Imports a file the desktop shell's native dialog returned: never a FIFO, device or folder. */
export async function importRecordingFromPath(ctx: HandlerContext, input: RecordingImportInput, path: string): Promise<Recording> {
  assertImportTarget(ctx, input);
  const stat = await lstat(path).catch(() => null);
  if (!stat || !stat.isFile()) throw new AppError('invalid_input', msg(
    'Dit is geen gewoon bestand (bijvoorbeeld een map, snelkoppeling of apparaat).',
    'This is not an ordinary file (but, for example, a folder, shortcut or device).',
  ));
  const copied = await copyIntoTemp(ctx.services.library, createReadStream(path, { highWaterMark: 4 * 1024 * 1024 }));
  return finishImport(ctx, input, copied, sanitizeOriginalName(path));
}

const SAFE_EXTENSION = /^\.[a-z0-9]{1,5}$/;

/**
 * The second half of every import: the bytes are already in the library's temp folder, hashed and
 * synced. Inspect them, move them into place under their hash (once per distinct file), and only
 * then write the rows and queue the media jobs, all in one transaction.
 */
export async function finishImport(ctx: HandlerContext, input: RecordingImportInput, copied: CopiedFile, originalName: string): Promise<Recording> {
  const { library, jobs } = ctx.services;
  let movedTo: string | null = null;
  try {
    assertImportTarget(ctx, input);
    if (copied.size === 0) throw new AppError('invalid_input', msg('Het bestand is leeg (0 bytes).', 'The file is empty (0 bytes).'));
    // Flush the bytes to disk while ffprobe reads them: the commit below then finds nothing left to sync.
    const [inspection] = await Promise.all([inspectForImport(copied.path), syncFile(copied.path)]);

    const extension = extname(originalName).toLowerCase();
    const fileName = `${copied.sha256}${SAFE_EXTENSION.test(extension) ? extension : ''}`;
    const known = ctx.db.prepare('SELECT file_name FROM media_files WHERE sha256 = ?').get(copied.sha256) as { file_name: string } | undefined;
    const finalPath = library.original(known?.file_name ?? fileName);
    if (known && existsSync(finalPath)) rmSync(copied.path, { force: true });
    else {
      await commitPartial(copied.path, finalPath);
      movedTo = known ? null : finalPath;
    }

    const recordingId = ctx.db.transaction(() => {
      ctx.db
        .prepare('INSERT OR IGNORE INTO media_files (sha256, file_name, size, probe_json, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(copied.sha256, known?.file_name ?? fileName, copied.size, JSON.stringify(inspection.probe), ctx.now);
      const id = Number(
        ctx.db
          .prepare(
            `INSERT INTO recordings (family_id, visit_id, media_sha256, original_name, activity, moment, recorded_on, playback_plan,
               plan_reason, duration_ms, fps_num, fps_den, width, height, notes, created_at, created_by)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            input.familyId,
            input.visitId,
            copied.sha256,
            sanitizeOriginalName(originalName),
            input.activity,
            input.moment,
            input.recordedOn,
            inspection.plan,
            inspection.reason,
            inspection.durationMs,
            inspection.fpsNum,
            inspection.fpsDen,
            inspection.width,
            inspection.height,
            input.notes ?? '',
            ctx.now,
            ctx.actor?.id ?? null,
          ).lastInsertRowid,
      );
      setRecordingCaregivers(ctx.db, id, input.caregiverIds);
      queueMissingDerivatives(ctx, copied.sha256, inspection, input.familyId);
      appendAccess(ctx.db, {
        at: ctx.now,
        rater: ctx.actor,
        familyId: input.familyId,
        action: 'recording.import',
        outcome: 'ok',
        detail: `opname ${id}: ${inspection.plan}, ${Math.round(inspection.durationMs / 1000)} s`,
      });
      return id;
    }).immediate();
    movedTo = null;
    jobs.wake();
    ctx.emit('data.changed', { area: 'recordings', id: recordingId });
    return findRecording(ctx.db, recordingId, ctx.actor)!;
  } catch (error) {
    rmSync(copied.path, { force: true });
    // A file we moved in for this import only must not outlive a refused import.
    if (movedTo && !ctx.db.prepare('SELECT 1 FROM media_files WHERE file_name = ?').get(movedTo.split(/[\\/]/).pop())) rmSync(movedTo, { force: true });
    throw error;
  }
}

/** Derived files follow the media file: a clip imported twice is processed once. */
function queueMissingDerivatives(ctx: HandlerContext, sha256: string, inspection: ImportInspection, familyId: number): void {
  const kinds = [
    ...(inspection.plan === 'as_is' ? [] : ['playable']),
    ...(inspection.playback.peaks ? ['peaks'] : []),
    'sprite',
    ...(inspection.playback.upgrade ? ['playable_upgrade'] : []),
  ];
  const derivativeExists = ctx.db.prepare('SELECT 1 FROM media_derivatives WHERE media_sha256 = ? AND kind = ?');
  const jobPending = ctx.db.prepare(`SELECT 1 FROM media_jobs WHERE media_sha256 = ? AND kind = ? AND status IN ('queued', 'running', 'done')`);
  for (const kind of kinds) {
    // An upgrade has no derivative kind of its own (it replaces 'playable'): its finished job is the mark.
    const made = kind === 'playable_upgrade' ? jobPending.get(sha256, kind) : derivativeExists.get(sha256, kind) ?? ctx.db.prepare(`SELECT 1 FROM media_jobs WHERE media_sha256 = ? AND kind = ? AND status IN ('queued', 'running')`).get(sha256, kind);
    if (!made) insertJob(ctx.db, { kind, mediaSha256: sha256, familyId, params: { playback: inspection.playback }, createdBy: ctx.actor?.id ?? null }, ctx.now);
  }
}
