/**
 * Playing while the playable version is made: ffmpeg writes it once and, through its tee muxer, a
 * fragmented copy that grows on disk; the scanner hands out whole fragments only. Also the source
 * damaged halfway, which ffmpeg itself would let through as a short "playable version".
 */
import { copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeSync, closeSync, truncateSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getDefaultBinaries } from '../../electron/backend/media/ffmpeg-binaries';
import { buildPlaybackJob, runFfmpeg, withLiveCopy } from '../../electron/backend/media/ffmpeg-jobs';
import { emptyScan, scanLiveFile } from '../../electron/backend/media/live-fragments';
import { MediaError } from '../../electron/backend/media/media-error';
import { planPlayback } from '../../electron/backend/media/playback-plan';
import { inputUrl, probeMedia } from '../../electron/backend/media/probe';
import { spawnProcess } from '../../electron/backend/media/spawn-process';
import { makeClip } from '../fixtures/clips';

const dir = mkdtempSync(join(tmpdir(), 'afstemming-live-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function frameCount(path: string): Promise<number> {
  const { ffprobe } = await getDefaultBinaries();
  const outcome = await spawnProcess(ffprobe.path, ['-v', 'error', '-count_packets', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', inputUrl(path)], { timeoutMs: 30_000 });
  return Number(outcome.stdout.toString().trim());
}

describe('live copy of a playable version', () => {
  it('also comes with the remux of a camcorder .MTS (H.264 and AAC copied from MPEG-TS), and the remuxed file is unchanged by it', async () => {
    const clip = await makeClip({ durationS: 6, width: 640, height: 360, fps: 25, vcodec: 'h264', acodec: 'aac', container: 'mts', keyframeEvery: 25 });
    const probe = await probeMedia(clip);
    const plan = planPlayback(probe);
    expect(plan).toMatchObject({ mode: 'remux', audio: 'copy' });
    const live = join(dir, 'm.live.mp4');
    const output = join(dir, 'm.mp4');
    let scan = emptyScan();
    await runFfmpeg(buildPlaybackJob(probe, plan, output)!, {
      tempDir: dir,
      liveCopy: live,
      onProgress: () => {
        if (existsSync(live)) scan = scanLiveFile(live, scan);
      },
    });
    expect(existsSync(live)).toBe(false);
    expect(await frameCount(output)).toBe(150);
    const remuxed = await probeMedia(output);
    expect(remuxed.video?.codec).toBe('h264');
    expect(remuxed.audio?.codec).toBe('aac');
    expect(scan.fragments.every((f, i) => i === 0 || f.startMs > scan.fragments[i - 1]!.startMs)).toBe(true);

    // The same tee run by hand, so the copy stays to be read whole: H.264 and AAC a browser's
    // MediaSource accepts, a fragment per keyframe (one a second) over the whole six seconds.
    const kept = join(dir, 'm-kept.live.mp4');
    const { ffmpeg } = await getDefaultBinaries();
    const tee = withLiveCopy(buildPlaybackJob(probe, plan, output)!.args, inputUrl(join(dir, 'm2.mp4')), inputUrl(kept));
    const outcome = await spawnProcess(ffmpeg.path, ['-nostdin', '-v', 'error', '-y', ...tee.args, tee.target], { timeoutMs: 60_000 });
    expect(outcome.exitCode, outcome.stderrTail).toBe(0);
    const whole = scanLiveFile(kept);
    expect(whole.mimeType).toMatch(/^video\/mp4; codecs="avc1\.[0-9a-f]{6}, mp4a\.40\.2"$/);
    expect(whole.fragments.length).toBeGreaterThanOrEqual(5);
    expect(whole.madeMs).toBeGreaterThan(5_500);
    expect(whole.completeBytes).toBe(statSync(kept).size);
  });

  it('grows in whole fragments while the proxy is made, and the finished proxy is the same as without it', async () => {
    const clip = await makeClip({ durationS: 12, width: 640, height: 360, fps: 25, vcodec: 'hevc', acodec: 'aac', container: 'mp4' });
    const probe = await probeMedia(clip);
    const plan = planPlayback(probe);
    expect(plan.mode).toBe('proxy');
    const live = join(dir, 'a.live.mp4');
    const output = join(dir, 'a.mp4');
    const seen: { size: number; complete: number; fragments: number; madeMs: number }[] = [];
    let scan = emptyScan();
    let snapshot = '';
    await runFfmpeg(buildPlaybackJob(probe, plan, output)!, {
      tempDir: dir,
      liveCopy: live,
      onProgress: (fraction) => {
        if (fraction <= 0 || fraction >= 1 || !existsSync(live)) return;
        scan = scanLiveFile(live, scan);
        seen.push({ size: statSync(live).size, complete: scan.completeBytes, fragments: scan.fragments.length, madeMs: scan.madeMs });
        if (!snapshot && scan.fragments.length > 4) {
          snapshot = join(dir, 'snapshot.mp4');
          copyFileSync(live, snapshot);
        }
      },
    });
    // While it ran, whole fragments were there before the end, never more than the file holds.
    expect(seen.some((s) => s.fragments > 0 && s.madeMs < 12_000)).toBe(true);
    for (const s of seen) expect(s.complete).toBeLessThanOrEqual(s.size);
    expect(scan.mimeType).toMatch(/^video\/mp4; codecs="avc1\.64[0-9a-f]{4}, mp4a\.40\.2"$/);
    // The live copy is gone with the job; the proxy has every frame.
    expect(existsSync(live)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('.partial'))).toEqual([]);
    expect(await frameCount(output)).toBe(300);

    // A fragment starts every quarter second (a keyframe each); an incremental scan equals a fresh one.
    const fresh = scanLiveFile(snapshot);
    expect(fresh.fragments.length).toBeGreaterThan(4);
    const gaps = fresh.fragments.slice(1).map((f, i) => f.startMs - fresh.fragments[i]!.startMs);
    for (const gap of gaps) expect(gap).toBeCloseTo(240, -2);
    // Cut inside a fragment: only the whole ones before it count, and a later scan picks up the rest.
    const cut = join(dir, 'cut.mp4');
    copyFileSync(snapshot, cut);
    const third = fresh.fragments[2]!;
    truncateSync(cut, third.offset + Math.floor(third.length / 2));
    const partial = scanLiveFile(cut);
    expect(partial.completeBytes).toBe(third.offset);
    expect(partial.fragments).toHaveLength(2);
    copyFileSync(snapshot, cut);
    const continued = scanLiveFile(cut, partial);
    expect(continued.fragments.map((f) => f.offset)).toEqual(fresh.fragments.map((f) => f.offset));
    expect(continued.completeBytes).toBe(fresh.completeBytes);
  });

  it('refuses a source that is damaged halfway, in Dutch, and leaves neither the proxy nor the live copy', async () => {
    const clip = await makeClip({ durationS: 20, width: 640, height: 360, fps: 25, vcodec: 'hevc', acodec: 'aac', container: 'mp4' });
    const damaged = join(dir, 'damaged.mp4');
    copyFileSync(clip, damaged);
    const size = statSync(damaged).size;
    const fd = openSync(damaged, 'r+');
    writeSync(fd, randomBytes(size - Math.floor(size / 2)), 0, size - Math.floor(size / 2), Math.floor(size / 2));
    closeSync(fd);
    const probe = await probeMedia(damaged);
    const plan = planPlayback(probe);
    const live = join(dir, 'd.live.mp4');
    const output = join(dir, 'd.mp4');
    const error = await runFfmpeg(buildPlaybackJob(probe, plan, output)!, { tempDir: dir, liveCopy: live }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).kind).toBe('damaged');
    expect((error as MediaError).message).toMatch(/^De opname is beschadigd vanaf ongeveer 0:\d\d \(van de 0:20\)/);
    expect(existsSync(output)).toBe(false);
    expect(existsSync(live)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.startsWith('d.'))).toEqual([]);
  });
});
