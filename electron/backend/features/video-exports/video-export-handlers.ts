import { AppError, msg } from '../../../../shared/api/envelope';
import type { Fragment } from '../../../../shared/domain/fragments';
import type { HandlerContext, HandlersFor } from '../../handler-context';
import { findRecordingClock, listVisibleFragments, type RecordingClock } from '../fragments/fragment-repository';
import { jobForEvent } from '../media-jobs/job-repository';
import { resolveMediaFile } from '../recordings/media-access';
import { clipFileName, clipWindow, reelFileName, titleLines, type ClipWindow } from './export-plan';
import { describeExport, insertExportJob, listExports, type ExportKind } from './video-export-repository';

const RECORDING_GONE = msg('Deze opname bestaat niet (meer).', 'This recording does not exist (any more).');
/** Longer reels are not a feedback conversation any more, and one ffmpeg run opens one input per fragment. */
export const MAX_REEL_FRAGMENTS = 30;

function viewer(ctx: HandlerContext): number {
  // Dispatch guarantees an actor: every video export method needs a rater.
  return ctx.actor!.id;
}

/**
 * The recording, if a video can be cut from it: its playable file exists, or the job that makes it
 * is still queued or running (export jobs run after it, see nextQueuedJob).
 */
export function requireExportable(ctx: HandlerContext, recordingId: number): RecordingClock {
  const recording = findRecordingClock(ctx.db, recordingId);
  if (!recording) throw new AppError('not_found', RECORDING_GONE);
  if (resolveMediaFile(ctx.db, ctx.services.library, { recordingId, kind: 'video', index: 0 })) return recording;
  const pending = ctx.db
    .prepare(
      `SELECT 1 FROM media_jobs j JOIN recordings r ON r.media_sha256 = j.media_sha256
       WHERE r.id = ? AND j.kind = 'playable' AND j.status IN ('queued', 'running')`,
    )
    .get(recordingId);
  if (!pending) {
    throw new AppError('conflict', msg(
      'Van deze opname is geen afspeelbare versie; daarom kan er geen video van worden gemaakt. Bekijk de taken bij de opname.',
      'There is no playable version of this recording, so no video can be made from it. Look at the recording\'s tasks.',
    ));
  }
  return recording;
}

function windowOf(fragment: Fragment, recording: RecordingClock): ClipWindow {
  return {
    fragmentId: fragment.id,
    ...clipWindow(fragment, recording.durationMs),
    title: titleLines(
      fragment.tags.map((tag) => tag.name),
      fragment.startMs,
    ),
  };
}

function queue(ctx: HandlerContext, recording: RecordingClock, kind: ExportKind, fileName: string, fragments: readonly Fragment[]): number {
  const id = insertExportJob(
    ctx.db,
    {
      kind,
      recordingId: recording.id,
      familyId: recording.familyId,
      createdBy: viewer(ctx),
      params: { fileName, fragmentIds: fragments.map((f) => f.id), windows: fragments.map((f) => windowOf(f, recording)) },
    },
    ctx.now,
  );
  const described = describeExport(ctx.db, id);
  // Only the rater who asked hears of it: in a blind round the export itself would give them away.
  ctx.emit('jobs.changed', jobForEvent(described.job), { raterId: viewer(ctx) });
  return id;
}

export const videoExportHandlers: HandlersFor<'videoExports'> = {
  'videoExports.fragmentClips': ({ recordingId, fragmentIds }, ctx) => {
    const recording = requireExportable(ctx, recordingId);
    // Only what the fragment list would show this rater: their own, and others' only outside a blind round.
    const visible = new Map(listVisibleFragments(ctx.db, recordingId, viewer(ctx)).map((f) => [f.id, f]));
    const unknown = fragmentIds.filter((id) => !visible.has(id));
    if (unknown.length > 0) {
      throw new AppError(
        'not_found',
        unknown.length === 1
          ? msg(
            `Fragment ${unknown[0]} bestaat niet (meer) in deze opname. Er is niets gemaakt.`,
            `Fragment ${unknown[0]} does not exist (any more) in this recording. Nothing has been made.`,
          )
          : msg(
              `${unknown.length} gekozen fragmenten bestaan niet (meer) in deze opname. Er is niets gemaakt.`,
              `${unknown.length} chosen fragments do not exist (any more) in this recording. Nothing has been made.`,
            ),
        { fragmentIds: msg('Kies fragmenten van deze opname.', 'Choose fragments of this recording.') },
      );
    }
    const chosen = fragmentIds.map((id) => visible.get(id)!).sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs || a.id - b.id);
    const ids = chosen.map((fragment) =>
      queue(ctx, recording, 'fragment_clip', clipFileName(recording.familyCode, recording.recordedOn, fragment.id, fragment.startMs), [fragment]),
    );
    ctx.logFamilyAccess(recording.familyId, `opname ${recordingId}: fragment ${chosen.map((f) => f.id).join(', ')} als video`);
    ctx.afterCommit(() => ctx.services.jobs.wake());
    return ids.map((id) => describeExport(ctx.db, id));
  },

  'videoExports.feedbackReel': ({ recordingId }, ctx) => {
    const recording = requireExportable(ctx, recordingId);
    const fragments = listVisibleFragments(ctx.db, recordingId, viewer(ctx), { forFeedback: true });
    if (fragments.length === 0) throw new AppError('conflict', msg('Er zijn geen fragmenten gemarkeerd voor videofeedback.', 'No fragments are marked for video feedback.'));
    if (fragments.length > MAX_REEL_FRAGMENTS) {
      throw new AppError(
        'invalid_input',
        msg(
          `Er zijn ${fragments.length} fragmenten gemarkeerd voor videofeedback; een feedbackfilm kan er hoogstens ${MAX_REEL_FRAGMENTS} bevatten. Haal bij een paar fragmenten het vinkje "voor videofeedback" weg.`,
          `${fragments.length} fragments are marked for video feedback; a feedback film can hold at most ${MAX_REEL_FRAGMENTS}. Untick "for video feedback" on a few fragments.`,
        ),
      );
    }
    const id = queue(ctx, recording, 'reel', reelFileName(recording.familyCode, recording.recordedOn), fragments);
    ctx.logFamilyAccess(recording.familyId, `opname ${recordingId}: feedbackfilm met ${fragments.length} fragment${fragments.length === 1 ? '' : 'en'}`);
    ctx.afterCommit(() => ctx.services.jobs.wake());
    return describeExport(ctx.db, id);
  },

  'videoExports.list': ({ recordingId }, ctx) => {
    const recording = findRecordingClock(ctx.db, recordingId);
    if (!recording) throw new AppError('not_found', RECORDING_GONE);
    ctx.logFamilyAccess(recording.familyId, `opname ${recordingId}`);
    return listExports(ctx.db, recordingId, viewer(ctx));
  },
};
