import { msg } from '../../../shared/api/envelope';
import ffmpeg from 'fluent-ffmpeg';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { SpriteLayout } from '../../../shared/domain/entities';
import { commitPartial, partialPathFor, removeQuietly } from './atomic-file';
import { getDefaultBinaries } from './ffmpeg-binaries';
import { MediaError } from './media-error';
import type { PlaybackPlan } from './playback-plan';
import { PROXY_LONG_SIDE, PROXY_SHORT_SIDE } from './playback-plan';
import { inputUrl, SAFE_INPUT_OPTIONS, type MediaProbe } from './probe';
import { MAX_TIMER_MS, spawnProcess, type SpawnOutcome } from './spawn-process';
import type { PauseSignal } from './pause-signal';

/**
 * One ffmpeg run. `args` holds inputs, filters, codecs and the muxer (`-f`), but neither the
 * runner's global flags nor the output name: runFfmpeg adds those, so the output can go to a
 * temporary name first. One output is one file; several (sprite sheets) are ffmpeg's numbered
 * image sequence, renamed to these paths in order.
 */
export interface FfmpegJob {
  kind: 'remux' | 'proxy' | 'sprite' | 'export';
  args: readonly string[];
  outputs: readonly string[];
  /** Length of the input, to turn ffmpeg's position into a fraction. */
  durationMs: number | null;
  /** Dutch noun phrase for messages: "Het maken van {label} is geannuleerd." */
  label: string;
}

// ---- builders -------------------------------------------------------------------------------
//
// fluent-ffmpeg only builds the argument arrays here (inputs, codecs, filter chains): its run()
// checks codec capabilities with extra ffmpeg processes on every start, reports progress from
// stderr statistics plus an extra ffprobe, and cannot write to a temporary file and rename, so
// runFfmpeg spawns ffmpeg itself with the built arguments.

/** Every argument must stay one argument: fluent-ffmpeg splits a single option string at a space. */
function command(probe: MediaProbe, extraInputOptions: readonly string[] = []): ffmpeg.FfmpegCommand {
  return ffmpeg()
    .input(inputUrl(probe.path))
    .inputOptions(...SAFE_INPUT_OPTIONS, ...extraInputOptions);
}

/** fluent-ffmpeg keeps numbers (-ac 2) as numbers; our jobs are plain string arrays. */
export const argsOf = (cmd: ffmpeg.FfmpegCommand): string[] => cmd._getArguments().map(String);

/** Things every playable MP4 we write shares: index first, no personal metadata (GPS, device names). */
export const MP4_OUTPUT = ['-movflags', '+faststart', '-map_metadata', '-1', '-map_chapters', '-1', '-max_muxing_queue_size', '4096'];

function mapStreams(probe: MediaProbe, withAudio: boolean): string[] {
  const video = probe.video;
  if (!video) throw new MediaError('not_video', msg('Dit bestand bevat geen videobeeld.', 'This file contains no video picture.'), probe.path);
  const map = ['-map', `0:${video.index}`];
  if (withAudio && probe.audio) map.push('-map', `0:${probe.audio.index}`);
  return map;
}

/** Video copied bit for bit into MP4; audio copied when it is AAC, otherwise encoded to AAC. */
export function buildRemuxJob(probe: MediaProbe, plan: PlaybackPlan, outputPath: string): FfmpegJob {
  // The MP4 tags are named, not left to the muxer: a copied stream keeps its source's tag (an
  // MPEG-TS stream type), which only the mp4 muxer itself replaces, not the tee that also writes
  // the live copy (withLiveCopy). For the same reason ADTS audio is converted explicitly.
  const cmd = command(probe).outputOptions(...mapStreams(probe, plan.audio !== 'none')).videoCodec('copy').outputOptions('-tag:v', 'avc1');
  if (plan.audio === 'copy') cmd.audioCodec('copy').outputOptions('-tag:a', 'mp4a', '-bsf:a', 'aac_adtstoasc');
  else if (plan.audio === 'aac') cmd.audioCodec('aac').audioBitrate('160k');
  else cmd.noAudio();
  cmd.outputOptions(...MP4_OUTPUT, '-avoid_negative_ts', 'make_zero').format('mp4');
  return { kind: 'remux', args: argsOf(cmd), outputs: [outputPath], durationMs: probe.durationMs, label: 'de MP4-versie' };
}

