/**
 * Video benchmarks (issue "Video"): import and proxy speed against the bare tools measured in the
 * same run, and seek/frame-step behaviour in Chromium on what the player really plays.
 * Clips are 15 minutes by default (BENCH_CLIP_MINUTES to change), generated once and cached.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, fsyncSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createBackend, type Backend } from '../../electron/backend/create-backend';
import { getDefaultBinaries } from '../../electron/backend/media/ffmpeg-binaries';
import { buildPlaybackJob } from '../../electron/backend/media/ffmpeg-jobs';
import { inspectForImport } from '../../electron/backend/features/recordings/media-decision';
import { startWebHost } from '../../electron/web/web-host';
import { chromiumExecutable } from '../e2e/chromium';
import { makeClip } from '../fixtures/clips';
import { signInAs, createRater, localClient } from '../integration/support/temp-backend';
import { openSignedInPage } from './signed-in-page';

type Print = (name: string, value: number) => void;
const ROOT = resolve(import.meta.dirname, '../..');

function timeCommand(command: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr?.toString().slice(-500)}`);
  return performance.now() - started;
}

async function setUp() {
  const dataDir = mkdtempSync(join(tmpdir(), 'afstemming-bench-video-'));
  const backend = createBackend({ dataDir, migrationsDir: join(ROOT, 'migrations'), appVersion: 'bench', onInternalError: () => undefined });
  const client = localClient(backend);
  const api = client.api;
  const rater = await createRater(api, { name: 'Bench', initials: 'BE', role: 'coordinator' });
  await signInAs(api, rater.id);
  const family = await api.call('families.create', { code: 'OB-BENCH', babyBirthMonth: '2026-01', referralDate: '2026-02-01', caregivers: [{ role: 'moeder', label: 'moeder' }] });
  const visit = await api.call('visits.add', { familyId: family.id, date: '2026-03-01', phase: 'introductie' });
  // Ten minutes of transcoding without keyboard or mouse lock the workstation; the rater signs in again.
  const signIn = () => signInAs(api, rater.id);
  const importClip = async (path: string) => {
    await signIn();
    const upload = await backend.media.receiveUpload(createReadStream(path, { highWaterMark: 4 * 1024 * 1024 }), basename(path), client.caller);
    if (!upload.ok) throw new Error(upload.error.message);
    return api.call('recordings.importUpload', {
      uploadId: upload.value.uploadId,
      familyId: family.id,
      visitId: visit.id,
      caregiverIds: [family.caregivers[0]!.id],
      activity: 'spelen',
      moment: 'voormeting',
      recordedOn: '2026-03-01',
    });
  };
  return { dataDir, backend, api, rater, family, signIn, importClip, close: () => (backend.close(), rmSync(dataDir, { recursive: true, force: true })) };
}

/**
 * This machine is a VM whose host charges the first touch of every guest memory page: the first
 * `cp` of the 1.75 GB clip took 6.2 s of kernel time here, every later one 0.5 s. Whoever writes
 * first (the app's copy, or the bare ffmpeg's output) would pay that alone, so before anything is
 * timed a scratch file as large as everything the run writes is written, synced and deleted, and
 * every contender runs on memory the kernel has handed out before.
 */
