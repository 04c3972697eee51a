import { describe, expect, it } from 'vitest';
import type { Fragment } from '../../../../shared/domain/fragments';
import { buildLanes, clampView, followPlayhead, itemsInWindow, revealSpan, ticks, wholeClip, zoomAt, zoomBounds, type ViewLimits } from './timeline-view';

const limits: ViewLimits = { durationMs: 900_000, widthPx: 900, frameMs: 1001 / 30 };

function fragment(id: number, raterId: number, startMs: number, endMs: number): Fragment {
  return {
    id,
    recordingId: 1,
    raterId,
    raterInitials: `R${raterId}`,
    mine: raterId === 1,
    startMs,
    endMs,
    startFrame: 0,
    endFrame: 0,
    isPoint: startMs === endMs,
    tags: [],
    caregiverId: null,
    note: '',
    forFeedback: false,
    answers: [],
    origin: 'app',
    createdAt: '',
    updatedAt: '',
  };
}

describe('timeline view', () => {
  it('zooms from the whole clip to single frames and no further', () => {
    const all = wholeClip(limits);
    expect(all).toEqual({ startMs: 0, msPerPx: 1000 });
    let view = all;
    for (let i = 0; i < 100; i += 1) view = zoomAt(view, 2, 450, limits);
    expect(view.msPerPx).toBeCloseTo(zoomBounds(limits).min);
    expect(limits.frameMs / view.msPerPx).toBeCloseTo(48);
    for (let i = 0; i < 100; i += 1) view = zoomAt(view, 0.5, 450, limits);
    expect(view).toEqual(all);
  });

  it('keeps the time under the pointer in place while zooming', () => {
    const view = { startMs: 100_000, msPerPx: 100 };
    const zoomed = zoomAt(view, 4, 300, limits);
    expect(zoomed.startMs + 300 * zoomed.msPerPx).toBeCloseTo(100_000 + 300 * 100);
  });

  it('never scrolls before the start or past the end', () => {
    expect(clampView({ startMs: -50, msPerPx: 10 }, limits).startMs).toBe(0);
    expect(clampView({ startMs: 10_000_000, msPerPx: 10 }, limits).startMs).toBe(900_000 - 9000);
  });

  it('reveals a span and follows the playhead page by page', () => {
    const view = { startMs: 0, msPerPx: 10 };
    expect(revealSpan(view, 1000, 2000, limits)).toBe(view);
    const moved = revealSpan(view, 50_000, 51_000, limits);
    expect(moved.startMs).toBeLessThan(50_000);
    expect(moved.startMs + 9000).toBeGreaterThan(51_000);
    expect(followPlayhead(view, 9500, limits).startMs).toBeCloseTo(9500 - 900);
  });

  it('labels ticks in frames when zoomed in that far', () => {
    const frames = ticks({ startMs: 0, msPerPx: 1 }, limits);
    expect(frames.inFrames).toBe(true);
    expect(frames.ticks[1]!.label).toMatch(/· \d+$/);
    const seconds = ticks(wholeClip(limits), limits);
    expect(seconds.inFrames).toBe(false);
    expect(seconds.ticks.map((t) => t.label).slice(0, 2)).toEqual(['0:00', '2:00']);
  });
});

describe('lanes', () => {
  it('gives the active rater the first lane, even when empty, and packs overlaps into rows', () => {
    const lanes = buildLanes([fragment(1, 2, 0, 5000), fragment(2, 2, 1000, 2000), fragment(3, 2, 6000, 7000)], { id: 1, initials: 'ME' });
    expect(lanes.map((l) => [l.raterId, l.items.length])).toEqual([
      [1, 0],
      [2, 3],
    ]);
    expect(lanes[1]!.items.map((i) => i.row)).toEqual([0, 1, 0]);
    expect(lanes[1]!.rows).toBe(2);
  });

  it('finds exactly the fragments overlapping a window', () => {
    const list = Array.from({ length: 2000 }, (_, i) => fragment(i + 1, 1, i * 450, i * 450 + (i % 10 === 0 ? 5000 : 300)));
    const [lane] = buildLanes(list, { id: 1, initials: 'ME' });
    const found = itemsInWindow(lane!, 100_000, 110_000).map((i) => i.fragment.id);
    const expected = list.filter((f) => f.endMs >= 100_000 && f.startMs <= 110_000).map((f) => f.id);
    expect(found).toEqual(expected);
  });
});
