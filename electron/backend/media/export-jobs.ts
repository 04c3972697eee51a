import { msg } from '../../../shared/api/envelope';
import ffmpeg from 'fluent-ffmpeg';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { argsOf, MP4_OUTPUT, runFfmpeg, type FfmpegJob, type RunFfmpegOptions } from './ffmpeg-jobs';
import { MediaError } from './media-error';
import { inputUrl, SAFE_INPUT_OPTIONS, type MediaProbe, type Rational } from './probe';

/**
 * What an exported video shows, in order: pieces of the source cut at exact frames, and title
 * cards (a plain background with a few lines of text) in between.
 */
export type ExportPiece =
  | {
      kind: 'source';
      /** First frame of the piece, counted at the source's frame rate. */
      startFrame: number;
      frameCount: number;
    }
  | {
      kind: 'card';
      frameCount: number;
      /** Lines of text, top to bottom; drawn only when a font was found. */
      lines: readonly TitleLine[];
    };

export interface TitleLine {
  text: string;
  /** Relative size: 'large' for the tags, 'small' for the time under them. */
  size: 'large' | 'small';
}

export interface ExportJobOptions {
  /** A TrueType/OpenType file for the title cards; null draws the cards without text. */
  fontFile: string | null;
  /** Dutch noun phrase for messages ("de feedbackfilm"). */
  label: string;
  /** x264 speed/size trade-off; veryfast matches the proxies (about twice real time for 1080p on two cores). */
  preset?: string;
  crf?: number;
}

/** Title card colours: calm, high contrast, no brand. */
const CARD_BACKGROUND = '0x1f3a4d';
const CARD_TEXT = 'white';
const CARD_SUBTEXT = '0xc9dde8';
/** Every exported piece's audio is made alike so the concat filter can join them without guessing. */
const AUDIO_FORMAT = 'aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo';

/**
 * One level of ffmpeg's token quoting (av_get_token): inside '…' every character is literal, and a
 * quote itself is written as '\'' (close, escaped quote, reopen).
 */
