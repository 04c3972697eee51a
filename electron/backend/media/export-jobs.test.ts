import { describe, expect, it } from 'vitest';
import { buildExportJob, filterValue, printableText, sourcesPerRun, splitIntoRuns, type ExportPiece } from './export-jobs';
import type { MediaProbe } from './probe';

/** libavutil's av_get_token, as ffmpeg uses it to split a filtergraph and then a filter's options. */
function avGetToken(input: string, term: string): { token: string; rest: string } {
  let p = 0;
  while (p < input.length && ' \n\t\r'.includes(input[p]!)) p += 1;
  let out = '';
  let end = 0;
  while (p < input.length && !term.includes(input[p]!)) {
    const c = input[p++]!;
    if (c === '\\' && p < input.length) {
      out += input[p++]!;
      end = out.length;
    } else if (c === "'") {
      while (p < input.length && input[p] !== "'") out += input[p++]!;
      if (p < input.length) {
        p += 1;
        end = out.length;
      }
    } else {
      out += c;
    }
  }
  // Trailing whitespace outside quotes is dropped.
  while (out.length > end && ' \n\t\r'.includes(out[out.length - 1]!)) out = out.slice(0, -1);
  return { token: out, rest: input.slice(p) };
}

describe('filterValue', () => {
  it.each([`it's: 50%, [x]; a,b`, `\\ back\\slash \\'`, `'''`, `%{pts} %{localtime}`, `  spaties  `, 'C:\\Windows\\Fonts\\arial.ttf', 'één · 😀'])(
    'survives both levels of unquoting: %s',
    (text) => {
      const graph = `drawtext=text=${filterValue(text)}:fontsize=12[out];next`;
      // Level 1: the graph parser takes the filter's arguments up to an unquoted [ ] , or ;
      const args = avGetToken(graph.slice('drawtext='.length), '[],;');
      expect(args.rest).toBe('[out];next');
      // Level 2: the filter splits its options at an unquoted :
      const key = 'text=';
      expect(args.token.startsWith(key)).toBe(true);
      const value = avGetToken(args.token.slice(key.length), ':');
      expect(value.token).toBe(text);
      expect(value.rest).toBe(':fontsize=12');
    },
  );

  it('makes control characters spaces', () => {
    expect(printableText('a\nb\u0000c\u202Ed  ')).toBe('a b c d');
  });
});

const probe: MediaProbe = {
  path: '/library/derived/abc-playable.mp4',
  sizeBytes: 1000,
  durationMs: 60_000,
  container: { formatName: 'mov,mp4,m4a,3gp,3g2,mj2', family: 'mp4', majorBrand: 'isom', moovBeforeMdat: true, truncated: false },
  video: {
    index: 0,
    codec: 'h264',
    profile: 'High',
    width: 1280,
    height: 720,
    rotation: 0,
    displayWidth: 1280,
    displayHeight: 720,
    sampleAspectRatio: null,
    frameRate: { rational: { num: 25, den: 1 }, fps: 25 },
    baseFrameRate: { rational: { num: 25, den: 1 }, fps: 25 },
    variableFrameRate: false,
    fieldOrder: 'progressive',
    interlaced: false,
    pixelFormat: 'yuv420p',
    bitDepth: 8,
    keyframeGapS: null,
  },
  audio: { index: 1, codec: 'aac', channels: 2, sampleRate: 48000, channelLayout: 'stereo' },
};

describe('buildExportJob', () => {
  it('seeks each piece on its own input, half a frame early, and counts frames', () => {
    const job = buildExportJob(
      probe,
      [
        { kind: 'card', frameCount: 50, lines: [{ text: 'Spel', size: 'large' }] },
        { kind: 'source', startFrame: 250, frameCount: 125 },
        { kind: 'source', startFrame: 0, frameCount: 25 },
      ],
      '/out.mp4',
      { fontFile: '/fonts/x.ttf', label: 'de feedbackfilm' },
    );
    const args = job.args;
    const inputs = args.flatMap((arg, i) => (arg === '-i' ? [args[i + 1]] : []));
    expect(inputs).toEqual(['file:/library/derived/abc-playable.mp4', 'file:/library/derived/abc-playable.mp4']);
    expect(args.filter((arg) => arg === '-ss').length).toBe(2);
    expect(args[args.indexOf('-ss') + 1]).toBe('9.980000');
    expect(args).toContain('-protocol_whitelist');
    const graph = args[args.indexOf('-filter_complex') + 1]!;
    expect(graph).toContain('[0:0]trim=end_frame=125');
    expect(graph).toContain('[0:1]atrim=start=0.020000:duration=5.000000');
    expect(graph).toContain('[1:0]trim=end_frame=25');
    expect(graph).toContain('concat=n=3:v=1:a=1[vout][aout]');
    expect(graph).toContain('expansion=none');
    expect(job.durationMs).toBe(8000);
    expect(args.slice(-2)).toEqual(['-f', 'mp4']);
  });

  it('draws plain cards without a font, and silence where the source has no sound', () => {
    const job = buildExportJob({ ...probe, audio: null }, [
      { kind: 'card', frameCount: 50, lines: [{ text: 'Spel', size: 'large' }] },
      { kind: 'source', startFrame: 10, frameCount: 10 },
    ], '/out.mp4', { fontFile: null, label: 'x' });
    const graph = job.args[job.args.indexOf('-filter_complex') + 1]!;
    expect(graph).not.toContain('drawtext');
    expect(graph.match(/anullsrc/g)).toHaveLength(2);
  });
});

describe('splitIntoRuns', () => {
  const card: ExportPiece = { kind: 'card', frameCount: 50, lines: [] };
  const source = (startFrame: number): ExportPiece => ({ kind: 'source', startFrame, frameCount: 10 });
  it('keeps each card with its fragment and starts every run with a card', () => {
    const runs = splitIntoRuns([card, source(0), card, source(100), card, source(200)], 2);
    expect(runs).toEqual([[card, source(0), card, source(100)], [card, source(200)]]);
  });
  it('splits clips without cards by source', () => {
    expect(splitIntoRuns([source(0), source(1), source(2)], 1)).toHaveLength(3);
    expect(splitIntoRuns([source(0), source(1), source(2)], 5)).toHaveLength(1);
  });
  it('fits ten 1080p fragments in one run, fewer of a larger picture', () => {
    expect(sourcesPerRun({ ...probe, video: { ...probe.video!, width: 1920, height: 1080 } })).toBe(10);
    expect(sourcesPerRun({ ...probe, video: { ...probe.video!, width: 3840, height: 2160 } })).toBe(2);
  });
});
