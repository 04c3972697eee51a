/**
 * The timeline's window onto a recording: which span of time is shown, how many milliseconds one
 * pixel covers, and which fragments fall inside. Pure functions, so zooming and scrolling can be
 * tested (and benchmarked) apart from React.
 */
import type { Fragment } from '../../../../shared/domain/fragments';

export interface TimelineView {
  /** Time at the left edge of the visible area. */
  startMs: number;
  /** Milliseconds per CSS pixel; smaller is more zoomed in. */
  msPerPx: number;
}

export interface ViewLimits {
  durationMs: number;
  /** Width of the visible lane area in CSS pixels. */
  widthPx: number;
  /** Duration of one frame (1000 · den / num). */
  frameMs: number;
}

/** At the deepest zoom one frame is this wide: room to grab either edge of a one-frame fragment. */
export const MAX_FRAME_PX = 48;

export function zoomBounds({ durationMs, widthPx, frameMs }: ViewLimits): { min: number; max: number } {
  const max = Math.max(durationMs, 1) / Math.max(widthPx, 1);
  const min = Math.min(max, frameMs / MAX_FRAME_PX);
  return { min, max };
}

export function clampView(view: TimelineView, limits: ViewLimits): TimelineView {
  const { min, max } = zoomBounds(limits);
  const msPerPx = Math.min(max, Math.max(min, view.msPerPx));
  const visibleMs = msPerPx * limits.widthPx;
  const startMs = Math.min(Math.max(0, limits.durationMs - visibleMs), Math.max(0, view.startMs));
  return { startMs, msPerPx };
}

export function wholeClip(limits: ViewLimits): TimelineView {
  return clampView({ startMs: 0, msPerPx: Infinity }, limits);
}

/** Zoom by `factor` (> 1 zooms in) keeping the time under `anchorPx` where it is. */
export function zoomAt(view: TimelineView, factor: number, anchorPx: number, limits: ViewLimits): TimelineView {
  const anchorMs = view.startMs + anchorPx * view.msPerPx;
  const { min, max } = zoomBounds(limits);
  const msPerPx = Math.min(max, Math.max(min, view.msPerPx / factor));
  return clampView({ msPerPx, startMs: anchorMs - anchorPx * msPerPx }, limits);
}

export function scrollByPx(view: TimelineView, deltaPx: number, limits: ViewLimits): TimelineView {
  return clampView({ ...view, startMs: view.startMs + deltaPx * view.msPerPx }, limits);
}

/** Scrolls the least needed so that [fromMs, toMs] (or as much as fits) is in view, with a margin. */
export function revealSpan(view: TimelineView, fromMs: number, toMs: number, limits: ViewLimits, marginPx = 24): TimelineView {
  const visibleMs = view.msPerPx * limits.widthPx;
  const margin = Math.min(marginPx * view.msPerPx, visibleMs / 4);
  const endMs = view.startMs + visibleMs;
  if (fromMs >= view.startMs + margin && toMs <= endMs - margin) return view;
  if (toMs - fromMs > visibleMs - 2 * margin || fromMs < view.startMs + margin) return clampView({ ...view, startMs: fromMs - margin }, limits);
  return clampView({ ...view, startMs: toMs + margin - visibleMs }, limits);
}

/** While playing: when the playhead leaves the view, turn the page so it sits near the left. */
export function followPlayhead(view: TimelineView, playheadMs: number, limits: ViewLimits): TimelineView {
  const visibleMs = view.msPerPx * limits.widthPx;
  if (playheadMs >= view.startMs && playheadMs <= view.startMs + visibleMs) return view;
  return clampView({ ...view, startMs: playheadMs - visibleMs * 0.1 }, limits);
}

export interface Tick {
  ms: number;
  label: string;
}

const SECOND_STEPS = [100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];