function quoteOnce(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A value for a filter option inside a filtergraph is unquoted twice: once when the graph is split
 * into filters, once when the filter splits its options. Quoting twice makes any text literal
 * (`: , ; [ ] ' \` included), so tag names typed by users cannot change the graph. drawtext's own
 * `%{…}` expansion is switched off separately (expansion=none).
 */
export function filterValue(value: string): string {
  return quoteOnce(quoteOnce(value));
}

/** Control characters would draw as boxes (or break a line we did not plan); they become spaces. */
export function printableText(value: string): string {
  return value.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** Seconds with microsecond precision, the way ffmpeg reads times. */
const seconds = (value: number) => Math.max(0, value).toFixed(6);

/** The shown size after the rotation ffmpeg applies while decoding, and the pixel shape that goes with it. */
function pictureOf(probe: MediaProbe): { width: number; height: number; sar: Rational } {
  const video = probe.video;
  if (!video) throw new MediaError('not_video', msg('Dit bestand bevat geen videobeeld.', 'This file contains no video picture.'), probe.path);
  const sar = video.sampleAspectRatio ?? { num: 1, den: 1 };
  const turned = video.rotation % 180 !== 0;
  return {
    width: turned ? video.height : video.width,
    height: turned ? video.width : video.height,
    sar: turned ? { num: sar.den, den: sar.num } : sar,
  };
}

/**
 * Font sizes from the picture: a 16:9 box that fits it, so a line holds about the same number of
 * characters in landscape and portrait (see TITLE_LINE_CHARS in the feature).
 */
export function titleFontSizes(width: number, height: number): { large: number; small: number } {
  const base = Math.min(width, (height * 16) / 9);
  return { large: Math.max(8, Math.round(base / 24)), small: Math.max(8, Math.round(base / 32)) };
}

function drawTextFilters(lines: readonly TitleLine[], fontFile: string, width: number, height: number): string[] {
  const sizes = titleFontSizes(width, height);
  const heights = lines.map((line) => Math.round(sizes[line.size] * 1.4));
  const total = heights.reduce((sum, h) => sum + h, 0);
  let y = Math.round((height - total) / 2);
  return lines.flatMap((line, i) => {
    const top = y;
    y += heights[i]!;
    const text = printableText(line.text);
    if (!text) return [];
    const filter = [
      `drawtext=fontfile=${filterValue(fontFile)}`,
      'expansion=none',
      `text=${filterValue(text)}`,
      `fontsize=${sizes[line.size]}`,
      `fontcolor=${line.size === 'large' ? CARD_TEXT : CARD_SUBTEXT}`,
      'x=(w-text_w)/2',
      `y=${top}`,
    ];
    return [filter.join(':')];
  });
}

/**
 * One ffmpeg run that cuts the pieces from the source and joins them with the title cards into one
 * H.264/AAC MP4 with the source's picture size and frame rate.
 *
 * Each source piece is its own input with `-ss` before `-i`, so ffmpeg seeks to the keyframe before
 * it instead of decoding the whole visit; the cut itself is exact: the seek lands half a frame
 * before the first frame (so rounding of times cannot gain or lose a frame) and `trim=end_frame`
 * counts frames, not seconds. Audio is cut to the same instants. Inputs are read only when the
 * concat filter needs them, so ten pieces cost ten seeks, not ten decoders running at once.
 */
export function buildExportJob(probe: MediaProbe, pieces: readonly ExportPiece[], outputPath: string, options: ExportJobOptions): FfmpegJob {
  const video = probe.video;
  if (!video) throw new MediaError('not_video', msg('Dit bestand bevat geen videobeeld.', 'This file contains no video picture.'), probe.path);
  if (pieces.length === 0) throw new Error('export without pieces');
  const rate = video.frameRate?.rational ?? video.baseFrameRate?.rational;
  if (!rate || rate.num <= 0 || rate.den <= 0) throw new MediaError('unsupported', msg(
    'De beeldsnelheid van deze opname is onbekend; exporteren lukt niet.',
    'The frame rate of this recording is unknown; it cannot be exported.',
  ), probe.path);
  const frameS = rate.den / rate.num;
  const { width, height, sar } = pictureOf(probe);
  const audio = probe.audio;

  const cmd = ffmpeg();
  const graph: string[] = [];
  const joined: string[] = [];
  let inputs = 0;
  let totalFrames = 0;
  for (const [i, piece] of pieces.entries()) {
    const durationS = seconds(piece.frameCount * frameS);
    totalFrames += piece.frameCount;
    if (piece.kind === 'card') {
      const text = options.fontFile ? drawTextFilters(piece.lines, options.fontFile, width, height) : [];
      graph.push(
        [
          `color=c=${CARD_BACKGROUND}:s=${width}x${height}:r=${rate.num}/${rate.den}`,
          `trim=end_frame=${piece.frameCount}`,
          'format=yuv420p',
          `setsar=${sar.num}/${sar.den}`,
          ...text,
        ].join(',') + `[v${i}]`,
      );
      graph.push(`anullsrc=r=48000:cl=stereo,atrim=duration=${durationS}[a${i}]`);
    } else {
      // Half a frame before the first frame; frame 0 needs no margin (and nothing may come before it).
      const seekS = piece.startFrame === 0 ? 0 : (piece.startFrame - 0.5) * frameS;
      const leadS = piece.startFrame === 0 ? 0 : 0.5 * frameS;
      // One frame more than needed: trim counts the frames, the read limit only bounds the decoding.
      const readS = seconds((piece.frameCount + 1) * frameS + leadS);
      cmd.input(inputUrl(probe.path)).inputOptions(...SAFE_INPUT_OPTIONS, '-ss', seconds(seekS), '-t', readS);
      const n = inputs++;
      graph.push(`[${n}:${video.index}]trim=end_frame=${piece.frameCount},setpts=PTS-STARTPTS,format=yuv420p,setsar=${sar.num}/${sar.den}[v${i}]`);
      // The audio starts at the first frame's instant, so picture and sound stay in sync to the sample.
      graph.push(
        audio
          ? `[${n}:${audio.index}]atrim=start=${seconds(leadS)}:duration=${durationS},asetpts=PTS-STARTPTS,${AUDIO_FORMAT}[a${i}]`
          : `anullsrc=r=48000:cl=stereo,atrim=duration=${durationS}[a${i}]`,
      );
    }
    joined.push(`[v${i}][a${i}]`);
  }
  graph.push(`${joined.join('')}concat=n=${pieces.length}:v=1:a=1[vout][aout]`);

  const gop = String(Math.max(1, Math.round(rate.num / rate.den)));
  cmd
    .complexFilter(graph, ['vout', 'aout'])
    .videoCodec('libx264')
    .outputOptions(
      '-preset', options.preset ?? 'veryfast',
      '-crf', String(options.crf ?? 21),
      '-profile:v', 'high',
      '-pix_fmt', 'yuv420p',
      '-g', gop,
      // The output keeps the source's rate exactly (30000/1001 stays that, not 29.97).
      '-r', `${rate.num}/${rate.den}`,
    )
    .audioCodec('aac')
    .audioBitrate('128k')
    .outputOptions(...MP4_OUTPUT)
    .format('mp4');
  return { kind: 'export', args: argsOf(cmd), outputs: [outputPath], durationMs: Math.round(totalFrames * frameS * 1000), label: options.label };
}

// ---- several runs for long exports -----------------------------------------------------------

/**
 * ffmpeg opens every input at the start and keeps a decoder with its frames per input (about
 * 50 MB for 1080p), so one run takes at most this many pixels' worth of source pieces: ten 1080p
 * fragments (under 700 MB), fewer for larger pictures. Longer exports are made in parts and joined.
 */
const SOURCE_PIXELS_PER_RUN = 10 * 1920 * 1080;

export function sourcesPerRun(probe: MediaProbe): number {
  const { width, height } = pictureOf(probe);
  return Math.max(1, Math.floor(SOURCE_PIXELS_PER_RUN / Math.max(1, width * height)));
}

/**
 * Splits the pieces into runs of at most `maxSources` source pieces, each run starting with the
 * card that belongs to its first fragment. The joins then fall at the start of a title card, in
 * silence, where the few milliseconds an AAC join can shift are inaudible.
 */
export function splitIntoRuns(pieces: readonly ExportPiece[], maxSources: number): ExportPiece[][] {
  const runs: ExportPiece[][] = [];
  let current: ExportPiece[] = [];
  let sources = 0;
  for (const [i, piece] of pieces.entries()) {
    const startsUnit = piece.kind === 'card' || pieces[i - 1]?.kind !== 'card';
    if (startsUnit && sources >= maxSources) {
      runs.push(current);
      current = [];
      sources = 0;
    }
    current.push(piece);
    if (piece.kind === 'source') sources += 1;
  }
  if (current.length) runs.push(current);
  return runs;
}

/**
 * Joins parts made by buildExportJob: the picture is copied (same encoder settings, so the parts'
 * H.264 fits together); the sound is encoded once more, because each AAC part starts with its own
 * encoder priming that a copy would keep as a 21 ms shift per join. Audio encoding costs little.
 */
export function buildJoinJob(listPath: string, outputPath: string, durationMs: number, label: string): FfmpegJob {
  const cmd = ffmpeg()
    .input(inputUrl(listPath))
    // The concat demuxer opens the parts with these same restrictions; its safe mode allows only plain names next to the list.
    .inputOptions('-protocol_whitelist', 'file', '-format_whitelist', 'concat,mov', '-f', 'concat', '-safe', '1')
    // Without -copyts ffmpeg would move the picture by the first part's AAC priming (21 ms), because that is the input's earliest time.
    .outputOptions('-copyts', '-map', '0:v:0', '-map', '0:a:0', '-c:v', 'copy')
    .audioCodec('aac')
    .audioBitrate('128k')
    .outputOptions(...MP4_OUTPUT)
    .format('mp4');
  return { kind: 'export', args: argsOf(cmd), outputs: [outputPath], durationMs, label };
}

export interface RunExportOptions extends ExportJobOptions, Pick<RunFfmpegOptions, 'ffmpegPath' | 'signal' | 'onProgress'> {
  /** Where parts and half-written output live: the library's temp folder (same file system as the output). */
  tempDir: string;
  /** Default: sourcesPerRun(probe). */
  maxSourcesPerRun?: number;
}

/**
 * Makes one export: a single ffmpeg run when it fits (see SOURCE_PIXELS_PER_RUN), otherwise parts
 * in a private temp folder joined by a copy. Progress runs once from 0 to 1 over all runs. The
 * output appears only complete; parts are always removed.
 */
export async function runExport(probe: MediaProbe, pieces: readonly ExportPiece[], outputPath: string, options: RunExportOptions): Promise<FfmpegJob[]> {
  const runs = splitIntoRuns(pieces, options.maxSourcesPerRun ?? sourcesPerRun(probe));
  const { tempDir, signal, onProgress, ffmpegPath } = options;
  const base = { ...(signal ? { signal } : {}), ...(ffmpegPath ? { ffmpegPath } : {}) };
  if (runs.length === 1) {
    const job = buildExportJob(probe, pieces, outputPath, options);
    await runFfmpeg(job, { ...base, ...(onProgress ? { onProgress } : {}), tempDir });
    return [job];
  }

  const partDir = await mkdtemp(join(tempDir, 'export-parts-'));
  try {
    const started = Date.now();
    const jobs = runs.map((run, i) => buildExportJob(probe, run, join(partDir, `part-${i}.mp4`), options));
    const totalMs = jobs.reduce((sum, job) => sum + (job.durationMs ?? 0), 0);
    // Encoding is nearly all the work; the join is a copy.
    const ENCODE_SHARE = 0.98;
    let doneMs = 0;
    const report = (fraction: number) => {
      if (!onProgress) return;
      const elapsed = Date.now() - started;
      onProgress(fraction, fraction >= 0.01 ? Math.round((elapsed * (1 - fraction)) / fraction) : null);
    };
    for (const job of jobs) {
      const partMs = job.durationMs ?? 0;
      await runFfmpeg(job, { ...base, tempDir: partDir, onProgress: (f) => report((ENCODE_SHARE * (doneMs + f * partMs)) / Math.max(1, totalMs)) });
      doneMs += partMs;
    }
    const listPath = join(partDir, 'parts.ffconcat');
    // inpoint 0: each part's picture starts where its own clock says 0, not at the AAC priming before it.
    await writeFile(listPath, `ffconcat version 1.0\n${jobs.map((job) => `file '${basename(job.outputs[0]!)}'\ninpoint 0`).join('\n')}\n`);
    const joinJob = buildJoinJob(listPath, outputPath, totalMs, options.label);
    await runFfmpeg(joinJob, { ...base, tempDir, onProgress: (f) => report(ENCODE_SHARE + (1 - ENCODE_SHARE) * f) });
    return [...jobs, joinJob];
  } finally {
    await rm(partDir, { recursive: true, force: true }).catch(() => undefined);
  }
}
