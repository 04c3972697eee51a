/**
 * Draws the timeline's lanes on one canvas, and finds what is under the pointer. A canvas because
 * at whole-clip zoom all 2,000 fragments of a busy recording are in view: as DOM elements each zoom
 * step costs a relayout and repaint of all of them, on a canvas it is a few thousand rectangles.
 */
import type { Fragment } from '../../../../shared/domain/fragments';
import { inkOn } from './fragment-format';
import { itemsInWindow, type Lane, type LaneItem, type TimelineView } from './timeline-view';

const LANE_PX = 44;
const ROW_PX = 18;
const PAD_Y = 3;
const POINT_PX = 4;
const EDGE_PX = 6;

export interface DrawState {
  lanes: readonly Lane[];
  view: TimelineView;
  widthPx: number;
  durationMs: number;
  frameMs: number;
  selectedId: number | null;
  hiddenByFilter: ReadonlySet<number> | null;
  /** A fragment being dragged, drawn at its new times. */
  drag: { id: number; startMs: number; endMs: number } | null;
  pending: { startMs: number; endMs: number | null; color: string | null } | null;
}

export interface LaneLayout {
  top: number[];
  height: number[];
  total: number;
}

/** A lane is 44 px, or taller when overlapping fragments need rows: each row keeps room for a label. */
export function laneLayout(lanes: readonly Lane[]): LaneLayout {
  const top: number[] = [];
  const height: number[] = [];
  let y = 0;
  for (const lane of lanes) {
    const h = Math.max(LANE_PX, lane.rows * ROW_PX + 2 * PAD_Y);
    top.push(y);
    height.push(h);
    y += h;
  }
  return { top, height, total: y };
}

interface Box {
  x: number;
  w: number;
  y: number;
  h: number;
}

function boxOf(item: LaneItem, laneTop: number, laneHeight: number, rows: number, startMs: number, endMs: number, view: TimelineView): Box {
  const x0 = (startMs - view.startMs) / view.msPerPx;
  const x1 = (endMs - view.startMs) / view.msPerPx;
  const point = startMs === endMs;
  const inner = laneHeight - 2 * PAD_Y;
  const rowH = inner / rows;
  return {
    x: point ? x0 - POINT_PX / 2 : x0,
    w: point ? POINT_PX : Math.max(3, x1 - x0),
    y: laneTop + PAD_Y + item.row * rowH,
    h: Math.max(3, rowH - 1),
  };
}

function timesOf(fragment: Fragment, drag: DrawState['drag']): [number, number] {
  return drag && drag.id === fragment.id ? [drag.startMs, drag.endMs] : [fragment.startMs, fragment.endMs];
}

