import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPartialName } from './atomic-file';
import {
  buildPeaksArgs,
  buildPlaybackJob,
  buildProxyJob,
  buildRemuxJob,
  buildSpriteJob,
  createProgressParser,
  defaultTimeoutMs,
  PeakAccumulator,
  runFfmpeg,
  spriteLayout,
  type FfmpegJob,
} from './ffmpeg-jobs';
import { MediaError } from './media-error';
import { planPlayback } from './playback-plan';
import type { MediaProbe, VideoStreamInfo } from './probe';

const dir = mkdtempSync(join(tmpdir(), 'afstemming-jobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rate = (num: number, den = 1) => ({ rational: { num, den }, fps: num / den });
const baseVideo: VideoStreamInfo = {
  index: 0,
  codec: 'h264',
  profile: 'High',
  width: 1920,
  height: 1080,
  rotation: 0,
  displayWidth: 1920,
  displayHeight: 1080,
  sampleAspectRatio: null,
  frameRate: rate(25),
  baseFrameRate: rate(25),
  variableFrameRate: false,
  fieldOrder: 'progressive',
  interlaced: false,
  pixelFormat: 'yuv420p',
  bitDepth: 8,
  keyframeGapS: null,
};
function probe(video: Partial<VideoStreamInfo> = {}, extra: Partial<MediaProbe> = {}): MediaProbe {
  return {
    path: '/library/-odd name $(x).mts',
    sizeBytes: 1,
    durationMs: 900_000,
    container: { formatName: 'mpegts', family: 'mpegts', majorBrand: null, moovBeforeMdat: null, truncated: false },
    video: { ...baseVideo, ...video },
    audio: { index: 1, codec: 'ac3', channels: 6, sampleRate: 48000, channelLayout: '5.1(side)' },
    ...extra,
  };
}
const valueAfter = (args: readonly string[], flag: string) => args[args.indexOf(flag) + 1];

describe('job builders', () => {
  it('guards the input: whitelists before -i, and the path as one file: argument', () => {
    const job = buildRemuxJob(probe(), planPlayback(probe()), '/out/x.mp4');
    const i = job.args.indexOf('-i');
    expect(job.args.slice(0, i)).toEqual(['-protocol_whitelist', 'file', '-format_whitelist', expect.stringContaining('mov') as unknown as string]);
    expect(job.args[i + 1]).toBe('file:/library/-odd name $(x).mts');
    expect(job.args).not.toContain('/out/x.mp4');
    expect(job.outputs).toEqual(['/out/x.mp4']);
  });

  it('remux copies the video, makes AAC of AC-3, puts the index first and drops metadata', () => {
    const job = buildRemuxJob(probe(), planPlayback(probe()), '/out/x.mp4');
    expect(valueAfter(job.args, '-vcodec')).toBe('copy');
    expect(valueAfter(job.args, '-acodec')).toBe('aac');
    expect(valueAfter(job.args, '-movflags')).toBe('+faststart');
    expect(valueAfter(job.args, '-map_metadata')).toBe('-1');
    expect(valueAfter(job.args, '-f')).toBe('mp4');
    expect(job.args.filter((a) => a === '-map')).toHaveLength(2);
  });

  it('proxy: deinterlace, constant rate, downscale, quarter-second keyframes for fast decoding, stereo AAC', () => {
    const source = probe({ codec: 'hevc', interlaced: true, fieldOrder: 'tt', variableFrameRate: true, frameRate: rate(2986, 100), width: 3840, height: 2160, displayWidth: 3840, displayHeight: 2160 });
    const plan = planPlayback(source);
    const job = buildProxyJob(source, plan, '/out/p.mp4');
    const filters = valueAfter(job.args, '-filter:v')!.split(',');
    expect(filters).toEqual([
      'bwdif=mode=send_frame:parity=auto:deint=all',
      'fps=30000/1001',
      'scale=w=1280:h=720:force_original_aspect_ratio=decrease:force_divisible_by=2',
      'format=yuv420p',
    ]);
    expect(valueAfter(job.args, '-vcodec')).toBe('libx264');
    expect([valueAfter(job.args, '-g'), valueAfter(job.args, '-keyint_min'), valueAfter(job.args, '-sc_threshold')]).toEqual(['7', '7', '0']);
    expect(valueAfter(job.args, '-tune')).toBe('fastdecode');
    expect(valueAfter(job.args, '-pix_fmt')).toBe('yuv420p');
    expect(valueAfter(job.args, '-acodec')).toBe('aac');
    expect(valueAfter(job.args, '-ac')).toBe('2');
    expect(valueAfter(job.args, '-movflags')).toBe('+faststart');
  });

  it('proxy of a portrait phone clip keeps the portrait box and has no audio flags without audio', () => {
    const source = probe({ codec: 'hevc', rotation: 90, width: 3840, height: 2160, displayWidth: 2160, displayHeight: 3840 }, { audio: null });
    const job = buildProxyJob(source, planPlayback(source), '/out/p.mp4');
    expect(valueAfter(job.args, '-filter:v')).toContain('scale=w=720:h=1280');
    expect(job.args).toContain('-an');
    expect(job.args).not.toContain('-acodec');
  });

  it('has no job for a file that plays as is', () => {
    const source = probe({}, { container: { formatName: 'mov,mp4', family: 'mp4', majorBrand: 'isom', moovBeforeMdat: true, truncated: false }, audio: null });
    expect(buildPlaybackJob(source, planPlayback(source), '/out/x.mp4')).toBeNull();
  });

  it('peaks decode the first audio stream to mono 8 kHz PCM', () => {
    const args = buildPeaksArgs(probe());
    expect([valueAfter(args, '-ac'), valueAfter(args, '-ar'), valueAfter(args, '-f'), valueAfter(args, '-map')]).toEqual(['1', '8000', 's16le', '0:1']);
    expect(args).toContain('-vn');
    expect(() => buildPeaksArgs(probe({}, { audio: null }))).toThrow(MediaError);
  });
});

describe('spriteLayout', () => {
  it('spreads a 15-minute recording over three 10×10 sheets of 160×90 tiles', () => {
    expect(spriteLayout(probe())).toEqual({ intervalS: 3, columns: 10, rows: 10, tileWidth: 160, tileHeight: 90, count: 300, sheets: 3 });
  });
  it('fits a short clip on one sheet, one tile per second', () => {
    expect(spriteLayout(probe({}, { durationMs: 3008 }))).toMatchObject({ intervalS: 1, columns: 3, rows: 1, count: 3, sheets: 1 });
  });
  it('uses the shown shape: rotated and anamorphic video', () => {
    expect(spriteLayout(probe({ rotation: 90, displayWidth: 1080, displayHeight: 1920 })).tileHeight).toBe(284);
    expect(spriteLayout(probe({ width: 1440, sampleAspectRatio: { num: 4, den: 3 } })).tileHeight).toBe(90);
  });
  it('builds the sprite job with one output per sheet', () => {
    const { job, layout } = buildSpriteJob(probe(), (n) => `/out/sprite-${n}.jpg`, { keyframesOnly: true });
    expect(job.outputs).toEqual(['/out/sprite-0.jpg', '/out/sprite-1.jpg', '/out/sprite-2.jpg']);
    expect(valueAfter(job.args, '-filter:v')).toBe('fps=1/3,scale=160:90,setsar=1,tile=10x10');
    expect(valueAfter(job.args, '-frames:v')).toBe(String(layout.sheets));
    expect(job.args.indexOf('-skip_frame')).toBeLessThan(job.args.indexOf('-i'));
  });
  it('takes the first frame as the only tile of a clip shorter than a slot (the fps filter would give none)', () => {
    for (const durationMs of [40, 400, 1400]) {
      const { job, layout } = buildSpriteJob(probe({}, { durationMs }), (n) => `/out/sprite-${n}.jpg`);
      expect(layout).toMatchObject({ count: 1, sheets: 1 });
      expect(valueAfter(job.args, '-filter:v')).toBe('trim=end_frame=1,scale=160:90,setsar=1,tile=1x1');
    }
    expect(valueAfter(buildSpriteJob(probe({}, { durationMs: 1600 }), (n) => `/s-${n}.jpg`).job.args, '-filter:v')).toMatch(/^fps=1\/1,/);
  });
});

describe('defaultTimeoutMs', () => {
  it('gives ten minutes at least, six times the duration, and never more than a timer can hold', () => {
    expect(defaultTimeoutMs(null)).toBe(600_000);
    expect(defaultTimeoutMs(900_000)).toBe(5_400_000);
    // 99.5 hours × 6 is past 2^31 − 1 ms, where setTimeout would fire at once.
    expect(defaultTimeoutMs(99.5 * 3_600_000)).toBe(2 ** 31 - 1);
  });
});

describe('createProgressParser', () => {
  it('turns out_time_us blocks into a fraction and an ETA, even when split across chunks', () => {
    let clock = 0;
    const calls: [number, number | null][] = [];
    const parse = createProgressParser(10_000, (f, eta) => calls.push([f, eta]), () => clock);
    clock = 2000;
    parse('frame=10\nout_time_us=2500');
    parse('000\nprogress=continue\n');
    clock = 3000;
    parse('out_time_us=N/A\nprogress=continue\nout_time_us=20000000\nprogress=end\n');
    expect(calls).toEqual([
      [0.25, 6000],
      [0.25, 9000],
      [1, 0],
    ]);
  });
});

describe('PeakAccumulator', () => {
  it('gives the same peaks however the PCM stream is chunked', () => {
    const samples = Int16Array.from({ length: 1000 }, (_, i) => Math.round(Math.sin(i / 7) * 16000 * (i < 500 ? 1 : 0.5)));
    const pcm = Buffer.from(samples.buffer);
    const whole = new PeakAccumulator(160);
    whole.push(pcm);
    const pieces = new PeakAccumulator(160);
    for (let offset = 0; offset < pcm.length; offset += 33) pieces.push(pcm.subarray(offset, offset + 33));
    expect(pieces.finish()).toEqual(whole.finish());
    expect(pieces.samples).toBe(1000);
  });
  it('scales to −1…1 with a partial last bucket', () => {
    const acc = new PeakAccumulator(2);
    acc.push(Buffer.from(Int16Array.from([-32768, 32767, 0, 16384, -8192]).buffer));
    expect(acc.finish()).toEqual([-1, 1, 0, 0.5, -0.25, -0.25]);
  });
});

describe('runFfmpeg (with a fake ffmpeg)', () => {
  // Writes its last argument (file:…) like ffmpeg; extra arguments pick a behaviour.
  const fake = join(dir, 'fake-ffmpeg');
  writeFileSync(
    fake,
    `#!/bin/sh
mode=ok
for arg; do
  case "$arg" in fake-*) mode="$arg" ;; esac
  last="$arg"
done
out="\${last#file:}"
case "$mode" in
  fake-fail) echo "[error] Something broke" >&2; printf half > "$out"; exit 1 ;;
  fake-empty) exit 0 ;;
  fake-sequence) d="\${out%/*}"; printf a > "$d/0.jpg"; printf b > "$d/1.jpg"; exit 0 ;;
esac
printf 'out_time_us=500000\\nprogress=continue\\n'
printf data > "$out"
if [ "$mode" = fake-slow ]; then exec sleep 30; fi
printf 'progress=end\\n'
`,
  );
  chmodSync(fake, 0o755);

  const outDir = join(dir, 'out');
  mkdirSync(outDir, { recursive: true });
  const job = (mode: string, outputs = [join(outDir, `${mode}.mp4`)]): FfmpegJob => ({ kind: 'proxy', args: ['-i', 'file:/x', mode], outputs, durationMs: 1000, label: 'de afspeelversie' });
  const leftovers = () => readdirSync(outDir).filter(isPartialName);
  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as MediaError);

  it.skipIf(process.platform === 'win32')('renames the finished file into place and reports progress', async () => {
    const progress: number[] = [];
    const result = await runFfmpeg(job('fake-ok'), { ffmpegPath: fake, onProgress: (f) => progress.push(f) });
    expect(result.outputs).toEqual([join(outDir, 'fake-ok.mp4')]);
    expect(readFileSync(join(outDir, 'fake-ok.mp4'), 'utf8')).toBe('data');
    expect(progress).toEqual([0.5, 1]);
    expect(leftovers()).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('removes the half file and keeps stderr for the log when ffmpeg fails', async () => {
    const error = await failure(runFfmpeg(job('fake-fail'), { ffmpegPath: fake }));
    expect(error?.kind).toBe('failed');
    expect(error?.message).toBe('Het maken van de afspeelversie is mislukt; de opname is mogelijk beschadigd.');
    expect(error?.detail).toContain('Something broke');
    expect(readdirSync(outDir)).not.toContain('fake-fail.mp4');
    expect(leftovers()).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('treats a clean exit without output as a failure', async () => {
    expect((await failure(runFfmpeg(job('fake-empty'), { ffmpegPath: fake })))?.message).toContain('geen gegevens');
  });

  it.skipIf(process.platform === 'win32')('cancels: kills ffmpeg, removes the half file, says so in Dutch', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const running = runFfmpeg(job('fake-slow'), { ffmpegPath: fake, signal: controller.signal, onProgress: () => controller.abort() });
    const error = await failure(running);
    expect([error?.kind, error?.message]).toEqual(['cancelled', 'Het maken van de afspeelversie is geannuleerd.']);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(leftovers()).toEqual([]);
    expect(readdirSync(outDir)).not.toContain('fake-slow.mp4');
  });

  it.skipIf(process.platform === 'win32')('times out', async () => {
    const error = await failure(runFfmpeg(job('fake-slow'), { ffmpegPath: fake, timeoutMs: 300 }));
    expect(error?.kind).toBe('timed_out');
    expect(error?.message).toBe('Het maken van de afspeelversie duurde te lang (meer dan 1 minuut) en is gestopt.');
    expect(leftovers()).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('writes an image sequence through a temporary folder in a given temp dir', async () => {
    const tempDir = join(dir, 'tmp');
    mkdirSync(tempDir, { recursive: true });
    const outputs = [join(outDir, 's-0.jpg'), join(outDir, 's-1.jpg'), join(outDir, 's-2.jpg')];
    const result = await runFfmpeg(job('fake-sequence', outputs), { ffmpegPath: fake, tempDir });
    expect(result.outputs).toEqual(outputs.slice(0, 2));
    expect(readFileSync(outputs[1]!, 'utf8')).toBe('b');
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('reports a missing ffmpeg in Dutch', async () => {
    const error = await failure(runFfmpeg(job('fake-ok'), { ffmpegPath: join(dir, 'does-not-exist') }));
    expect(error?.kind).toBe('ffmpeg_missing');
    expect(leftovers()).toEqual([]);
  });
});
