import { msg } from '../../../shared/api/envelope';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getDefaultBinaries } from './ffmpeg-binaries';
import { MediaError } from './media-error';
import { assertRegularFile } from './sniff';
import { spawnProcess } from './spawn-process';

export interface Rational {
  num: number;
  den: number;
}

export interface FrameRate {
  rational: Rational;
  fps: number;
}

export type FieldOrder = 'progressive' | 'tt' | 'bb' | 'tb' | 'bt' | 'unknown';

/** mp4 and mov share one demuxer; the major brand tells them apart. */
export type ContainerFamily = 'mp4' | 'mov' | 'mpegts' | 'matroska' | 'avi' | 'other';

export interface VideoStreamInfo {
  index: number;
  /** ffprobe's codec_name: 'h264', 'hevc', 'mpeg2video', … */
  codec: string;
  profile: string | null;
  /** Coded size, before rotation. */
  width: number;
  height: number;
  /** Clockwise degrees the player must turn the picture (phones filmed upright). */
  rotation: 0 | 90 | 180 | 270;
  /** Size as shown, after rotation (square pixels are not assumed: see sampleAspectRatio). */
  displayWidth: number;
  displayHeight: number;
  /** Pixel shape, e.g. 4:3 for 1440×1080 camcorder video shown as 16:9; null = square. */
  sampleAspectRatio: Rational | null;
  /** Average frame rate (frames / duration); null when the container does not say. */
  frameRate: FrameRate | null;
  /** ffprobe's r_frame_rate: the base rate every timestamp fits on; kept for the log. */
  baseFrameRate: FrameRate | null;
  variableFrameRate: boolean;
  fieldOrder: FieldOrder;
  interlaced: boolean;
  pixelFormat: string | null;
  bitDepth: number | null;
  /**
   * Longest distance between keyframes in the sampled first seconds (a lower bound when the
   * sample holds only one); null when nothing was sampled. A seek decodes from the keyframe before
   * the target, so long distances make seeking and frame steps slow.
   */
  keyframeGapS: number | null;
}

export interface AudioStreamInfo {
  index: number;
  codec: string;
  channels: number;
  sampleRate: number;
  channelLayout: string | null;
}

export interface ContainerInfo {
  /** ffprobe's format_name, e.g. 'mov,mp4,m4a,3gp,3g2,mj2' or 'mpegts'. */
  formatName: string;
  family: ContainerFamily;
  majorBrand: string | null;
  /** mp4/mov only: whether the index (moov) comes before the media data, so playback can start at once. */
  moovBeforeMdat: boolean | null;
  /** mp4/mov only: a box runs past the end of the file (the copy from the camera was cut short). */
  truncated: boolean;
  /**
   * Names (never values) of the file's metadata tags beyond the technical ones: a phone's GPS
   * position of the home ("location"), a title, the device. Absent in probes stored before this.
   */
  personalTags?: string[];
}

export interface MediaProbe {
  path: string;
  sizeBytes: number;
  durationMs: number | null;
  container: ContainerInfo;
  video: VideoStreamInfo | null;
  audio: AudioStreamInfo | null;
}

export interface ProbeOptions {
  ffprobePath?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** How many seconds of packets to read to detect a variable frame rate. */
  sampleSeconds?: number;
}

/**
 * Demuxers a home-visit recording can come in. Everything else (image sequences, playlists,
 * concat lists, network formats, bare audio) is refused by ffprobe itself.
 */
export const ALLOWED_DEMUXERS = 'mov,mpegts,matroska,avi,mpeg,asf,flv,dv,mxf';

/**
 * The input argument ffmpeg/ffprobe must get for a path: the `file:` protocol prefix keeps a name
 * that starts with `-` from being read as an option and a name with `:` from naming a protocol.
 */
export function inputUrl(path: string): string {
  return `file:${resolve(path)}`;
}

/** Options that confine a demuxer to local files and to video containers. */
export const SAFE_INPUT_OPTIONS: readonly string[] = ['-protocol_whitelist', 'file', '-format_whitelist', ALLOWED_DEMUXERS];

