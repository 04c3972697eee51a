/**
 * The whole media path on generated clips of the kinds families bring in: import (hash + copy),
 * probe, plan, the playable-version job, then sprite and peaks; the result must be H.264 + AAC in
 * an MP4 with the index first, progressive, at a constant rate, with a keyframe every quarter second.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPartialName } from '../../electron/backend/media/atomic-file';
import { getDefaultBinaries } from '../../electron/backend/media/ffmpeg-binaries';
import { buildPlaybackJob, buildSpriteJob, extractAudioPeaks, runFfmpeg, type PeaksFile } from '../../electron/backend/media/ffmpeg-jobs';
import { hashAndCopy } from '../../electron/backend/media/hash-and-copy';
import { MediaError } from '../../electron/backend/media/media-error';
import { planPlayback, type PlaybackMode } from '../../electron/backend/media/playback-plan';
import { inputUrl, isFaststart, probeMedia } from '../../electron/backend/media/probe';
import { sniffMediaFile } from '../../electron/backend/media/sniff';
import { spawnProcess } from '../../electron/backend/media/spawn-process';
import { makeClip, type ClipSpec } from '../fixtures/clips';

const root = mkdtempSync(join(tmpdir(), 'afstemming-pipeline-'));
const originals = join(root, 'originals');
const derived = join(root, 'derived');
mkdirSync(derived, { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Case {
  label: string;
  spec: ClipSpec;
  mode: PlaybackMode;
  shown?: [number, number];
}

const CASES: Case[] = [
  { label: 'H.264 + AAC in MP4', spec: { durationS: 3 }, mode: 'as_is' },
  { label: 'AVCHD-like 1080i H.264 + AC-3 in .mts', spec: { durationS: 2, width: 1920, height: 1080, interlaced: true, acodec: 'ac3', container: 'mts' }, mode: 'remux' },
  { label: 'HEVC in MP4', spec: { durationS: 3, width: 640, height: 360, vcodec: 'hevc' }, mode: 'proxy' },
  { label: 'phone-like VFR, rotated MOV', spec: { durationS: 3, width: 480, height: 270, fps: 30, vfr: true, rotation: 90, container: 'mov' }, mode: 'proxy', shown: [270, 480] },
  { label: 'progressive H.264 + AC-3 in .mts', spec: { durationS: 3, container: 'mts', acodec: 'ac3' }, mode: 'remux' },
];

const clips = new Map<string, string>();
beforeAll(async () => {
  // One after the other: two cores, and each encoder already uses both.
  for (const c of CASES) clips.set(c.label, await makeClip(c.spec));
});

async function ffprobeLines(path: string, args: string[]): Promise<string[]> {
  const { ffprobe } = await getDefaultBinaries();
  const outcome = await spawnProcess(ffprobe.path, ['-v', 'error', ...args, inputUrl(path)], { timeoutMs: 30_000 });
  expect(outcome.exitCode, outcome.stderrTail).toBe(0);
  return outcome.stdout.toString('utf8').split('\n').map((line) => line.trim()).filter(Boolean);
}

const keyframeTimes = async (path: string) =>
  (await ffprobeLines(path, ['-skip_frame', 'nokey', '-select_streams', 'v:0', '-show_entries', 'frame=pts_time', '-of', 'csv=p=0']))
    .map((line) => Number.parseFloat(line))
    .filter(Number.isFinite);

describe.each(CASES)('media pipeline: $label', ({ label, mode, shown }) => {
  it(`imports, plans ${mode}, and ends with a seekable H.264/AAC MP4 plus sprite and peaks`, async () => {
    const source = clips.get(label)!;
    await sniffMediaFile(source);
    const copied = await hashAndCopy(source, originals);
    expect(copied.name).toMatch(/^[0-9a-f]{64}\.(mp4|mov|mts)$/);

    const probe = await probeMedia(copied.path);
    const plan = planPlayback(probe);
    expect(plan.mode, plan.reason).toBe(mode);

    if (plan.upgrade && plan.mode === 'remux') {
      // A quick remux to watch at once, then the deinterlaced or seek-friendly version.
      const quick = await runFfmpeg(buildPlaybackJob(probe, plan, join(derived, `${copied.sha256}-quick.mp4`))!);
      expect(await isFaststart(quick.outputs[0]!)).toBe(true);
      expect((await probeMedia(quick.outputs[0]!)).video?.interlaced).toBe(probe.video!.interlaced);
    }
    const target = plan.upgrade ?? plan;
    const progress: number[] = [];
    const job = buildPlaybackJob(probe, target, join(derived, `${copied.sha256}.mp4`));
    const playable = job ? (await runFfmpeg(job, { onProgress: (fraction) => progress.push(fraction) })).outputs[0]! : copied.path;
    if (job) {
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.every((f) => f >= 0 && f <= 1)).toBe(true);
      expect(progress.at(-1)).toBe(1);
    }

    const out = await probeMedia(playable);
    expect(out.container.family).toBe('mp4');
    expect(await isFaststart(playable)).toBe(true);
    expect(out.video).toMatchObject({ codec: 'h264', pixelFormat: 'yuv420p', interlaced: false, variableFrameRate: false, rotation: 0 });
    expect(out.video!.frameRate?.fps).toBeCloseTo(out.video!.baseFrameRate!.fps, 3);
    expect(out.audio?.codec).toBe('aac');
    expect(Math.abs(out.durationMs! - probe.durationMs!)).toBeLessThan(150);
    // What we made must itself need nothing more.
    expect(planPlayback(out).mode).toBe('as_is');
    expect(planPlayback(out).upgrade, 'our own versions seek fast already').toBeUndefined();
    if (shown) expect([out.video!.displayWidth, out.video!.displayHeight]).toEqual(shown);

    if (target.mode === 'proxy') {
      const keys = await keyframeTimes(playable);
      const gaps = keys.slice(1).map((t, i) => t - keys[i]!);
      expect(keys.length).toBeGreaterThanOrEqual(Math.floor(out.durationMs! / 250));
      expect(Math.max(...gaps)).toBeLessThanOrEqual(0.251);
    }

    const { job: spriteJob, layout } = buildSpriteJob(out, (n) => join(derived, `${copied.sha256}-sprite-${n}.jpg`));
    const sheets = (await runFfmpeg(spriteJob)).outputs;
    expect(sheets).toHaveLength(layout.sheets);
    const [size] = await ffprobeLines(sheets[0]!, ['-show_entries', 'stream=width,height', '-of', 'csv=p=0:s=x']);
    expect(size).toBe(`${layout.columns * layout.tileWidth}x${layout.rows * layout.tileHeight}`);
    if (shown) expect(layout.tileHeight).toBeGreaterThan(layout.tileWidth);

    expect(plan.peaks).toBe(true);
    const peaks = await extractAudioPeaks(out, join(derived, `${copied.sha256}-peaks.json`));
    const stored = JSON.parse(readFileSync(join(derived, `${copied.sha256}-peaks.json`), 'utf8')) as PeaksFile;
    expect(stored).toEqual(peaks);
    expect(stored.bucketMs).toBe(20);
    expect(stored.peaks.length / 2).toBeGreaterThan((out.durationMs! / 20) * 0.9);
    expect(Math.max(...stored.peaks)).toBeGreaterThan(0.05);

    expect(readdirSync(derived).filter(isPartialName)).toEqual([]);
  });
});

describe('media pipeline: cancelling', () => {
  it('stops a proxy mid-job and leaves no half files', async () => {
    const source = await makeClip({ durationS: 10, width: 1280, height: 720, vcodec: 'hevc' });
    const probe = await probeMedia(source);
    const plan = planPlayback(probe);
    const output = join(derived, 'cancelled.mp4');
    const controller = new AbortController();
    const seen: number[] = [];
    const job = buildPlaybackJob(probe, plan, output)!;
    const error = await runFfmpeg(job, {
      signal: controller.signal,
      onProgress: (fraction) => {
        seen.push(fraction);
        if (fraction > 0) controller.abort();
      },
    }).then(
      () => null,
      (e: unknown) => e as MediaError,
    );
    expect(error).toBeInstanceOf(MediaError);
    expect([error!.kind, error!.message]).toEqual(['cancelled', 'Het maken van de afspeelversie is geannuleerd.']);
    expect(seen.some((f) => f > 0 && f < 1)).toBe(true);
    const left = readdirSync(derived);
    expect(left).not.toContain('cancelled.mp4');
    expect(left.filter(isPartialName)).toEqual([]);
  });
});