export interface ProxyOptions {
  /**
   * x264 speed/size trade-off. veryfast made 1080p25 test video at about twice real time on two
   * cores here (camera footage is harder), so a 15-minute visit takes minutes, not an hour.
   */
  preset?: string;
  crf?: number;
}

/**
 * Keyframe spacing of proxies: four per second, so a seek decodes at most a quarter second of
 * video. Together with x264's fastdecode tuning (CAVLC, no deblocking or weighted prediction: the
 * decoder does less per frame) this took the p95 of 200 random seeks in Chromium on 1080p30 from
 * 127 ms (a keyframe every half second, default tuning) to 91 ms, for ~25% more bytes.
 */
export function keyframeInterval(plan: PlaybackPlan): number {
  return Math.max(1, Math.floor((plan.outputFrameRate?.fps ?? 25) / 4));
}

/**
 * H.264 (yuv420p, 8 bit) + AAC in MP4: deinterlaced (bwdif), at a constant rate, upright (the
 * ffmpeg CLI turns rotated video upright while decoding and then drops the rotation flag), at most
 * 720p, with a keyframe every quarter second and tuned for fast decoding (seeks and frame steps).
 */
export function buildProxyJob(probe: MediaProbe, plan: PlaybackPlan, outputPath: string, options: ProxyOptions = {}): FfmpegJob {
  const video = probe.video;
  if (!video) throw new MediaError('not_video', msg('Dit bestand bevat geen videobeeld.', 'This file contains no video picture.'), probe.path);
  const filters: string[] = [];
  // bwdif sees the picture after ffmpeg's automatic rotation, which would mix up the fields of a
  // rotated interlaced video; that combination does not occur (phones record progressive).
  if (plan.deinterlace) filters.push('bwdif=mode=send_frame:parity=auto:deint=all');
  if (plan.constantFrameRate) filters.push(`fps=${plan.constantFrameRate.rational.num}/${plan.constantFrameRate.rational.den}`);
  if (plan.downscale) {
    const landscape = video.displayWidth >= video.displayHeight;
    const [w, h] = landscape ? [PROXY_LONG_SIDE, PROXY_SHORT_SIDE] : [PROXY_SHORT_SIDE, PROXY_LONG_SIDE];
    filters.push(`scale=w=${w}:h=${h}:force_original_aspect_ratio=decrease:force_divisible_by=2`);
  }
  filters.push('format=yuv420p');
  const gop = String(keyframeInterval(plan));

  const cmd = command(probe)
    .outputOptions(...mapStreams(probe, plan.audio !== 'none'))
    .videoFilters(filters)
    .videoCodec('libx264')
    .outputOptions(
      '-preset', options.preset ?? 'veryfast',
      '-tune', 'fastdecode',
      '-crf', String(options.crf ?? 23),
      '-profile:v', 'high',
      '-pix_fmt', 'yuv420p',
      '-g', gop,
      '-keyint_min', gop,
      '-sc_threshold', '0',
    );
  if (plan.audio === 'none') cmd.noAudio();
  else {
    cmd.audioCodec('aac').audioBitrate('128k');
    // Browsers play surround AAC, but a stereo mix keeps the parents' and baby's voices audible on laptop speakers.
    if ((probe.audio?.channels ?? 2) > 2) cmd.audioChannels(2);
  }
  cmd.outputOptions(...MP4_OUTPUT).format('mp4');
  return { kind: 'proxy', args: argsOf(cmd), outputs: [outputPath], durationMs: probe.durationMs, label: 'de afspeelversie' };
}

/** The job that makes a recording playable, or null when it plays as it is. */
export function buildPlaybackJob(probe: MediaProbe, plan: PlaybackPlan, outputPath: string, options?: ProxyOptions): FfmpegJob | null {
  if (plan.mode === 'as_is') return null;
  return plan.mode === 'remux' ? buildRemuxJob(probe, plan, outputPath) : buildProxyJob(probe, plan, outputPath, options);
}