/** Ruler ticks at least `minGapPx` apart: whole frames when zoomed in that far, else round times. */
export function ticks(view: TimelineView, limits: ViewLimits, minGapPx = 90): { ticks: Tick[]; inFrames: boolean } {
  const minStep = view.msPerPx * minGapPx;
  const endMs = Math.min(limits.durationMs, view.startMs + view.msPerPx * limits.widthPx);
  const out: Tick[] = [];
  if (minStep < 100) {
    const frameStep = [1, 2, 5, 10, 25, 50].find((n) => n * limits.frameMs >= minStep) ?? 50;
    const first = Math.ceil(view.startMs / limits.frameMs / frameStep) * frameStep;
    for (let frame = first; frame * limits.frameMs <= endMs && out.length < 200; frame += frameStep) {
      const ms = frame * limits.frameMs;
      out.push({ ms, label: `${formatClock(ms, true)} · ${frame}` });
    }
    return { ticks: out, inFrames: true };
  }
  const step = SECOND_STEPS.find((s) => s >= minStep) ?? 3_600_000;
  for (let ms = Math.ceil(view.startMs / step) * step; ms <= endMs && out.length < 200; ms += step) {
    out.push({ ms, label: formatClock(ms, step < 1000) });
  }
  return { ticks: out, inFrames: false };
}

/** m:ss or h:mm:ss, with milliseconds when asked: short enough for a ruler. */
export function formatClock(ms: number, withMillis = false): string {
  const safe = Math.max(0, Math.round(ms));
  const h = Math.floor(safe / 3_600_000);
  const m = Math.floor((safe % 3_600_000) / 60_000);
  const s = Math.floor((safe % 60_000) / 1000);
  const base = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
  return withMillis ? `${base}.${String(safe % 1000).padStart(3, '0')}` : base;
}

// ---- lanes ------------------------------------------------------------------------------------

export interface LaneItem {
  fragment: Fragment;
  /** Sub-row inside the lane, so overlapping fragments of one rater stay visible. */
  row: number;
}

export interface Lane {
  raterId: number;
  initials: string;
  mine: boolean;
  /** Sorted by start. */
  items: LaneItem[];
  rows: number;
  /** The longest fragment, so a window query can start its scan early enough. */
  longestMs: number;
}

const MAX_ROWS = 3;

/** One lane per rater (the active rater's first, even when empty), fragments packed into rows. */
export function buildLanes(fragments: readonly Fragment[], me: { id: number; initials: string }): Lane[] {
  const byRater = new Map<number, Fragment[]>();
  byRater.set(me.id, []);
  for (const fragment of fragments) {
    const list = byRater.get(fragment.raterId);
    if (list) list.push(fragment);
    else byRater.set(fragment.raterId, [fragment]);
  }
  const lanes: Lane[] = [];
  for (const [raterId, list] of byRater) {
    list.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs || a.id - b.id);
    const rowEnds: number[] = [];
    let longestMs = 0;
    const items = list.map((fragment) => {
      longestMs = Math.max(longestMs, fragment.endMs - fragment.startMs);
      let row = rowEnds.findIndex((end) => end < fragment.startMs);
      if (row < 0) row = rowEnds.length < MAX_ROWS ? rowEnds.length : rowEnds.indexOf(Math.min(...rowEnds));
      rowEnds[row] = Math.max(rowEnds[row] ?? -1, fragment.endMs);
      return { fragment, row };
    });
    const initials = raterId === me.id ? me.initials : (list[0]?.raterInitials ?? '?');
    lanes.push({ raterId, initials, mine: raterId === me.id, items, rows: Math.max(1, rowEnds.length), longestMs });
  }
  return lanes.sort((a, b) => Number(b.mine) - Number(a.mine) || a.initials.localeCompare(b.initials, 'nl') || a.raterId - b.raterId);
}

/** First index whose start is ≥ ms (items sorted by start). */
function lowerBound(items: readonly LaneItem[], ms: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.fragment.startMs < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The items of a lane that overlap [fromMs, toMs]: a binary search, then a short scan. */
export function itemsInWindow(lane: Lane, fromMs: number, toMs: number): LaneItem[] {
  const out: LaneItem[] = [];
  for (let i = lowerBound(lane.items, fromMs - lane.longestMs); i < lane.items.length; i += 1) {
    const item = lane.items[i]!;
    if (item.fragment.startMs > toMs) break;
    if (item.fragment.endMs >= fromMs) out.push(item);
  }
  return out;
}