/**
 * Reads a recording's streams with ffprobe. We spawn ffprobe ourselves instead of using
 * fluent-ffmpeg's ffprobe(): that one has no time-out or kill (a hostile file could hang the
 * import), parses ffprobe's text output without side data (rotation) and cannot sample packets.
 */
export async function probeMedia(path: string, options: ProbeOptions = {}): Promise<MediaProbe> {
  const absolute = resolve(path);
  const sizeBytes = await assertRegularFile(absolute);
  if (sizeBytes === 0) throw new MediaError('empty_file', msg(
    'Het bestand is leeg (0 bytes). Kopieer de opname opnieuw van de camera.',
    'The file is empty (0 bytes). Copy the recording from the camera again.',
  ), absolute);
  const ffprobe = options.ffprobePath ?? (await getDefaultBinaries()).ffprobe.path;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const sampleSeconds = options.sampleSeconds ?? 5;

  const outcome = await spawnProcess(
    ffprobe,
    [
      '-v', 'error', '-hide_banner',
      ...SAFE_INPUT_OPTIONS,
      '-print_format', 'json',
      '-show_format', '-show_streams',
      '-show_entries', 'packet=stream_index,pts,flags',
      '-read_intervals', `%+${sampleSeconds}`,
      '-i', inputUrl(absolute),
    ],
    { timeoutMs, ...(options.signal ? { signal: options.signal } : {}), maxStdoutBytes: 32 * 1024 * 1024 },
  );
  if (outcome.ending === 'timeout') {
    const seconds = Math.max(1, Math.round(timeoutMs / 1000));
    throw new MediaError(
      'probe_timeout',
      msg(
        `Het bestand kon niet binnen ${seconds} ${seconds === 1 ? 'seconde' : 'seconden'} worden gelezen en is waarschijnlijk beschadigd.`,
        `The file could not be read within ${seconds} ${seconds === 1 ? 'second' : 'seconds'} and is probably damaged.`,
      ),
      outcome.stderrTail,
    );
  }
  if (outcome.ending === 'aborted') throw new MediaError('cancelled', msg('Het inlezen is geannuleerd.', 'Reading the file was cancelled.'), absolute);
  if (outcome.ending === 'spawn_error') {
    throw new MediaError('ffmpeg_missing', msg(
      'ffprobe kon niet worden gestart. Controleer de ffmpeg-installatie.',
      'ffprobe could not be started. Check the ffmpeg installation.',
    ), String(outcome.spawnError));
  }
  if (outcome.ending === 'overflow') throw new MediaError('not_video', msg(
    'Het bestand heeft een onverwachte opbouw en wordt niet als video geaccepteerd.',
    'The file has an unexpected structure and is not accepted as a video.',
  ), absolute);
  if (outcome.exitCode !== 0) {
    // ffprobe falls back to the .mp4 extension for unrecognisable bytes and then also misses the
    // index; only a file that starts like an MP4 has really lost it.
    const startsLikeMp4 = (await readTopLevelBoxes(absolute).catch(() => null))?.order[0] === 'ftyp';
    throw probeFailure(outcome.stderrTail, startsLikeMp4);
  }

  let json: unknown;
  try {
    json = JSON.parse(outcome.stdout.toString('utf8'));
  } catch {
    throw new MediaError('damaged', msg(
      'Het bestand kon niet worden gelezen; het is waarschijnlijk beschadigd.',
      'The file could not be read; it is probably damaged.',
    ), outcome.stderrTail);
  }
  const isMovFamily = asString(asObject(asObject(json).format).format_name)?.startsWith('mov,') ?? false;
  const boxes = isMovFamily ? await readTopLevelBoxes(absolute) : null;
  return interpretProbe(json, { path: absolute, sizeBytes, boxes });
}