export interface SpriteOptions {
  /** Seconds between thumbnails; default: whole seconds so that there are at most maxTiles. */
  intervalSeconds?: number;
  maxTiles?: number;
  tileWidth?: number;
  columns?: number;
  /** Rows per sheet; with 10 × 10 a sheet of 160-px tiles is about 1600 × 900 px. */
  maxRows?: number;
  /**
   * Decode keyframes only: many times faster, each tile then shows the nearest keyframe. Exact
   * enough on proxies (a keyframe every quarter second), coarse on camera files (up to several seconds).
   */
  keyframesOnly?: boolean;
}

export function spriteLayout(probe: MediaProbe, options: SpriteOptions = {}): SpriteLayout {
  const video = probe.video;
  if (!video) throw new MediaError('not_video', msg('Dit bestand bevat geen videobeeld.', 'This file contains no video picture.'), probe.path);
  const durationS = Math.max(0.001, (probe.durationMs ?? 1000) / 1000);
  const maxTiles = options.maxTiles ?? 300;
  const intervalS = options.intervalSeconds ?? Math.max(1, Math.ceil(durationS / maxTiles));
  // The fps filter takes the frame nearest to t = 0, N, 2N, …; a slot in the last half interval
  // gets none, and counting it would point the scrubber at a black tile.
  const count = Math.max(1, Math.ceil(durationS / intervalS - 0.5));
  const tileWidth = evenAtLeast2(options.tileWidth ?? 160);
  const sar = video.sampleAspectRatio ? video.sampleAspectRatio.num / video.sampleAspectRatio.den : 1;
  const shownWidth = video.rotation % 180 === 0 ? video.width * sar : video.height;
  const shownHeight = video.rotation % 180 === 0 ? video.height : video.width * sar;
  const tileHeight = evenAtLeast2(tileWidth * (shownHeight / Math.max(1, shownWidth)));
  const columns = Math.min(count, options.columns ?? 10);
  const rows = Math.min(Math.ceil(count / columns), options.maxRows ?? 10);
  return { intervalS, columns, rows, tileWidth, tileHeight, count, sheets: Math.ceil(count / (columns * rows)) };
}

const evenAtLeast2 = (value: number) => Math.max(2, Math.round(value / 2) * 2);

/**
 * JPEG sheets of thumbnails for the timeline; see SpriteLayout for how to read them.
 * `sheetPath(n)` names sheet n (0-based); the job's outputs are those names in order.
 */
export function buildSpriteJob(probe: MediaProbe, sheetPath: (sheet: number) => string, options: SpriteOptions = {}): { job: FfmpegJob; layout: SpriteLayout } {
  const layout = spriteLayout(probe, options);
  const cmd = command(probe, options.keyframesOnly ? ['-skip_frame', 'nokey'] : [])
    .outputOptions(...mapStreams(probe, false))
    .noAudio()
    .videoFilters([
      // One tile is the first frame. The fps filter picks the frame nearest each slot and gives
      // none for a clip shorter than half a slot (a one-frame clip), so it is not used then.
      layout.count === 1 ? 'trim=end_frame=1' : `fps=1/${layout.intervalS}`,
      `scale=${layout.tileWidth}:${layout.tileHeight}`,
      'setsar=1',
      `tile=${layout.columns}x${layout.rows}`,
    ])
    // The tile filter emits a sheet when it is full and the last, partly filled one at the end.
    .outputOptions('-frames:v', String(layout.sheets), '-q:v', '5', '-sn', '-dn')
    .format('image2');
  const outputs = Array.from({ length: layout.sheets }, (_, sheet) => sheetPath(sheet));
  return { job: { kind: 'sprite', args: argsOf(cmd), outputs, durationMs: probe.durationMs, label: 'de miniaturen' }, layout };
}

// ---- runner ---------------------------------------------------------------------------------