function touchPageCache(bytes: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'afstemming-bench-warm-'));
  const chunk = Buffer.alloc(8 * 1024 * 1024, 1);
  const fd = openSync(join(dir, 'scratch'), 'w');
  try {
    for (let written = 0; written < bytes; written += chunk.length) writeSync(fd, chunk);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits until the recording's playable version exists (a remux or proxy job has finished). */
async function untilPlayable(backend: Backend, recordingId: number): Promise<void> {
  for (;;) {
    const row = backend.db
      .prepare(
        `SELECT j.status, j.error FROM media_jobs j JOIN recordings r ON r.media_sha256 = j.media_sha256
         WHERE r.id = ? AND j.kind = 'playable'`,
      )
      .get(recordingId) as { status: string; error: string | null } | undefined;
    if (!row || row.status === 'done') return;
    if (row.status === 'failed' || row.status === 'cancelled') throw new Error(`playable job ${row.status}: ${row.error}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The bare ffmpeg command with exactly the arguments the app's job uses. */
async function bareFfmpegMs(path: string): Promise<number> {
  const inspection = await inspectForImport(path);
  const out = join(mkdtempSync(join(tmpdir(), 'afstemming-bare-')), 'out.mp4');
  const job = buildPlaybackJob(inspection.probe, inspection.playback, out)!;
  const { ffmpeg } = await getDefaultBinaries();
  const ms = timeCommand(ffmpeg.path, ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', ...job.args, out]);
  rmSync(out, { force: true });
  return ms;
}

/**
 * The bare tools (sha256sum, then ffmpeg with the app's own arguments) against the app's import
 * until its playable version exists, on the same file in the same run.
 */
async function againstBareTools(bench: Awaited<ReturnType<typeof setUp>>, clip: string) {
  const bareMs = timeCommand('sha256sum', [clip]) + (await bareFfmpegMs(clip));
  const started = performance.now();
  const recording = await bench.importClip(clip);
  await untilPlayable(bench.backend, recording.id);
  return { recording, appMs: performance.now() - started, bareMs };
}

function assertRendererBuilt(): void {
  if (!existsSync(join(ROOT, 'renderer/dist/index.html'))) throw new Error('The player figures need the built renderer: run `npm run build:renderer` first.');
}

/** Seeks and frame steps in Chromium on what the recording's player plays; `suffix` names the figures. */
async function measurePlayer(backend: Backend, raterId: number, recordingId: number, fps: number, print: Print, suffix = ''): Promise<void> {
  assertRendererBuilt();
  const host = await startWebHost({ backend, staticDir: join(ROOT, 'renderer/dist') });
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await openSignedInPage(page, host, raterId);
    await page.goto(`${host.origin}/#/recordings/${recordingId}`);
    await page.waitForSelector('[data-player-ready="true"]', { timeout: 60_000 });
    // A string, not a function: tsx would wrap inner functions in a `__name` helper the page lacks.
    const seeks = (await page.evaluate(`(async () => {
      const video = document.querySelector('video');
      let seed = 12345;
      const times = [];
      for (let i = 0; i < 50; i += 1) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const target = (seed / 2147483648) * (video.duration - 1);
        const started = performance.now();
        await new Promise((done) => {
          video.addEventListener('seeked', () => done(), { once: true });
          video.currentTime = target;
        });
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b);
    })()`)) as number[];
    print(`seek_p95_ms${suffix}`, seeks[Math.ceil(0.95 * seeks.length) - 1]!);

    // 100 single-frame steps with the player's own key, from a random place; each must present the intended frame.
    await page.evaluate(`(() => { const video = document.querySelector('video'); video.currentTime = video.duration / 3; })()`);
    await page.waitForTimeout(500);
    await page.keyboard.press('ArrowRight');
    let exact = 0;
    const presented = async () => Math.round(Number(await page.locator('[data-presented-time]').getAttribute('data-presented-time')) * fps);
    await page.waitForTimeout(300);
    let expected = await presented();
    for (let step = 0; step < 100; step += 1) {
      expected += 1;
      await page.keyboard.press('ArrowRight');
      const deadline = Date.now() + 2000;
      let frame = await presented();
      while (frame !== expected && Date.now() < deadline) {
        await page.waitForTimeout(10);
        frame = await presented();
      }
      if (frame === expected) exact += 1;
      else expected = frame;
    }
    print(`frame_steps_exact${suffix}`, exact / 100);
  } finally {
    await browser.close();
    await host.close();
  }
}

/**
 * What a rater waits for: from the click on "Importeren" in the app's own form until the first
 * frame is on screen, whichever shows it first (the dropped file's preview, the recording's player
 * on the part of its playable version that is made, or the finished file). A fresh library, so no
 * earlier import of the same file is reused, and a fresh tab per clip.
 */
async function measureFirstFrames(clips: Partial<Record<Part, string>>, print: Print): Promise<void> {
  const bench = await setUp();
  const host = await startWebHost({ backend: bench.backend, staticDir: join(ROOT, 'renderer/dist') });
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    for (const part of PARTS) {
      const clip = clips[part];
      if (!clip) continue;
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await openSignedInPage(page, host, bench.rater.id);
      await page.goto(`${host.origin}/#/families/${bench.family.id}`);
      await page.getByRole('region', { name: 'Opnamen', exact: true }).getByText('Opname importeren').click();
      const form = page.getByRole('form', { name: 'Opname importeren' });
      await form.getByLabel('Activiteit').selectOption({ label: 'Spelen' });
      await form.getByLabel('Videobestand').setInputFiles(clip);
      const started = performance.now();
      await form.getByRole('button', { name: 'Importeren' }).click();
      // A selector, not a function: the app's CSP forbids the eval that waitForFunction needs.
      await page.locator('[data-presented-time]:not([data-presented-time=""])').first().waitFor({ timeout: 30 * 60_000 });
      print(`first_frame_${part}_ms`, performance.now() - started);
      // The import and its jobs finish before the next clip, so each is measured on its own.
      await page.waitForSelector('h1:has-text("Opname ")', { timeout: 30 * 60_000 });
      await bench.backend.services.jobs.whenIdle();
      await page.close();
    }
  } finally {
    await browser.close();
    await host.close();
    bench.close();
  }
}

const PARTS = ['mp4', 'mts', 'hevc'] as const;
type Part = (typeof PARTS)[number];

/**
 * All three parts by default; BENCH_VIDEO_ONLY=mp4,hevc runs a subset. The player figures come
 * with the HEVC part (its proxy) and the MP4 part (its seek-friendly version, suffix _mp4); each
 * part ends with its first_frame_<part>_ms, measured in the app's UI on a library of its own.
 */
function selectedParts(): Set<Part> {
  const only = process.env.BENCH_VIDEO_ONLY?.split(',').map((part) => part.trim()).filter(Boolean);
  if (!only?.length) return new Set(PARTS);
  const unknown = only.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length) throw new Error(`BENCH_VIDEO_ONLY: unknown part(s) ${unknown.join(', ')}; choose from ${PARTS.join(', ')}`);
  return new Set(only as Part[]);
}

