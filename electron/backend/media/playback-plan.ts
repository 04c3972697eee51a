import { msg } from '../../../shared/api/envelope';
import { MediaError } from './media-error';
import type { ContainerFamily, FrameRate, MediaProbe, VideoStreamInfo } from './probe';

/**
 * - as_is: the imported file is played directly;
 * - remux: the video is copied bit for bit into a new MP4 (index first), audio made AAC if needed;
 * - proxy: a new H.264/AAC MP4 is encoded (deinterlaced, constant frame rate, upright).
 */
export type PlaybackMode = 'as_is' | 'remux' | 'proxy';

export interface PlaybackPlan {
  mode: PlaybackMode;
  /** Dutch explanation for the recording's details screen and the log. */
  reason: string;
  durationMs: number;
  /** What happens to the first audio stream in a remux or proxy. */
  audio: 'none' | 'copy' | 'aac';
  /** Proxy only: turn fields into frames (bwdif). */
  deinterlace: boolean;
  /** Proxy only: force this constant rate because the source's rate varies. */
  constantFrameRate: FrameRate | null;
  /** Rate of the playable file, for the keyframe interval; null when unknown (then 25 is assumed). */
  outputFrameRate: FrameRate | null;
  /** Proxy only: the picture is larger than the proxy bounds and gets scaled down. */
  downscale: boolean;
  /** Rotation the proxy bakes into the picture (ffmpeg turns it upright while decoding). */
  rotation: 0 | 90 | 180 | 270;
  /** Whether a waveform can be made (there is sound). */
  peaks: boolean;
  /**
   * A better playable version to make in the background after this one. Interlaced camcorder
   * H.264 is remuxed first (minutes sooner to watch, fields woven) and deinterlaced afterwards;
   * a file with far-apart keyframes plays at once and gets a seek-friendly proxy afterwards.
   */
  upgrade?: PlaybackPlan;
}

/**
 * Beyond this distance between keyframes a seek or frame step decodes too many frames (phones
 * write one keyframe a second or fewer; our proxies four a second), so a seek-friendly proxy is
 * made in the background. A little above half a second keeps 15-frame camcorder GOPs as they are.
 */
export const SEEK_FRIENDLY_KEYFRAME_GAP_S = 0.6;

/**
 * Proxies are at most 720p (either orientation): enough to judge interaction, and what keeps
 * seeking quick. Measured in Chromium here (software decoding and painting, as on most clinic
 * laptops), 50 random seeks in the same video with a keyframe every quarter second: p50 17 ms and
 * p95 55–60 ms at 1280×720 against p50 60–66 ms and p95 128–190 ms at 1920×1080.
 */
export const PROXY_LONG_SIDE = 1280;
export const PROXY_SHORT_SIDE = 720;

/**
 * The largest picture a video may have: the largest frame H.264 and HEVC allow at all (level 6.2,
 * 35,651,584 pixels, e.g. 8192×4352), so 8K phones (7680×4320) still import. Anything larger was
 * never filmed by a camera or phone; decoding it needs hundreds of MB per frame and left an
 * unplayable recording (an 8000×8000 Motion-JPEG).
 */
export const MAX_FRAME_PIXELS = 8192 * 4352;
export const MAX_FRAME_SIDE = 8192;

/**
 * The longest recording accepted. Home visits are filmed in clips of about 15 minutes; a header
 * that claims days is damaged or hostile, and its media jobs (time-outs of 6× the duration) would
 * run for weeks. Also the longest position recordings.savePosition accepts.
 */
export const MAX_RECORDING_MS = 24 * 60 * 60 * 1000;

/** H.264 up to full HD plays in Chromium as it is; a camcorder's 1080i is remuxed first for that reason. */
const PLAYS_AS_IS_LONG_SIDE = 1920;
const PLAYS_AS_IS_SHORT_SIDE = 1080;

const exceeds = (video: VideoStreamInfo, long: number, short: number) =>
  video.displayWidth > long || video.displayHeight > long || Math.min(video.displayWidth, video.displayHeight) > short;

const STANDARD_RATES: readonly FrameRate[] = [
  [10, 1], [12, 1], [15, 1], [24000, 1001], [24, 1], [25, 1], [30000, 1001], [30, 1], [48, 1], [50, 1], [60000, 1001], [60, 1],
].map(([num, den]) => ({ rational: { num: num!, den: den! }, fps: num! / den! }));

const CODEC_NAMES: Record<string, string> = {
  h264: 'H.264',
  hevc: 'HEVC (H.265)',
  mpeg2video: 'MPEG-2',
  mpeg4: 'MPEG-4 deel 2',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
  prores: 'ProRes',
  dvvideo: 'DV',
  mjpeg: 'Motion-JPEG',
  wmv3: 'WMV',
  aac: 'AAC',
  ac3: 'AC-3/Dolby Digital',
  eac3: 'E-AC-3',
  mp3: 'MP3',
  pcm_s16le: 'PCM',
  pcm_s16be: 'PCM',
  opus: 'Opus',
};
const CONTAINER_NAMES: Record<ContainerFamily, string> = {
  mp4: 'MP4',
  mov: 'MOV (QuickTime)',
  mpegts: 'MTS/M2TS',
  matroska: 'MKV',
  avi: 'AVI',
  other: 'dit bestandsformaat',
};
const codecName = (codec: string) => CODEC_NAMES[codec] ?? codec.toUpperCase();
const fpsText = (rate: FrameRate) => `${(Math.round(rate.fps * 100) / 100).toLocaleString('nl-NL')} beelden per seconde`;

