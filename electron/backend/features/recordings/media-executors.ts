import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { Db } from '../../db/open-database';
import { buildPlaybackJob, buildSpriteJob, extractAudioPeaks, runFfmpeg } from '../../media/ffmpeg-jobs';
import { MediaError } from '../../media/media-error';
import type { PlaybackPlan } from '../../media/playback-plan';
import type { MediaProbe } from '../../media/probe';
import type { MediaLibrary } from '../../media-library';
import { JobFailure, type JobExecutor } from '../media-jobs/job-queue';
import type { JobRow } from '../media-jobs/job-repository';

interface MediaFileRow {
  file_name: string;
  probe_json: string;
}

/** The stored probe describes the temp file it was made from; point it at the library copy. */
function storedProbe(db: Db, library: MediaLibrary, sha256: string): MediaProbe {
  const row = db.prepare('SELECT file_name, probe_json FROM media_files WHERE sha256 = ?').get(sha256) as MediaFileRow | undefined;
  if (!row) throw new JobFailure('De opname bestaat niet meer.');
  return { ...(JSON.parse(row.probe_json) as MediaProbe), path: library.original(row.file_name) };
}

function recordDerivative(db: Db, sha256: string, kind: string, fileName: string, meta: unknown): void {
  db.prepare(
    `INSERT INTO media_derivatives (media_sha256, kind, file_name, meta_json, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (media_sha256, kind) DO UPDATE SET file_name = excluded.file_name, meta_json = excluded.meta_json, created_at = excluded.created_at`,
  ).run(sha256, kind, fileName, JSON.stringify(meta), new Date().toISOString());
}

/** ffmpeg's own refusals are MediaErrors with a Dutch message; the queue shows them as they are. */
function asJobFailure(error: unknown): never {
  if (error instanceof MediaError) throw new JobFailure(error.message, error.detail);
  throw error;
}

function subject(job: JobRow): string {
  if (!job.media_sha256) throw new JobFailure('Deze taak hoort bij geen opname.');
  return job.media_sha256;
}

/** How each kind of media job is done: the playable version, the thumbnail sprite, the waveform. */
export function mediaJobExecutors({ db, library }: { db: Db; library: MediaLibrary }): Record<string, JobExecutor> {
  return {
    playable: async (job, { signal, onProgress }) => {
      const sha256 = subject(job);
      const probe = storedProbe(db, library, sha256);
      const { playback } = JSON.parse(job.params_json) as { playback: PlaybackPlan };
      const output = library.derived(`${sha256}-playable.mp4`);
      const ffmpegJob = buildPlaybackJob(probe, playback, output);
      if (!ffmpegJob) return () => undefined;
      // The player starts on the fragmented copy while the rest is made (media route /media/<id>/live):
      // a proxy takes a good part of the clip's length, a remux of an hour-long camcorder file a while too.
      await runFfmpeg(ffmpegJob, { signal, onProgress, tempDir: library.tempDir, liveCopy: library.live(sha256) }).catch(asJobFailure);
      return (tx) => recordDerivative(tx, sha256, 'playable', basename(output), { mode: playback.mode });
    },

    // The deinterlaced version replaces the quick remux of a camcorder clip once it is ready.
    playable_upgrade: async (job, { signal, pause, onProgress }) => {
      const sha256 = subject(job);
      const probe = storedProbe(db, library, sha256);
      const { playback } = JSON.parse(job.params_json) as { playback: PlaybackPlan };
      if (!playback.upgrade) return () => undefined;
      const output = library.derived(`${sha256}-playable-progressive.mp4`);
      const ffmpegJob = buildPlaybackJob(probe, playback.upgrade, output)!;
      await runFfmpeg(ffmpegJob, { signal, pause, onProgress, tempDir: library.tempDir }).catch(asJobFailure);
      return (tx) => {
        const previous = tx.prepare(`SELECT file_name FROM media_derivatives WHERE media_sha256 = ? AND kind = 'playable'`).get(sha256) as
          | { file_name: string }
          | undefined;
        recordDerivative(tx, sha256, 'playable', basename(output), { mode: 'proxy', upgraded: true });
        return () => {
          if (previous && previous.file_name !== basename(output)) rmSync(library.derived(previous.file_name), { force: true });
        };
      };
    },

    sprite: async (job, { signal, pause, onProgress }) => {
      const sha256 = subject(job);
      const original = storedProbe(db, library, sha256);
      // Thumbnails from the playable version when there is one: a keyframe every quarter second makes them exact and fast.
      const playable = db.prepare(`SELECT file_name, meta_json FROM media_derivatives WHERE media_sha256 = ? AND kind = 'playable'`).get(sha256) as
        | { file_name: string; meta_json: string }
        | undefined;
      // A proxy has the rotation baked in; a remux keeps the source's rotation metadata.
      const baked = playable && (JSON.parse(playable.meta_json) as { mode?: string }).mode === 'proxy';
      const probe = playable
        ? { ...original, path: library.derived(playable.file_name), video: original.video && (baked ? { ...original.video, rotation: 0 as const } : original.video) }
        : original;
      const { job: ffmpegJob, layout } = buildSpriteJob(probe, (sheet) => library.derived(`${sha256}-sprite-${sheet}.jpg`), {
        // Our own playable versions have a keyframe every quarter second, so keyframes are enough and fast;
        // camera originals can have long or odd keyframe intervals, so decode them fully.
        keyframesOnly: Boolean(playable),
      });
      const result = await runFfmpeg(ffmpegJob, { signal, pause, onProgress, tempDir: library.tempDir }).catch(asJobFailure);
      const files = result.outputs.map((path) => basename(path));
      return (tx) => recordDerivative(tx, sha256, 'sprite', files[0]!, { ...layout, sheets: files.length, files });
    },

    peaks: async (job, { signal, pause, onProgress }) => {
      const sha256 = subject(job);
      const probe = storedProbe(db, library, sha256);
      const output = library.derived(`${sha256}-peaks.json`);
      await extractAudioPeaks(probe, output, { signal, pause, onProgress, tempDir: library.tempDir }).catch(asJobFailure);
      return (tx) => recordDerivative(tx, sha256, 'peaks', basename(output), {});
    },
  };
}