export async function runVideoBench(print: Print): Promise<void> {
  const minutes = Number(process.env.BENCH_CLIP_MINUTES ?? 15);
  const durationS = Math.round(minutes * 60);
  const long = { timeoutMs: 3 * 3600_000 };
  const parts = selectedParts();
  // Fail now rather than after half an hour of transcoding (every part has its first-frame figure).
  assertRendererBuilt();
  print('clip_minutes', minutes);
  const clips: Partial<Record<Part, string>> = {};
  if (parts.has('mp4')) clips.mp4 = await makeClip({ durationS, width: 1920, height: 1080, fps: 30, vcodec: 'h264', acodec: 'aac', container: 'mp4' }, long);
  if (parts.has('mts')) clips.mts = await makeClip({ durationS, width: 1920, height: 1080, fps: 25, vcodec: 'h264', acodec: 'ac3', container: 'mts', interlaced: true }, long);
  if (parts.has('hevc')) clips.hevc = await makeClip({ durationS, width: 1920, height: 1080, fps: 30, vcodec: 'hevc', acodec: 'aac', container: 'mp4' }, long);
  const files = Object.values(clips);

  // Warm the page cache the same way for every contender, so no one pays for the first disk read.
  for (const file of files) timeCommand('sha256sum', [file]);
  touchPageCache(2 * Math.max(...files.map((file) => statSync(file).size)) + 1024 ** 3);

  const bench = await setUp();
  try {
    if (clips.mp4) {
      print('mp4_bytes', statSync(clips.mp4).size);
      const shaMp4 = timeCommand('sha256sum', [clips.mp4]);
      const started = performance.now();
      const asIs = await bench.importClip(clips.mp4);
      const importMp4 = performance.now() - started;
      if (!asIs.playable) throw new Error('the MP4 should play as is');
      print('import_mp4_ms', importMp4);
      print('sha256sum_mp4_ms', shaMp4);
      print('import_mp4_vs_sha256', importMp4 / shaMp4);
      await bench.backend.services.jobs.whenIdle();
      // Plays at once; its keyframes are far apart, so a seek-friendly version replaces it in the background.
      await bench.signIn();
      await measurePlayer(bench.backend, bench.rater.id, asIs.id, 30, print, '_mp4');
    }

    if (clips.mts) {
      const { recording: remuxed, appMs: importMts, bareMs: bareMts } = await againstBareTools(bench, clips.mts);
      print('import_mts_ms', importMts);
      print('bare_mts_ms', bareMts);
      print('import_mts_vs_ffmpeg', importMts / bareMts);
      print('mts_plan_is_remux', remuxed.playbackPlan === 'remux' ? 1 : 0);
      await bench.backend.services.jobs.whenIdle();
    }

    if (clips.hevc) {
      const { recording: proxied, appMs: proxyHevc, bareMs: bareHevc } = await againstBareTools(bench, clips.hevc);
      print('proxy_hevc_ms', proxyHevc);
      print('bare_hevc_ms', bareHevc);
      print('proxy_hevc_vs_ffmpeg', proxyHevc / bareHevc);
      print('proxy_hevc_x_realtime', (durationS * 1000) / proxyHevc);
      await bench.backend.services.jobs.whenIdle();

      // The player plays the proxy of the HEVC clip: that is what a rater seeks in for those files.
      await bench.signIn();
      await measurePlayer(bench.backend, bench.rater.id, proxied.id, 30, print);
    }
  } finally {
    bench.close();
  }
  await measureFirstFrames(clips, print);
}