/** Draws everything and returns how many fragments it drew (for the benchmark and tests). */
export function drawTimeline(ctx: CanvasRenderingContext2D, state: DrawState, layout: LaneLayout, dpr: number): number {
  const { lanes, view, widthPx, frameMs } = state;
  const height = layout.total;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, widthPx, height);

  lanes.forEach((lane, i) => {
    ctx.fillStyle = lane.mine ? '#eef7f7' : '#fbfcfd';
    ctx.fillRect(0, layout.top[i]!, widthPx, layout.height[i]!);
    ctx.fillStyle = '#d5dbe2';
    ctx.fillRect(0, layout.top[i]!, widthPx, 1);
  });

  // Frame lines once a frame is wide enough to aim at.
  const framePx = frameMs / view.msPerPx;
  if (framePx >= 6) {
    ctx.fillStyle = 'rgba(29, 39, 51, 0.10)';
    const first = Math.floor(view.startMs / frameMs);
    for (let f = first; (f * frameMs - view.startMs) / view.msPerPx <= widthPx; f += 1) {
      ctx.fillRect(Math.round((f * frameMs - view.startMs) / view.msPerPx), 0, 1, height);
    }
  }

  const slack = 8 * view.msPerPx;
  const fromMs = view.startMs - slack;
  const toMs = view.startMs + widthPx * view.msPerPx + slack;
  let drawn = 0;
  let selected: { box: Box } | null = null;
  ctx.font = '11px system-ui, "Segoe UI", Roboto, Arial, sans-serif';
  ctx.textBaseline = 'middle';

  lanes.forEach((lane, laneIndex) => {
    for (const item of itemsInWindow(lane, fromMs, toMs)) {
      const { fragment } = item;
      const [startMs, endMs] = timesOf(fragment, state.drag);
      const box = boxOf(item, layout.top[laneIndex]!, layout.height[laneIndex]!, lane.rows, startMs, endMs, view);
      if (box.x + box.w < -2 || box.x > widthPx + 2) continue;
      drawn += 1;
      const faint = state.hiddenByFilter?.has(fragment.id) ?? false;
      ctx.globalAlpha = faint ? 0.18 : fragment.mine ? 1 : 0.8;
      const colors = fragment.tags.length > 0 ? fragment.tags.map((tag) => tag.color) : ['#9aa5b1'];
      const band = box.h / colors.length;
      colors.forEach((color, k) => {
        ctx.fillStyle = color;
        ctx.fillRect(box.x, box.y + k * band, box.w, Math.ceil(band));
      });
      if (box.w >= 5) {
        ctx.strokeStyle = 'rgba(0, 0, 0, 0.4)';
        ctx.lineWidth = 1;
        ctx.setLineDash(fragment.mine ? [] : [3, 2]);
        ctx.strokeRect(box.x + 0.5, box.y + 0.5, box.w - 1, box.h - 1);
        ctx.setLineDash([]);
      }
      if (fragment.forFeedback) {
        ctx.fillStyle = '#f2a900';
        ctx.fillRect(box.x, box.y, box.w, 3);
      }
      if (fragment.mine && box.w > 3 * EDGE_PX) {
        ctx.fillStyle = 'rgba(0, 0, 0, 0.22)';
        ctx.fillRect(box.x, box.y, 3, box.h);
        ctx.fillRect(box.x + box.w - 3, box.y, 3, box.h);
      }
      // A label where there is room; it starts at the left edge of the view for a block that began off screen.
      const textX = Math.max(box.x, 0) + 5;
      const room = box.x + box.w - textX - 5;
      if (room > 24 && box.h >= 12) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(textX, box.y, room, box.h);
        ctx.clip();
        ctx.fillStyle = inkOn(colors[0]!);
        ctx.fillText(`${fragment.forFeedback ? '★ ' : ''}${fragment.tags.map((tag) => tag.name).join(' · ')}`, textX, box.y + box.h / 2 + 0.5);
        ctx.restore();
      }
      if (fragment.id === state.selectedId) selected = { box };
    }
  });
  ctx.globalAlpha = 1;

  if (state.pending) {
    const laneIndex = lanes.findIndex((lane) => lane.mine);
    const x0 = (state.pending.startMs - view.startMs) / view.msPerPx;
    const x1 = ((state.pending.endMs ?? state.pending.startMs) - view.startMs) / view.msPerPx;
    const y = (layout.top[Math.max(0, laneIndex)] ?? 0) + 1;
    const h = layout.height[Math.max(0, laneIndex)] ?? LANE_PX;
    ctx.fillStyle = 'rgba(242, 169, 0, 0.28)';
    ctx.fillRect(x0, y, Math.max(3, x1 - x0), h - 2);
    ctx.strokeStyle = state.pending.color ?? '#1d2733';
    ctx.lineWidth = 2;
    ctx.setLineDash([5, 3]);
    ctx.strokeRect(x0, y + 1, Math.max(3, x1 - x0), h - 4);
    ctx.setLineDash([]);
  }

  if (selected) {
    const { box } = selected as { box: Box };
    ctx.strokeStyle = '#f2a900';
    ctx.lineWidth = 3;
    ctx.strokeRect(box.x - 1.5, box.y - 1.5, box.w + 3, box.h + 3);
    ctx.strokeStyle = '#1d2733';
    ctx.lineWidth = 1;
    ctx.strokeRect(box.x - 3.5, box.y - 3.5, box.w + 7, box.h + 7);
  }
  return drawn;
}

export interface Hit {
  lane: Lane;
  fragment: Fragment;
  /** An edge of one's own fragment, within grabbing distance. */
  edge: 'start' | 'end' | null;
}

/** What is under a point of the canvas (CSS pixels): the top-most (last drawn) fragment there. */
export function hitTest(state: DrawState, layout: LaneLayout, x: number, y: number): Hit | null {
  const laneIndex = layout.top.findIndex((top, i) => y >= top && y < top + layout.height[i]!);
  const lane = state.lanes[laneIndex];
  if (!lane) return null;
  const ms = state.view.startMs + x * state.view.msPerPx;
  const tolerance = Math.max(EDGE_PX, POINT_PX) * state.view.msPerPx;
  const candidates = itemsInWindow(lane, ms - tolerance, ms + tolerance);
  let best: Hit | null = null;
  let bestDistance = Infinity;
  for (const item of candidates) {
    const [startMs, endMs] = timesOf(item.fragment, state.drag);
    const box = boxOf(item, layout.top[laneIndex]!, layout.height[laneIndex]!, lane.rows, startMs, endMs, state.view);
    if (y < box.y - 1 || y > box.y + box.h + 1) continue;
    const inside = x >= box.x - 2 && x <= box.x + box.w + 2;
    if (!inside) continue;
    let edge: Hit['edge'] = null;
    if (lane.mine && item.fragment.mine) {
      if (startMs === endMs) edge = 'end';
      else if (x - box.x <= EDGE_PX && box.w > EDGE_PX) edge = 'start';
      else if (box.x + box.w - x <= EDGE_PX) edge = 'end';
    }
    // Prefer the narrowest block under the pointer: a short fragment on top of a long one stays reachable.
    const distance = box.w;
    if (distance <= bestDistance) {
      best = { lane, fragment: item.fragment, edge };
      bestDistance = distance;
    }
  }
  return best;
}