function probeFailure(stderr: string, startsLikeMp4: boolean): MediaError {
  if (startsLikeMp4 && /moov atom not found/i.test(stderr)) {
    return new MediaError('damaged', msg(
      'Het bestand is onvolledig: de index (moov) ontbreekt. Waarschijnlijk is het kopiëren van de camera afgebroken of stopte de opname onverwacht.',
      'The file is incomplete: the index (moov) is missing. Probably copying from the camera was interrupted or the recording stopped unexpectedly.',
    ), stderr);
  }
  if (/not on whitelist|Invalid data found|could not find codec parameters|Unknown input format/i.test(stderr)) {
    return new MediaError('not_video', msg(
      'Dit bestand wordt niet herkend als video (of het is beschadigd).',
      'This file is not recognised as a video (or it is damaged).',
    ), stderr);
  }
  return new MediaError('damaged', msg('Het bestand kon niet worden gelezen; het is waarschijnlijk beschadigd.', 'The file could not be read; it is probably damaged.'), stderr);
}

interface BoxLayout {
  order: string[];
  truncated: boolean;
}

/**
 * Walks the top-level ISO-BMFF boxes (a few 16-byte reads) to find whether moov precedes mdat
 * and whether the file ends inside a box. Returns null for files that are not box-structured.
 */
export async function readTopLevelBoxes(path: string): Promise<BoxLayout | null> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(16);
    const order: string[] = [];
    let offset = 0;
    // A hostile file could chain millions of tiny boxes; real files have a handful.
    for (let count = 0; offset + 8 <= size && count < 10_000; count += 1) {
      const { bytesRead } = await handle.read(header, 0, 16, offset);
      if (bytesRead < 8) break;
      const type = header.toString('latin1', 4, 8);
      if (!/^[\x20-\x7e]{4}$/.test(type)) return order.length ? { order, truncated: false } : null;
      let boxSize = header.readUInt32BE(0);
      if (boxSize === 1) {
        if (bytesRead < 16) return { order, truncated: true };
        boxSize = Number(header.readBigUInt64BE(8));
      } else if (boxSize === 0) {
        boxSize = size - offset;
      }
      if (boxSize < 8) return order.length ? { order, truncated: false } : null;
      order.push(type);
      if (offset + boxSize > size) return { order, truncated: true };
      offset += boxSize;
    }
    return { order, truncated: false };
  } finally {
    await handle.close();
  }
}

/** Whether an MP4/MOV file has its index before the media data ("faststart"). */
export async function isFaststart(path: string): Promise<boolean> {
  const layout = await readTopLevelBoxes(path);
  if (!layout) return false;
  const moov = layout.order.indexOf('moov');
  const mdat = layout.order.indexOf('mdat');
  return moov >= 0 && (mdat < 0 || moov < mdat);
}

