/**
 * Feedback reel benchmark: a reel of 10 fragments (~5 s each, spread over a generated 2-minute
 * 1080p25 H.264 clip) made by the app (request → job done, through the real queue) against the
 * bare ffmpeg command with the same arguments the app's builder produces, run directly.
 * The clip length can be changed with BENCH_REEL_CLIP_S.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createBackend } from '../../electron/backend/create-backend';
import { exportPieces } from '../../electron/backend/features/video-exports/export-plan';
import { findExportJob, readExportParams } from '../../electron/backend/features/video-exports/video-export-repository';
import { resolveMediaFile } from '../../electron/backend/features/recordings/media-access';
import { buildExportJob } from '../../electron/backend/media/export-jobs';
import { getDefaultBinaries } from '../../electron/backend/media/ffmpeg-binaries';
import { probeMedia } from '../../electron/backend/media/probe';
import { findTitleFont } from '../../electron/backend/media/title-font';
import { makeClip } from '../fixtures/clips';
import { signInAs, createRater, localClient } from '../integration/support/temp-backend';

type Print = (name: string, value: number) => void;
const ROOT = resolve(import.meta.dirname, '../..');
const FRAGMENTS = 10;
const FRAGMENT_MS = 5000;

export async function runReelBench(print: Print): Promise<void> {
  const clipS = Number(process.env.BENCH_REEL_CLIP_S ?? 120);
  const clip = await makeClip({ durationS: clipS, width: 1920, height: 1080, fps: 25, vcodec: 'h264', acodec: 'aac', container: 'mp4' }, { timeoutMs: 15 * 60_000 });
  const dataDir = mkdtempSync(join(tmpdir(), 'afstemming-bench-reel-'));
  const backend = createBackend({ dataDir, migrationsDir: join(ROOT, 'migrations'), appVersion: 'bench', onInternalError: () => undefined });
  try {
    const client = localClient(backend);
    const api = client.api;
    const rater = await createRater(api, { name: 'Bench', initials: 'BE', role: 'coordinator' });
    await signInAs(api, rater.id);
    const family = await api.call('families.create', { code: 'OB-BENCH', babyBirthMonth: '2026-01', referralDate: '2026-02-01', caregivers: [{ role: 'moeder', label: 'moeder' }] });
    const visit = await api.call('visits.add', { familyId: family.id, date: '2026-03-01', phase: 'introductie' });
    const upload = await backend.media.receiveUpload(createReadStream(clip, { highWaterMark: 4 * 1024 * 1024 }), basename(clip), client.caller);
    if (!upload.ok) throw new Error(upload.error.message);
    const recording = await api.call('recordings.importUpload', {
      uploadId: upload.value.uploadId,
      familyId: family.id,
      visitId: visit.id,
      caregiverIds: [family.caregivers[0]!.id],
      activity: 'spelen',
      moment: 'voormeting',
      recordedOn: '2026-03-01',
    });
    // Sprite and peaks first, so the queue is empty when the measurement starts.
    await backend.services.jobs.whenIdle();
    const tag = await api.call('tags.create', { name: 'Sensitief reageren', color: '#009e73' });
    const step = (clipS * 1000 - FRAGMENT_MS) / (FRAGMENTS - 1);
    for (let i = 0; i < FRAGMENTS; i += 1) {
      const startMs = Math.round(i * step);
      await api.call('fragments.create', { recordingId: recording.id, startMs, endMs: startMs + FRAGMENT_MS, tagIds: [tag.id], forFeedback: true });
    }

    const started = performance.now();
    const reel = await api.call('videoExports.feedbackReel', { recordingId: recording.id });
    await backend.services.jobs.whenIdle();
    const reelMs = performance.now() - started;
    const done = findExportJob(backend.db, reel.job.id);
    if (done?.status !== 'done') throw new Error(`reel job ended ${done?.status ?? 'missing'}`);

    // The bare command: exactly the arguments the executor builds, without the queue, the probes or the final check.
    const file = resolveMediaFile(backend.db, backend.services.library, { recordingId: recording.id, kind: 'video', index: 0 })!;
    const probe = await probeMedia(file.path);
    const pieces = exportPieces(readExportParams(done).windows, probe.video!.frameRate!.rational, probe.durationMs, true);
    const output = join(dataDir, 'bare-reel.mp4');
    const job = buildExportJob(probe, pieces, output, { fontFile: await findTitleFont(), label: 'de feedbackfilm' });
    const { ffmpeg } = await getDefaultBinaries();
    const bareStarted = performance.now();
    const result = spawnSync(ffmpeg.path, ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', ...job.args, `file:${output}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    const bareMs = performance.now() - bareStarted;
    if (result.status !== 0) throw new Error(`bare ffmpeg failed: ${result.stderr?.toString().slice(-500)}`);

    print('reel_fragments', FRAGMENTS);
    print('reel_output_ms', job.durationMs ?? 0);
    print('reel_ms', Math.round(reelMs));
    print('bare_reel_ms', Math.round(bareMs));
    print('reel_vs_ffmpeg', reelMs / bareMs);
  } finally {
    backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