/**
 * Decides how a probed recording becomes playable in Chromium, or refuses it with a Dutch reason
 * (MediaError). Pure: the decision depends on the probe only.
 */
export function planPlayback(probe: MediaProbe): PlaybackPlan {
  const { video, audio, container } = probe;
  if (!video) {
    throw new MediaError('not_video', audio ? msg('Dit bestand bevat alleen geluid, geen videobeeld.', 'This file contains only sound, no video picture.') : msg('Dit bestand bevat geen videobeeld.', 'This file contains no video picture.'), probe.path);
  }
  if (container.truncated) {
    throw new MediaError('damaged', msg(
      'Het bestand is onvolledig (afgekapt). Kopieer de opname opnieuw van de camera of telefoon.',
      'The file is incomplete (truncated). Copy the recording from the camera or phone again.',
    ), probe.path);
  }
  if (probe.durationMs === null) {
    throw new MediaError('damaged', msg(
      'De lengte van de opname kan niet worden bepaald; het bestand is waarschijnlijk beschadigd.',
      'The length of the recording cannot be determined; the file is probably damaged.',
    ), probe.path);
  }
  if (video.width <= 0 || video.height <= 0) {
    throw new MediaError('damaged', msg(
      'De beeldgrootte van de opname is onbekend; het bestand is waarschijnlijk beschadigd.',
      'The frame size of the recording is unknown; the file is probably damaged.',
    ), probe.path);
  }
  if (video.width > MAX_FRAME_SIDE || video.height > MAX_FRAME_SIDE || video.width * video.height > MAX_FRAME_PIXELS) {
    throw new MediaError(
      'unsupported',
      msg(
        `Het beeld van deze opname is ${video.width}×${video.height} pixels: groter dan een camera of telefoon filmt (hoogstens 8K, 7680×4320). Zo'n bestand kan niet worden afgespeeld en wordt niet geïmporteerd.`,
        `The picture of this recording is ${video.width}×${video.height} pixels: larger than a camera or phone films (at most 8K, 7680×4320). Such a file cannot be played and is not imported.`,
      ),
      probe.path,
    );
  }
  if (probe.durationMs > MAX_RECORDING_MS) {
    const hours = Math.floor(probe.durationMs / 3_600_000);
    throw new MediaError(
      'damaged',
      msg(
        `Volgens het bestand duurt deze opname ${hours.toLocaleString('nl-NL')} uur; opnamen van meer dan 24 uur worden niet geïmporteerd. Het bestand is waarschijnlijk beschadigd of verkeerd opgeslagen.`,
        `According to the file this recording lasts ${hours.toLocaleString('en-GB')} hours; recordings of more than 24 hours are not imported. The file is probably damaged or saved incorrectly.`,
      ),
      probe.path,
    );
  }

  const base = {
    durationMs: probe.durationMs,
    peaks: audio !== null,
    deinterlace: false,
    constantFrameRate: null,
    downscale: false,
    rotation: 0 as const,
    outputFrameRate: video.frameRate,
  };
  const audioPlan: PlaybackPlan['audio'] = audio === null ? 'none' : audio.codec === 'aac' ? 'copy' : 'aac';
  const proxyReasons = reasonsForProxy(video);

  if (proxyReasons.length === 0) {
    const seekUpgrade = seekFriendlyUpgrade(probe, base);
    // The original is what the player would fetch: with the phone's own tags in it (the place of
    // recording is the family's home) a rater would receive them, so those files are re-wrapped
    // without them (MP4_OUTPUT drops every tag).
    const personal = (container.personalTags ?? []).length > 0;
    if (container.family === 'mp4' && audioPlan !== 'aac' && container.moovBeforeMdat !== false && !personal) {
      return {
        ...base,
        mode: 'as_is',
        audio: audioPlan,
        ...seekUpgrade,
        reason: `Deze opname (H.264${audio ? ' met AAC-geluid' : ''} in MP4${audio ? '' : ', zonder geluid'}) kan direct worden afgespeeld.${seekUpgrade.note}`,
      };
    }
    const why: string[] = [];
    if (container.family !== 'mp4') why.push(`de verpakking (${CONTAINER_NAMES[container.family]}) niet overal afspeelbaar is`);
    if (container.family === 'mp4' && container.moovBeforeMdat === false) why.push('de index aan het eind van het bestand staat, wat starten en zoeken vertraagt');
    if (audioPlan === 'aac') why.push(`het geluid (${codecName(audio!.codec)}) wordt omgezet naar AAC`);
    if (personal) why.push('het bestand naast beeld en geluid ook gegevens bevat, zoals de plaats van opname of een titel, die zo worden weggelaten');
    return {
      ...base,
      mode: 'remux',
      audio: audioPlan,
      ...seekUpgrade,
      reason: `De beelden (H.264) blijven ongewijzigd; ze worden zonder kwaliteitsverlies in een MP4-bestand gezet omdat ${why.join(' en ')}.${seekUpgrade.note}`,
    };
  }

  const proxy = proxyPlan(probe, base, proxyReasons);
  const onlyInterlaced = proxyReasons.length === 1 && video.interlaced && !exceeds(video, PLAYS_AS_IS_LONG_SIDE, PLAYS_AS_IS_SHORT_SIDE);
  if (onlyInterlaced) {
    return {
      ...base,
      mode: 'remux',
      audio: audioPlan,
      upgrade: proxy,
      reason:
        'De beelden (H.264) worden eerst zonder kwaliteitsverlies in een MP4-bestand gezet, zodat u meteen kunt kijken' +
        `${audioPlan === 'aac' ? ` (het geluid, ${codecName(audio!.codec)}, wordt AAC)` : ''}. ` +
        'Omdat de camera in halve beelden (interlaced) opnam, wordt daarna op de achtergrond een versie met hele beelden gemaakt; die vervangt de eerste vanzelf.',
    };
  }
  return proxy;
}

