import { describe, expect, it } from 'vitest';
import type { Fragment } from '../../../../shared/domain/fragments';
import { hitTest, laneLayout, type DrawState } from './timeline-canvas';
import { buildLanes } from './timeline-view';

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
    tags: [{ id: 1, name: 'oogcontact', color: '#cc79a7', archived: false }],
    caregiverId: null,
    note: '',
    forFeedback: false,
    answers: [],
    origin: 'app',
    createdAt: '',
    updatedAt: '',
  };
}

const lanes = buildLanes([fragment(1, 1, 1000, 3000), fragment(2, 1, 5000, 5000), fragment(3, 2, 1000, 3000), fragment(4, 1, 1500, 1600)], { id: 1, initials: 'ME' });
const state: DrawState = {
  lanes,
  view: { startMs: 0, msPerPx: 10 },
  widthPx: 800,
  durationMs: 10_000,
  frameMs: 40,
  selectedId: null,
  hiddenByFilter: null,
  drag: null,
  pending: null,
};
const layout = laneLayout(lanes);

describe('timeline hit testing', () => {
  it('stacks lanes, taller when fragments overlap', () => {
    expect(layout.height).toEqual([44, 44]);
    const many = buildLanes([fragment(1, 1, 0, 900), fragment(2, 1, 100, 900), fragment(3, 1, 200, 900)], { id: 1, initials: 'ME' });
    expect(laneLayout(many).height[0]).toBeGreaterThan(44);
  });

  it('finds own edges to drag, never another rater’s', () => {
    const rowY = layout.top[0]! + 10;
    expect(hitTest(state, layout, 101, rowY)).toMatchObject({ fragment: { id: 1 }, edge: 'start' });
    expect(hitTest(state, layout, 299, rowY)).toMatchObject({ fragment: { id: 1 }, edge: 'end' });
    expect(hitTest(state, layout, 250, rowY)).toMatchObject({ fragment: { id: 1 }, edge: null });
    expect(hitTest(state, layout, 101, layout.top[1]! + 10)).toMatchObject({ fragment: { id: 3 }, edge: null });
    expect(hitTest(state, layout, 500, rowY)).toMatchObject({ fragment: { id: 2 }, edge: 'end' });
    expect(hitTest(state, layout, 700, rowY)).toBeNull();
  });

  it('reaches a short fragment in the second row of a lane', () => {
    const rows = lanes[0]!.rows;
    expect(rows).toBe(2);
    const secondRowY = layout.top[0]! + 3 + (44 - 6) / 2 + 5;
    expect(hitTest(state, layout, 155, secondRowY)).toMatchObject({ fragment: { id: 4 } });
  });
});