export interface RunFfmpegOptions {
  ffmpegPath?: string;
  /** fraction 0…1 of the input processed; etaMs null until there is enough to estimate. */
  onProgress?: (fraction: number, etaMs: number | null) => void;
  signal?: AbortSignal;
  /** Background work steps aside while this is raised (see PauseSignal). */
  pause?: PauseSignal;
  /** Default: max(10 minutes, 6 × the input's duration); 0 = no limit. */
  timeoutMs?: number;
  /** Overrides the job's duration for the progress fraction. */
  durationMs?: number | null;
  /** Where half-written output lives (same file system as the outputs); default: next to them. */
  tempDir?: string;
  /**
   * Also write a fragmented MP4 to this path while the job runs (one encode, ffmpeg's tee muxer),
   * so a player can start on the part that is made (live-fragments.ts). Removed when the job ends,
   * whatever the outcome; if only the copy fails (disk full), the job itself goes on.
   */
  liveCopy?: string;
}

export interface RunFfmpegResult {
  /** The files written, in the job's order (a short clip may need fewer sprite sheets than planned). */
  outputs: string[];
  elapsedMs: number;
  /** The last stderr lines (warnings), for the log. */
  log: string;
}

const RUNNER_FLAGS = ['-nostdin', '-hide_banner', '-loglevel', 'level+warning', '-nostats', '-progress', 'pipe:1', '-y'];

export function defaultTimeoutMs(durationMs: number | null): number {
  // Import refuses recordings over a day (MAX_RECORDING_MS); the bound keeps any caller within what a timer can hold.
  return Math.min(MAX_TIMER_MS, Math.max(10 * 60_000, 6 * (durationMs ?? 0)));
}

/** Turns ffmpeg's `-progress` key=value blocks into (fraction, eta) calls. */
export function createProgressParser(durationMs: number | null, onProgress: (fraction: number, etaMs: number | null) => void, now: () => number = Date.now) {
  const startedAt = now();
  let outTimeUs = 0;
  let pending = '';
  return (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const [key, value] = line.trim().split('=', 2);
      if (key === 'out_time_us' && value && /^\d+$/.test(value)) outTimeUs = Number(value);
      if (key !== 'progress') continue;
      if (value === 'end') {
        onProgress(1, 0);
        continue;
      }
      if (!durationMs || durationMs <= 0) continue;
      const fraction = Math.min(1, Math.max(0, outTimeUs / 1000 / durationMs));
      const elapsed = now() - startedAt;
      onProgress(fraction, fraction >= 0.01 ? Math.round((elapsed * (1 - fraction)) / fraction) : null);
    }
  };
}

/**
 * Runs one job: ffmpeg writes to a hidden temporary name (a folder for image sequences); only
 * after a clean exit are the files synced to disk and renamed into place. On failure, time-out or
 * cancel the temporary output is removed and a MediaError says which of the three it was.
 */