function proxyPlan(probe: MediaProbe, base: Omit<PlaybackPlan, 'mode' | 'audio' | 'reason'>, proxyReasons: string[]): PlaybackPlan {
  const video = probe.video!;
  const audio = probe.audio;
  const downscale = exceeds(video, PROXY_LONG_SIDE, PROXY_SHORT_SIDE);
  const constantFrameRate = video.variableFrameRate ? nearestStandardRate(video.frameRate ?? video.baseFrameRate) : null;
  const reasons = [...proxyReasons];
  if (constantFrameRate) reasons[reasons.indexOf(VFR_REASON)] = `${VFR_REASON} (wordt constant ${fpsText(constantFrameRate)})`;
  if (video.rotation !== 0) reasons.push(`het beeld wordt rechtop gezet (${video.rotation}° gedraaid)`);
  if (downscale) reasons.push(`het beeld wordt verkleind tot maximaal ${PROXY_LONG_SIDE}×${PROXY_SHORT_SIDE}`);
  if (audio && audio.codec !== 'aac') reasons.push(`het geluid (${codecName(audio.codec)}) wordt omgezet naar AAC`);
  return {
    ...base,
    mode: 'proxy',
    audio: audio ? 'aac' : 'none',
    deinterlace: video.interlaced,
    constantFrameRate,
    outputFrameRate: constantFrameRate ?? video.frameRate,
    downscale,
    rotation: video.rotation,
    reason: `Er wordt een afspeelversie gemaakt (H.264/AAC in MP4) omdat ${reasons.join('; ')}.`,
  };
}

const VFR_REASON = 'de beeldsnelheid wisselt';

/** The proxy to make after an as-is or remuxed version whose keyframes are too far apart. */
function seekFriendlyUpgrade(probe: MediaProbe, base: Omit<PlaybackPlan, 'mode' | 'audio' | 'reason'>): { upgrade?: PlaybackPlan; note: string } {
  const gap = probe.video?.keyframeGapS ?? null;
  if (gap === null || gap <= SEEK_FRIENDLY_KEYFRAME_GAP_S) return { note: '' };
  const seconds = (Math.round(gap * 10) / 10).toLocaleString('nl-NL');
  const why = `er maar om de ${seconds} seconde${gap >= 1.05 ? 'n' : ''} een sleutelbeeld in staat, waardoor zoeken en beeld-voor-beeld stappen traag zijn`;
  return {
    upgrade: proxyPlan(probe, base, [why]),
    note: ` Omdat ${why}, wordt daarna op de achtergrond een versie gemaakt waarin dat snel gaat; die vervangt deze vanzelf.`,
  };
}

function reasonsForProxy(video: VideoStreamInfo): string[] {
  const reasons: string[] = [];
  if (video.codec !== 'h264') reasons.push(`de video ${codecName(video.codec)} gebruikt, wat niet overal afspeelbaar is`);
  else if (!(video.pixelFormat === 'yuv420p' || video.pixelFormat === 'yuvj420p') || (video.bitDepth ?? 8) > 8) {
    reasons.push(`de video een kleurformaat gebruikt (${video.pixelFormat ?? 'onbekend'}) dat browsers niet afspelen`);
  }
  if (video.interlaced) reasons.push('de beelden geïnterlaced (in halve beelden) zijn opgenomen en worden omgezet naar hele beelden');
  if (video.variableFrameRate) reasons.push(VFR_REASON);
  return reasons;
}

/** Phones vary around a nominal rate; a proxy at the nearest standard rate keeps motion natural. */
export function nearestStandardRate(rate: FrameRate | null): FrameRate {
  const fps = rate?.fps ?? 30;
  let best = STANDARD_RATES[0]!;
  for (const candidate of STANDARD_RATES) {
    if (Math.abs(candidate.fps - fps) < Math.abs(best.fps - fps)) best = candidate;
  }
  return best;
}
