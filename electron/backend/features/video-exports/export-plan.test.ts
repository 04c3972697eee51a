import { describe, expect, it } from 'vitest';
import { clipFileName, clipWindow, clockHms, exportPieces, POINT_CLIP_MS, reelFileName, titleLines, windowFrames, wrapText } from './export-plan';

describe('clipWindow', () => {
  it('keeps a span as marked, clamped to the recording', () => {
    expect(clipWindow({ startMs: 10_000, endMs: 15_000 }, 60_000)).toEqual({ fromMs: 10_000, toMs: 15_000 });
    expect(clipWindow({ startMs: 58_000, endMs: 70_000 }, 60_000)).toEqual({ fromMs: 58_000, toMs: 60_000 });
  });
  it('turns a moment into a 3 s clip centred on it, shifted inward at the edges', () => {
    expect(clipWindow({ startMs: 30_000, endMs: 30_000 }, 60_000)).toEqual({ fromMs: 28_500, toMs: 31_500 });
    expect(clipWindow({ startMs: 500, endMs: 500 }, 60_000)).toEqual({ fromMs: 0, toMs: POINT_CLIP_MS });
    expect(clipWindow({ startMs: 59_900, endMs: 59_900 }, 60_000)).toEqual({ fromMs: 57_000, toMs: 60_000 });
    expect(clipWindow({ startMs: 1000, endMs: 1000 }, 2000)).toEqual({ fromMs: 0, toMs: 2000 });
  });
});

describe('windowFrames', () => {
  it('counts whole frames from the frame showing at the start up to the one showing at the end', () => {
    expect(windowFrames({ fromMs: 10_000, toMs: 15_000 }, { num: 25, den: 1 }, null)).toEqual({ startFrame: 250, frameCount: 125 });
    // 30000/1001: frame 300 starts at 10 010 ms.
    expect(windowFrames({ fromMs: 10_010, toMs: 15_015 }, { num: 30000, den: 1001 }, null)).toEqual({ startFrame: 300, frameCount: 150 });
  });
  it('gives at least one frame and never runs past the last frame', () => {
    expect(windowFrames({ fromMs: 1000, toMs: 1010 }, { num: 25, den: 1 }, null)).toEqual({ startFrame: 25, frameCount: 1 });
    expect(windowFrames({ fromMs: 9000, toMs: 12_000 }, { num: 25, den: 1 }, 10_000)).toEqual({ startFrame: 225, frameCount: 25 });
  });
});

describe('title cards', () => {
  it('shows the tags (or "Fragment") and the start time as hh:mm:ss', () => {
    expect(titleLines(['Sensitief', 'Spel'], 3_723_400)).toEqual(['Sensitief · Spel', '01:02:03']);
    expect(titleLines([], 0)).toEqual(['Fragment', '00:00:00']);
    expect(clockHms(59_999)).toBe('00:00:59');
  });
  it('wraps long tag lists into at most three lines', () => {
    expect(wrapText('aaa bbb ccc', 7, 3)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('abcdefghij', 4, 3)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('a b c d e f', 3, 2)).toEqual(['a b', 'c …']);
    const lines = titleLines(Array.from({ length: 20 }, (_, i) => `Label nummer ${i + 1}`), 0);
    expect(lines).toHaveLength(4);
    expect(lines[2]!.endsWith('…')).toBe(true);
  });
});

describe('exportPieces', () => {
  const window = { fragmentId: 1, fromMs: 2000, toMs: 3000, title: ['Spel', '00:00:02'] };
  it('puts a 2 s card before each fragment of a reel only', () => {
    expect(exportPieces([window], { num: 25, den: 1 }, null, false)).toEqual([{ kind: 'source', startFrame: 50, frameCount: 25 }]);
    expect(exportPieces([window], { num: 25, den: 1 }, null, true)).toEqual([
      { kind: 'card', frameCount: 50, lines: [{ text: 'Spel', size: 'large' }, { text: '00:00:02', size: 'small' }] },
      { kind: 'source', startFrame: 50, frameCount: 25 },
    ]);
  });
});

describe('file names', () => {
  it('holds the family code, date and fragment, never anything else', () => {
    expect(clipFileName('OB-26-001', '2026-03-01', 3, 72_500)).toBe('OB-26-001_2026-03-01_fragment-3_00-01-12.mp4');
    expect(reelFileName('OB-26-001', '2026-03-01')).toBe('OB-26-001_2026-03-01_feedbackfilm.mp4');
  });
});