export async function runFfmpeg(job: FfmpegJob, options: RunFfmpegOptions = {}): Promise<RunFfmpegResult> {
  const first = job.outputs[0];
  if (!first) throw new Error('ffmpeg job without outputs');
  const binary = options.ffmpegPath ?? (await getDefaultBinaries()).ffmpeg.path;
  const durationMs = options.durationMs === undefined ? job.durationMs : options.durationMs;
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs(durationMs);
  const sequence = job.outputs.length > 1;
  const partial = partialPathFor(first, options.tempDir);
  const sequenceExt = extname(first);
  const target = sequence ? join(partial, `%d${sequenceExt}`) : partial;
  const parse = options.onProgress ? createProgressParser(durationMs, options.onProgress) : null;
  const started = Date.now();
  const damage = job.kind === 'remux' || job.kind === 'proxy' ? new DamageWatch() : null;
  const output = options.liveCopy && !sequence ? withLiveCopy(job.args, inputUrl(target), inputUrl(options.liveCopy)) : { args: job.args, target: inputUrl(target) };
  try {
    if (sequence) await mkdir(partial);
    const outcome = await spawnProcess(binary, [...RUNNER_FLAGS, ...output.args, ...(sequence ? ['-start_number', '0'] : []), output.target], {
      ...(timeoutMs ? { timeoutMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.pause ? { pause: options.pause } : {}),
      onStdout: (chunk) => {
        const text = chunk.toString('utf8');
        damage?.progress(text);
        parse?.(text);
      },
      ...(damage ? { onStderrLine: (line: string) => damage.line(line) } : {}),
    });
    throwUnlessClean(outcome, job.label, timeoutMs);
    damage?.throwIfCutShort(durationMs, outcome.stderrTail);
    const written: string[] = [];
    const pieces = sequence ? job.outputs.map((_, i) => join(partial, `${i}${sequenceExt}`)) : [partial];
    for (const [i, piece] of pieces.entries()) {
      const info = await stat(piece).catch(() => null);
      if (!info || info.size === 0) break;
      await commitPartial(piece, job.outputs[i]!);
      written.push(job.outputs[i]!);
    }
    if (written.length === 0) {
      throw new MediaError('failed', msg(
        `Het maken van ${job.label} is mislukt: ffmpeg schreef geen gegevens.`,
        `Making ${labelEn(job.label)} failed: ffmpeg wrote no data.`,
      ), outcome.stderrTail);
    }
    return { outputs: written, elapsedMs: Date.now() - started, log: outcome.stderrTail };
  } finally {
    await rm(partial, { recursive: true, force: true }).catch(() => undefined);
    if (options.liveCopy) await removeQuietly(options.liveCopy);
  }
}

/** A tee slave's file name: av_get_token unescapes a backslash before any character. */
const teeName = (name: string) => name.replace(/[\\'|[\]:]/g, (char) => `\\${char}`);

/**
 * The same encode written twice by ffmpeg's tee muxer: the playable file as always (index first)
 * and a fragmented copy that grows on disk (a fragment per keyframe, the index up front and empty).
 */
export function withLiveCopy(args: readonly string[], target: string, live: string): { args: string[]; target: string } {
  const out = [...args];
  const movflags = out.indexOf('-movflags');
  const flags = movflags >= 0 ? out.splice(movflags, 2)[1]! : '+faststart';
  const format = out.lastIndexOf('-f');
  if (format < 0 || out[format + 1] !== 'mp4') throw new Error('a live copy needs an MP4 output');
  out[format + 1] = 'tee';
  // The tee muxer does not ask the encoders for global headers as the mp4 muxer does: without
  // this the fragmented copy's avcC is empty and no player can configure its decoder.
  out.splice(format, 0, '-flags', '+global_header');
  return {
    args: out,
    target: `[f=mp4:movflags=${flags}]${teeName(target)}|[f=mp4:movflags=+frag_keyframe+empty_moov+default_base_moof:onfail=ignore]${teeName(live)}`,
  };
}

/**
 * A source damaged halfway (a card or copy that failed) does not make ffmpeg fail: it logs
 * thousands of decoding errors and ends early, and the "playable version" would silently stop at
 * the damage. A version that ends well short of the recording's length after decoding errors is
 * refused, with the moment the errors began.
 */
class DamageWatch {
  private outMs = 0;
  private errors = 0;
  private firstErrorMs: number | null = null;

  progress(text: string): void {
    for (const match of text.matchAll(/out_time_us=(\d+)/g)) this.outMs = Number(match[1]) / 1000;
  }

  line(line: string): void {
    if (!line.includes('[error]')) return;
    this.errors += 1;
    this.firstErrorMs ??= this.outMs;
  }

  throwIfCutShort(durationMs: number | null, detail: string): void {
    if (!durationMs || this.errors === 0) return;
    if (this.outMs >= durationMs - Math.max(2000, 0.02 * durationMs)) return;
    const at = clock(this.firstErrorMs ?? this.outMs);
    throw new MediaError(
      'damaged',
      msg(
        `De opname is beschadigd vanaf ongeveer ${at} (van de ${clock(durationMs)}): daarna kan het beeld niet worden gelezen. De half gemaakte afspeelversie is verwijderd; kopieer de opname opnieuw van de camera of telefoon en importeer haar opnieuw.`,
        `The recording is damaged from about ${at} (of ${clock(durationMs)}): after that the picture cannot be read. The half-made playback version has been removed; copy the recording from the camera or phone again and import it again.`,
      ),
      `${this.errors} decoding errors, output ended at ${Math.round(this.outMs)} ms of ${durationMs} ms\n${detail}`,
    );
  }
}

const clock = (ms: number) => {
  const total = Math.floor(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
};

/** A job's label is a Dutch noun phrase; these are the ones the app uses, in English. */
const LABEL_EN: Record<string, string> = {
  'de MP4-versie': 'the MP4 version',
  'de afspeelversie': 'the playback version',
  'de miniaturen': 'the thumbnails',
  'de golfvorm van het geluid': 'the sound waveform',
  'de feedbackfilm': 'the feedback film',
  'het fragment als video': 'the fragment as a video',
};
const labelEn = (label: string) => LABEL_EN[label] ?? (/^(de|het) /.test(label) ? 'the file' : label);

function throwUnlessClean(outcome: SpawnOutcome, label: string, timeoutMs: number): void {
  const detail = outcome.stderrTail;
  switch (outcome.ending) {
    case 'aborted':
      throw new MediaError('cancelled', msg(`Het maken van ${label} is geannuleerd.`, `Making ${labelEn(label)} was cancelled.`), detail);
    case 'timeout': {
      const minutes = Math.max(1, Math.round(timeoutMs / 60_000));
      throw new MediaError(
        'timed_out',
        msg(
          `Het maken van ${label} duurde te lang (meer dan ${minutes} ${minutes === 1 ? 'minuut' : 'minuten'}) en is gestopt.`,
          `Making ${labelEn(label)} took too long (more than ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}) and was stopped.`,
        ),
        detail,
      );
    }
    case 'spawn_error':
      throw new MediaError('ffmpeg_missing', msg(
        'ffmpeg kon niet worden gestart. Controleer de ffmpeg-installatie.',
        'ffmpeg could not be started. Check the ffmpeg installation.',
      ), String(outcome.spawnError));
    default:
      if (outcome.exitCode !== 0) {
        throw new MediaError(
          'failed',
          msg(`Het maken van ${label} is mislukt; de opname is mogelijk beschadigd.`, `Making ${labelEn(label)} failed; the recording may be damaged.`),
          `exit ${String(outcome.exitCode)}\n${detail}`,
        );
      }
  }
}

// ---- audio peaks ----------------------------------------------------------------------------

export interface PeaksOptions {
  ffmpegPath?: string;
  /** Decode rate; 8 kHz mono is plenty for a waveform and keeps the pipe small. */
  sampleRate?: number;
  /** Samples per min/max pair; 160 at 8 kHz = one pair per 20 ms. */
  samplesPerPeak?: number;
  signal?: AbortSignal;
  pause?: PauseSignal;
  timeoutMs?: number;
  onProgress?: (fraction: number, etaMs: number | null) => void;
  tempDir?: string;
}

/**
 * The peaks file (JSON): min/max pairs per bucket, interleaved, in −1…1 with two decimals — about
 * 400 kB for 15 minutes at 20 ms, read by the player's scrubber as is.
 */
export interface PeaksFile {
  version: 1;
  sampleRate: number;
  samplesPerPeak: number;
  bucketMs: number;
  peaks: number[];
}

/** ffmpeg arguments that decode the first audio stream to mono signed 16-bit PCM on stdout. */
export function buildPeaksArgs(probe: MediaProbe, sampleRate = 8000): string[] {
  if (!probe.audio) throw new MediaError('not_video', msg(
    'Deze opname heeft geen geluid; er is geen golfvorm te maken.',
    'This recording has no sound; no waveform can be made.',
  ), probe.path);
  const cmd = command(probe)
    .outputOptions('-map', `0:${probe.audio.index}`)
    .noVideo()
    .audioChannels(1)
    .audioFrequency(sampleRate)
    .audioCodec('pcm_s16le')
    .format('s16le')
    .outputOptions('-sn', '-dn');
  return argsOf(cmd);
}

/** Reduces a PCM stream to min/max pairs; chunks may split samples and buckets anywhere. */
export class PeakAccumulator {
  private readonly pairs: number[] = [];
  private carry: number | null = null;
  private inBucket = 0;
  private min = 0;
  private max = 0;
  samples = 0;

  constructor(private readonly samplesPerPeak: number) {}

  push(chunk: Buffer): void {
    let offset = 0;
    if (this.carry !== null && chunk.length > 0) {
      this.add((((chunk[0]! << 8) | this.carry) << 16) >> 16);
      this.carry = null;
      offset = 1;
    }
    for (; offset + 1 < chunk.length; offset += 2) this.add(chunk.readInt16LE(offset));
    if (offset < chunk.length) this.carry = chunk[offset]!;
  }

  private add(sample: number): void {
    if (this.inBucket === 0) {
      this.min = sample;
      this.max = sample;
    } else {
      if (sample < this.min) this.min = sample;
      if (sample > this.max) this.max = sample;
    }
    this.samples += 1;
    this.inBucket += 1;
    if (this.inBucket === this.samplesPerPeak) this.flush();
  }

  private flush(): void {
    if (this.inBucket === 0) return;
    this.pairs.push(Math.round((this.min / 32768) * 100) / 100, Math.round((this.max / 32767) * 100) / 100);
    this.inBucket = 0;
  }

  /** Min/max pairs in −1…1, interleaved: [min0, max0, min1, max1, …]. */
  finish(): number[] {
    this.flush();
    return this.pairs.map((value) => (Object.is(value, -0) ? 0 : value));
  }
}

/**
 * Decodes the audio through a pipe (no temporary WAV), reduces it to peaks in Node and writes the
 * peaks file atomically. Progress comes from the samples received, so `-progress` is not needed.
 * Only for recordings with sound (plan.peaks).
 */
export async function extractAudioPeaks(probe: MediaProbe, outputPath: string, options: PeaksOptions = {}): Promise<PeaksFile> {
  const sampleRate = options.sampleRate ?? 8000;
  const samplesPerPeak = options.samplesPerPeak ?? 160;
  const args = buildPeaksArgs(probe, sampleRate);
  const binary = options.ffmpegPath ?? (await getDefaultBinaries()).ffmpeg.path;
  const label = 'de golfvorm van het geluid';
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs(probe.durationMs);
  const accumulator = new PeakAccumulator(samplesPerPeak);
  const expectedSamples = probe.durationMs ? (probe.durationMs / 1000) * sampleRate : 0;
  const started = Date.now();
  let lastReport = 0;

  const outcome = await spawnProcess(binary, ['-nostdin', '-hide_banner', '-loglevel', 'level+warning', '-nostats', ...args, 'pipe:1'], {
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.pause ? { pause: options.pause } : {}),
    onStdout: (chunk) => {
      accumulator.push(chunk);
      if (!options.onProgress || !expectedSamples) return;
      const now = Date.now();
      if (now - lastReport < 250) return;
      lastReport = now;
      const fraction = Math.min(1, accumulator.samples / expectedSamples);
      options.onProgress(fraction, fraction >= 0.01 ? Math.round(((now - started) * (1 - fraction)) / fraction) : null);
    },
  });
  throwUnlessClean(outcome, label, timeoutMs);

  const file: PeaksFile = { version: 1, sampleRate, samplesPerPeak, bucketMs: (samplesPerPeak / sampleRate) * 1000, peaks: accumulator.finish() };
  const partial = partialPathFor(outputPath, options.tempDir);
  try {
    await writeFile(partial, JSON.stringify(file), { flag: 'wx' });
    await commitPartial(partial, outputPath);
  } catch (error) {
    await removeQuietly(partial);
    throw new MediaError('failed', msg(`Het opslaan van ${label} is mislukt.`, `Saving ${labelEn(label)} failed.`), String(error));
  }
  options.onProgress?.(1, 0);
  return file;
}