// ---- interpretation of ffprobe's JSON (pure, exported for tests) ----

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
function asNumber(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

export function parseRational(value: unknown): FrameRate | null {
  const match = typeof value === 'string' ? /^(\d+)\/(\d+)$/.exec(value) : null;
  if (!match) return null;
  const num = Number(match[1]);
  const den = Number(match[2]);
  if (num <= 0 || den <= 0) return null;
  return { rational: { num, den }, fps: num / den };
}

function parseAspect(value: unknown): Rational | null {
  const match = typeof value === 'string' ? /^(\d+):(\d+)$/.exec(value) : null;
  if (!match) return null;
  const num = Number(match[1]);
  const den = Number(match[2]);
  return num > 0 && den > 0 && num !== den ? { num, den } : null;
}

const FIELD_ORDERS: readonly FieldOrder[] = ['progressive', 'tt', 'bb', 'tb', 'bt'];

interface ProbeContext {
  path: string;
  sizeBytes: number;
  boxes: BoxLayout | null;
}

/**
 * Tags that describe only how the file was made. Everything else a camera or phone writes (the
 * place of recording, a title or comment, device names, vendor tags we do not know) may say
 * something about the family, so a file with such tags is not played as is (playback-plan.ts).
 */
const TECHNICAL_TAGS: ReadonlySet<string> = new Set([
  'major_brand', 'minor_version', 'compatible_brands', 'encoder', 'creation_time', 'timecode', 'duration',
  'language', 'handler_name', 'vendor_id', 'rotate', 'com.android.version', 'com.android.capture.fps',
]);

function personalTagsOf(format: Json, streams: Json[]): string[] {
  const keys = [format, ...streams].flatMap((owner) => Object.keys(asObject(owner.tags)));
  return [...new Set(keys.filter((key) => !TECHNICAL_TAGS.has(key.toLowerCase())))].sort();
}

export function interpretProbe(json: unknown, context: ProbeContext): MediaProbe {
  const root = asObject(json);
  const format = asObject(root.format);
  const streams = asArray(root.streams).map(asObject);
  const packets = asArray(root.packets).map(asObject);

  const formatName = asString(format.format_name) ?? 'unknown';
  const majorBrand = asString(asObject(format.tags).major_brand)?.trim() ?? null;
  const isMovFamily = formatName.startsWith('mov,');
  const family: ContainerFamily = isMovFamily
    ? majorBrand === 'qt'
      ? 'mov'
      : 'mp4'
    : formatName === 'mpegts'
      ? 'mpegts'
      : formatName.startsWith('matroska')
        ? 'matroska'
        : formatName === 'avi'
          ? 'avi'
          : 'other';

  let moovBeforeMdat: boolean | null = null;
  if (isMovFamily && context.boxes) {
    const moov = context.boxes.order.indexOf('moov');
    const mdat = context.boxes.order.indexOf('mdat');
    moovBeforeMdat = moov >= 0 && (mdat < 0 || moov < mdat);
  }

  const videoJson = streams.find(
    (s) => s.codec_type === 'video' && asNumber(asObject(s.disposition).attached_pic) !== 1 && asNumber(asObject(s.disposition).still_image) !== 1,
  );
  const audioJson = streams.find((s) => s.codec_type === 'audio');

  const seconds = asNumber(format.duration) ?? asNumber(videoJson?.duration) ?? null;
  const durationMs = seconds !== null && seconds > 0 ? Math.round(seconds * 1000) : null;

  return {
    path: context.path,
    sizeBytes: context.sizeBytes,
    durationMs,
    container: {
      formatName,
      family,
      majorBrand,
      moovBeforeMdat,
      truncated: isMovFamily && (context.boxes?.truncated ?? false),
      personalTags: personalTagsOf(format, streams),
    },
    video: videoJson ? interpretVideo(videoJson, packets) : null,
    audio: audioJson ? interpretAudio(audioJson) : null,
  };
}

function interpretVideo(stream: Json, packets: Json[]): VideoStreamInfo {
  const index = asNumber(stream.index) ?? 0;
  const width = asNumber(stream.width) ?? 0;
  const height = asNumber(stream.height) ?? 0;
  const rotation = rotationOf(stream);
  const avg = parseRational(stream.avg_frame_rate);
  const base = parseRational(stream.r_frame_rate);
  // Some containers leave avg_frame_rate empty; r_frame_rate is then the best we have.
  const frameRate = avg && avg.fps >= 1 && avg.fps <= 1000 ? avg : base;
  const rawFieldOrder = asString(stream.field_order);
  const fieldOrder: FieldOrder = FIELD_ORDERS.find((order) => order === rawFieldOrder) ?? 'unknown';
  const pixelFormat = asString(stream.pix_fmt);
  const bitsPerRawSample = asNumber(stream.bits_per_raw_sample);
  const own = packets.filter((p) => asNumber(p.stream_index) === index);
  const pts = own.map((p) => asNumber(p.pts)).filter((v): v is number => v !== null);
  const keyframePts = own.filter((p) => asString(p.flags)?.startsWith('K')).map((p) => asNumber(p.pts)).filter((v): v is number => v !== null);

  return {
    index,
    codec: asString(stream.codec_name) ?? 'unknown',
    profile: asString(stream.profile),
    width,
    height,
    rotation,
    displayWidth: rotation % 180 === 0 ? width : height,
    displayHeight: rotation % 180 === 0 ? height : width,
    sampleAspectRatio: parseAspect(stream.sample_aspect_ratio),
    frameRate,
    baseFrameRate: base,
    variableFrameRate: isVariableFrameRate(avg, base, pts),
    fieldOrder,
    interlaced: fieldOrder !== 'progressive' && fieldOrder !== 'unknown',
    pixelFormat,
    bitDepth: bitsPerRawSample ?? (pixelFormat ? bitDepthOf(pixelFormat) : null),
    keyframeGapS: longestKeyframeGap(keyframePts, pts, parseRational(stream.time_base)?.fps ?? null),
  };
}

/**
 * The longest keyframe-to-keyframe distance in the sample, in seconds. The stretch after the last
 * sampled keyframe counts too: with a single keyframe in five seconds the distance is at least that.
 */
export function longestKeyframeGap(keyframePts: number[], allPts: number[], timeBase: number | null): number | null {
  if (timeBase === null || keyframePts.length === 0 || allPts.length === 0) return null;
  const keys = [...new Set(keyframePts)].sort((a, b) => a - b);
  const lastPts = allPts.reduce((a, b) => Math.max(a, b), -Infinity);
  let longest = Math.max(0, lastPts - keys[keys.length - 1]!);
  for (let i = 1; i < keys.length; i += 1) longest = Math.max(longest, keys[i]! - keys[i - 1]!);
  return Math.round(longest * timeBase * 1000) / 1000;
}

function bitDepthOf(pixelFormat: string): number {
  const match = /p(\d{2})(le|be)?$/.exec(pixelFormat);
  return match ? Number(match[1]) : 8;
}

/**
 * Rotation from the display matrix (ffmpeg ≥ 5 reports it as side data, counter-clockwise) or the
 * older `rotate` tag (clockwise), rounded to a quarter turn.
 */
function rotationOf(stream: Json): 0 | 90 | 180 | 270 {
  let clockwise: number | null = null;
  for (const entry of asArray(stream.side_data_list).map(asObject)) {
    const rotation = asNumber(entry.rotation);
    if (rotation !== null) clockwise = -rotation;
  }
  clockwise ??= asNumber(asObject(stream.tags).rotate);
  if (clockwise === null) return 0;
  const quarter = (((Math.round(clockwise / 90) * 90) % 360) + 360) % 360;
  return quarter as 0 | 90 | 180 | 270;
}

/**
 * Variable when the average rate disagrees with the base rate by more than 1 %, or when the
 * presentation-time steps of the first seconds are uneven: more than 1 % of the steps differ from
 * the median by more than one tick and 2 % (one tick of rounding is normal, e.g. 29.97 fps at 1/600).
 */
export function isVariableFrameRate(avg: FrameRate | null, base: FrameRate | null, pts: number[]): boolean {
  if (avg && base && Math.abs(avg.fps - base.fps) / base.fps > 0.01) return true;
  const all = [...new Set(pts)].sort((a, b) => a - b);
  // The sample ends in decode order, so reordered (B-)frames just after the cut are missing and
  // would leave a false gap among the last presentation times.
  const sorted = all.slice(0, all.length - Math.min(16, Math.floor(all.length / 4)));
  if (sorted.length < 4) return false;
  const steps: number[] = [];
  for (let i = 1; i < sorted.length; i += 1) steps.push(sorted[i]! - sorted[i - 1]!);
  const median = [...steps].sort((a, b) => a - b)[Math.floor(steps.length / 2)]!;
  if (median <= 0) return false;
  const tolerance = Math.max(1, median * 0.02);
  const uneven = steps.filter((step) => Math.abs(step - median) > tolerance).length;
  return uneven > Math.max(0, steps.length * 0.01);
}

function interpretAudio(stream: Json): AudioStreamInfo {
  return {
    index: asNumber(stream.index) ?? 0,
    codec: asString(stream.codec_name) ?? 'unknown',
    channels: asNumber(stream.channels) ?? 0,
    sampleRate: asNumber(stream.sample_rate) ?? 0,
    channelLayout: asString(stream.channel_layout),
  };
}
