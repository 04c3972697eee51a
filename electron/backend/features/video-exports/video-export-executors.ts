import { rmSync } from 'node:fs';
import type { Db } from '../../db/open-database';
import { runExport } from '../../media/export-jobs';
import { MediaError } from '../../media/media-error';
import { probeMedia } from '../../media/probe';
import { findTitleFont } from '../../media/title-font';
import type { MediaLibrary } from '../../media-library';
import { JobFailure, type JobExecutor } from '../media-jobs/job-queue';
import { resolveMediaFile } from '../recordings/media-access';
import { exportPieces } from './export-plan';
import { exportOutputName, readExportParams } from './video-export-repository';

function asJobFailure(error: unknown): never {
  if (error instanceof MediaError) throw new JobFailure(error.message, error.detail);
  throw error;
}

/**
 * ffmpeg ends without an error when a damaged source simply runs out of frames; a video that is
 * clearly shorter than planned is a failure (and its file goes), not a finished export.
 */
async function checkComplete(output: string, expectedMs: number, signal: AbortSignal): Promise<void> {
  const made = await probeMedia(output, { signal }).catch(() => null);
  const madeMs = made?.video ? (made.durationMs ?? 0) : 0;
  if (madeMs >= expectedMs - Math.max(250, expectedMs * 0.02)) return;
  rmSync(output, { force: true });
  throw new JobFailure('De video is niet volledig geworden; de opname is waarschijnlijk beschadigd.', `${madeMs} of ${expectedMs} ms`);
}

/**
 * Fragment clips and the feedback reel: both cut from the recording's playable file (what the
 * rater watched and marked), in one ffmpeg run each (a long reel in parts, see runExport). The file is written under a temporary name
 * and renamed only when ffmpeg succeeded, so a failed or cancelled export leaves nothing behind.
 */
export function videoExportExecutors({ db, library }: { db: Db; library: MediaLibrary }): Record<string, JobExecutor> {
  const make =
    (withCards: boolean, label: string): JobExecutor =>
    async (job, { signal, onProgress }) => {
      const params = readExportParams(job);
      if (job.recording_id === null || params.windows.length === 0) throw new JobFailure('Deze export hoort bij geen opname of bevat geen fragmenten.');
      const file = resolveMediaFile(db, library, { recordingId: job.recording_id, kind: 'video', index: 0 });
      if (!file) throw new JobFailure('De opname of de afspeelbare versie ervan bestaat niet (meer). Maak de afspeelbare versie opnieuw en probeer het dan nog eens.');
      // The playable file's own picture size and frame rate: a proxy may differ from the original.
      const probe = await probeMedia(file.path, { signal }).catch(asJobFailure);
      const rate = probe.video?.frameRate?.rational ?? probe.video?.baseFrameRate?.rational;
      if (!rate) throw new JobFailure('De beeldsnelheid van deze opname is onbekend; exporteren lukt niet.');
      const pieces = exportPieces(params.windows, rate, probe.durationMs, withCards);
      const output = library.derived(exportOutputName(job.id));
      const fontFile = withCards ? await findTitleFont() : null;
      const runs = await runExport(probe, pieces, output, { fontFile, label, signal, onProgress, tempDir: library.tempDir }).catch(asJobFailure);
      await checkComplete(output, runs.at(-1)?.durationMs ?? 0, signal);
      return (tx) => {
        // The recording (and with it this job) may have been deleted while ffmpeg ran: then the file must go too.
        if (!tx.prepare('SELECT 1 FROM media_jobs WHERE id = ?').get(job.id)) return () => rmSync(output, { force: true });
        tx.prepare('UPDATE media_jobs SET output_file = ? WHERE id = ?').run(exportOutputName(job.id), job.id);
      };
    };
  return {
    fragment_clip: make(false, 'het fragment als video'),
    reel: make(true, 'de feedbackfilm'),
  };
}
