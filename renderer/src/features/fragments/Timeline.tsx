import {
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type PointerEvent as ReactPointerEvent,
  type Ref,
  type RefObject,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { Fragment } from '../../../../shared/domain/fragments';
import { msToFrame, type FrameRate } from '../../../../shared/domain/frames';
import type { PlayerHandle } from '../player/VideoPlayer';
import { describeFragment, frameStartMs, type DescribeWords } from './fragment-format';
import { drawTimeline, hitTest, laneLayout, type DrawState } from './timeline-canvas';
import {
  clampView,
  followPlayhead,
  formatClock,
  revealSpan,
  scrollByPx,
  ticks as rulerTicks,
  wholeClip,
  zoomAt,
  zoomBounds,
  type Lane,
  type TimelineView,
  type ViewLimits,
} from './timeline-view';

export interface PendingMark {
  startMs: number;
  endMs: number | null;
  tagIds: number[];
  forFeedback: boolean;
}

export interface TimelineHandle {
  zoomIn(): void;
  zoomOut(): void;
  zoomAll(): void;
  reveal(fromMs: number, toMs: number): void;
}

interface TimelineProps {
  lanes: readonly Lane[];
  raterNames: ReadonlyMap<number, string>;
  durationMs: number;
  rate: FrameRate;
  selectedId: number | null;
  /** Fragments the list's filters leave out: drawn faintly. Null when no filter is set. */
  hiddenByFilter: ReadonlySet<number> | null;
  pending: PendingMark | null;
  pendingColor: string | null;
  player: RefObject<PlayerHandle | null>;
  onSelect(fragment: Fragment): void;
  onSeek(ms: number): void;
  onAdjust(id: number, times: { startMs: number; endMs: number }): void;
  handleRef?: Ref<TimelineHandle>;
}

interface DragState {
  id: number;
  edge: 'start' | 'end';
  startMs: number;
  endMs: number;
  moved: boolean;
  /** Released; waiting for the saved fragment to arrive so the block does not jump back. */
  settling: boolean;
}

/**
 * The fragments under the player: one lane per rater (the active rater's first and the only one
 * that can be edited), zoomable from the whole clip down to single frames. The lanes are drawn on a
 * canvas (timeline-canvas.ts) right after each commit, so a zoom or scroll step re-renders the ruler
 * and redraws the fragments in view, and nothing else; screen readers and the keyboard get one
 * listbox per lane that zooming never touches.
 */
export function Timeline({
  lanes,
  raterNames,
  durationMs,
  rate,
  selectedId,
  hiddenByFilter,
  pending,
  pendingColor,
  player,
  onSelect,
  onSeek,
  onAdjust,
  handleRef,
}: TimelineProps) {
  const { t, i18n } = useTranslation();
  const viewport = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [widthPx, setWidthPx] = useState(0);
  const frameMs = (1000 * rate.den) / rate.num;
  const limits = useMemo<ViewLimits>(() => ({ durationMs: Math.max(durationMs, 1), widthPx: Math.max(widthPx, 1), frameMs }), [durationMs, widthPx, frameMs]);
  const [view, setView] = useState<TimelineView>({ startMs: 0, msPerPx: Math.max(durationMs, 1) / 800 });
  const [follow, setFollow] = useState(true);
  const [drag, setDrag] = useState<DragState | null>(null);
  const viewRef = useRef(view);
  viewRef.current = view;
  const limitsRef = useRef(limits);
  limitsRef.current = limits;
  const followRef = useRef(follow);
  followRef.current = follow;
  const initialised = useRef(false);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidthPx(el.clientWidth));
    observer.observe(el);
    setWidthPx(el.clientWidth);
    return () => observer.disconnect();
  }, []);

  // The whole clip at first; afterwards a resize keeps the zoom and only re-clamps.
  useLayoutEffect(() => {
    if (widthPx <= 0) return;
    if (!initialised.current) {
      initialised.current = true;
      setView(wholeClip(limits));
    } else setView((current) => clampView(current, limits));
  }, [limits, widthPx]);

  const change = useCallback((next: (view: TimelineView, limits: ViewLimits) => TimelineView) => {
    setView((current) => next(current, limitsRef.current));
  }, []);

  const zoomAroundPlayhead = useCallback(
    (factor: number) =>
      change((v, l) => {
        const playhead = player.current?.currentMs() ?? v.startMs;
        const anchor = Math.min(l.widthPx, Math.max(0, (playhead - v.startMs) / v.msPerPx));
        return zoomAt(v, factor, anchor, l);
      }),
    [change, player],
  );

  useImperativeHandle(
    handleRef,
    () => ({
      zoomIn: () => zoomAroundPlayhead(2),
      zoomOut: () => zoomAroundPlayhead(0.5),
      zoomAll: () => change((_, l) => wholeClip(l)),
      reveal: (fromMs, toMs) => change((v, l) => revealSpan(v, fromMs, toMs, l)),
    }),
    [change, zoomAroundPlayhead],
  );

  // Ctrl+wheel (and pinch) zooms around the pointer; Shift+wheel or a sideways swipe scrolls.
  // Native listener: React's wheel handler is passive and cannot keep the page from scrolling.
  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const onWheel = (event: WheelEvent) => {
      const scale = event.deltaMode === 1 ? 33 : event.deltaMode === 2 ? 400 : 1;
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        const anchor = event.clientX - el.getBoundingClientRect().left;
        change((v, l) => zoomAt(v, Math.exp(-event.deltaY * scale * 0.0025), anchor, l));
      } else if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        event.preventDefault();
        const delta = (Math.abs(event.deltaX) > Math.abs(event.deltaY) ? event.deltaX : event.deltaY) * scale;
        change((v, l) => scrollByPx(v, delta, l));
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [change]);

  const snap = useCallback((ms: number) => Math.min(frameStartMs(msToFrame(Math.max(0, Math.round(ms)), rate), rate), durationMs), [durationMs, rate]);

  // A released drag keeps its position until the saved fragment comes back.
  useEffect(() => {
    if (drag?.settling) setDrag(null);
    // Only when new fragments arrive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lanes]);
  useEffect(() => {
    if (!drag?.settling) return;
    const timer = setTimeout(() => setDrag(null), 3000);
    return () => clearTimeout(timer);
  }, [drag?.settling]);

  const drawState = useMemo<DrawState>(
    () => ({
      lanes,
      view,
      widthPx: limits.widthPx,
      durationMs,
      frameMs,
      selectedId,
      hiddenByFilter,
      drag,
      pending: pending ? { startMs: pending.startMs, endMs: pending.endMs, color: pendingColor } : null,
    }),
    [lanes, view, limits.widthPx, durationMs, frameMs, selectedId, hiddenByFilter, drag, pending, pendingColor],
  );
  const layout = useMemo(() => laneLayout(lanes), [lanes]);
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const drawRef = useRef(drawState);
  drawRef.current = drawState;

  // Drawn straight after the commit, so the frame that shows the new ruler shows the new lanes.
  useLayoutEffect(() => {
    const el = canvas.current;
    if (!el || widthPx <= 0) return;
    const dpr = window.devicePixelRatio || 1;
    const height = layout.total;
    const w = Math.round(widthPx * dpr);
    const h = Math.round(height * dpr);
    if (el.width !== w || el.height !== h) {
      el.width = w;
      el.height = h;
      el.style.width = `${widthPx}px`;
      el.style.height = `${height}px`;
    }
    const ctx = el.getContext('2d');
    if (!ctx) return;
    el.dataset.drawn = String(drawTimeline(ctx, drawState, layout, dpr));
  }, [drawState, layout, widthPx]);

  const pointIn = (event: { clientX: number; clientY: number }) => {
    const rect = canvas.current!.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  const msAtX = (x: number) => Math.min(durationMs, Math.max(0, viewRef.current.startMs + x * viewRef.current.msPerPx));

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0) return;
    const { x, y } = pointIn(event);
    const hit = hitTest(drawRef.current, layoutRef.current, x, y);
    if (!hit) {
      onSeek(snap(msAtX(x)));
      return;
    }
    onSelect(hit.fragment);
    if (hit.edge) {
      event.preventDefault();
      event.currentTarget.setPointerCapture(event.pointerId);
      setDrag({ id: hit.fragment.id, edge: hit.edge, startMs: hit.fragment.startMs, endMs: hit.fragment.endMs, moved: false, settling: false });
      return;
    }
    onSeek(hit.fragment.startMs);
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const { x, y } = pointIn(event);
    if (!drag || drag.settling) {
      // Only a cursor and a tooltip: no React state on plain hovering.
      const hit = hitTest(drawRef.current, layoutRef.current, x, y);
      const el = event.currentTarget;
      el.style.cursor = hit?.edge ? 'ew-resize' : hit ? 'pointer' : 'crosshair';
      el.title = hit ? describeFragment(hit.fragment, words) : '';
      return;
    }
    const ms = snap(msAtX(x));
    const next = drag.edge === 'start' ? { startMs: Math.min(ms, drag.endMs), endMs: drag.endMs } : { startMs: drag.startMs, endMs: Math.max(ms, drag.startMs) };
    if (next.startMs === drag.startMs && next.endMs === drag.endMs) return;
    setDrag({ ...drag, ...next, moved: true });
    // Show the frame under the edge being dragged.
    onSeek(drag.edge === 'start' ? next.startMs : next.endMs);
  };

  const onPointerUp = () => {
    if (!drag || drag.settling) return;
    const original = lanes.flatMap((lane) => lane.items).find((item) => item.fragment.id === drag.id)?.fragment;
    if (drag.moved && original && (original.startMs !== drag.startMs || original.endMs !== drag.endMs)) {
      onAdjust(drag.id, { startMs: drag.startMs, endMs: drag.endMs });
      setDrag({ ...drag, settling: true });
    } else setDrag(null);
  };

  // Lanes are memoized: give them one stable callback that reads the newest props.
  const latest = useRef({ onSelect, onSeek });
  latest.current = { onSelect, onSeek };
  const onArrow = useCallback(
    (fragment: Fragment) => {
      latest.current.onSelect(fragment);
      latest.current.onSeek(fragment.startMs);
      change((v, l) => revealSpan(v, fragment.startMs, fragment.endMs, l));
    },
    [change],
  );

  const { ticks, inFrames } = useMemo(() => rulerTicks(view, limits), [view, limits]);
  const words = useMemo<DescribeWords>(
    () => ({ point: t('fragmentsUi.point'), feedback: t('fragmentsUi.forFeedback'), noTags: t('fragmentsUi.noTags') }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
  );

  const framePx = frameMs / view.msPerPx;
  const { max } = zoomBounds(limits);
  const visibleMs = Math.min(durationMs, view.msPerPx * limits.widthPx);

  return (
    <section className="timeline" aria-label={t('fragmentsUi.timeline')} data-view={`${view.startMs.toFixed(1)}:${view.msPerPx.toFixed(4)}`}>
      <div className="timeline-toolbar" role="toolbar" aria-label={t('fragmentsUi.zoomControls')}>
        <button type="button" className="small" onClick={() => zoomAroundPlayhead(0.5)} disabled={view.msPerPx >= max} title={`${t('fragmentsUi.zoomOut')} (Shift+Z)`}>
          − <span className="visually-hidden">{t('fragmentsUi.zoomOut')}</span>
        </button>
        <button type="button" className="small" onClick={() => zoomAroundPlayhead(2)} disabled={framePx >= 47.9} title={`${t('fragmentsUi.zoomIn')} (Z)`}>
          + <span className="visually-hidden">{t('fragmentsUi.zoomIn')}</span>
        </button>
        <button type="button" className="small" onClick={() => change((_, l) => wholeClip(l))} title={`${t('fragmentsUi.zoomAll')} (0)`}>
          {t('fragmentsUi.zoomAll')}
        </button>
        <button type="button" className="small" onClick={() => zoomAroundPlayhead(view.msPerPx / (frameMs / 24))}>
          {t('fragmentsUi.zoomFrames')}
        </button>
        <span className="timeline-span" aria-live="off">
          {formatClock(view.startMs, inFrames)} – {formatClock(view.startMs + visibleMs, inFrames)}
          {framePx >= 4 ? ` · ${t('fragmentsUi.framePx', { px: Math.round(framePx) })}` : ''}
        </span>
        <label className="checkbox-inline timeline-follow">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> {t('fragmentsUi.follow')}
        </label>
      </div>
      <div className="timeline-body">
        <div className="timeline-heads" aria-hidden="true">
          <div className="timeline-head timeline-head--ruler" />
          {lanes.map((lane, index) => (
            <div key={lane.raterId} className={`timeline-head${lane.mine ? ' timeline-head--mine' : ''}`} style={{ height: `${layout.height[index]}px` }} title={raterNames.get(lane.raterId) ?? lane.initials}>
              <span className="initials initials--small">{lane.initials}</span>
              {lane.mine ? <span className="timeline-head-me">{t('fragmentsUi.me')}</span> : null}
            </div>
          ))}
        </div>
        <div className="timeline-viewport" ref={viewport}>
          <div className="timeline-ruler" title={t('fragmentsUi.ruler')} onPointerDown={(e) => e.button === 0 && onSeek(snap(msAtX(e.clientX - e.currentTarget.getBoundingClientRect().left)))}>
            {ticks.map((tick) => (
              <span key={tick.ms} className="timeline-tick" style={{ transform: `translateX(${Math.round((tick.ms - view.startMs) / view.msPerPx)}px)` }}>
                {tick.label}
              </span>
            ))}
          </div>
          <div className="timeline-lanes">
            <canvas
              ref={canvas}
              className="timeline-canvas"
              aria-hidden="true"
              onPointerDown={onPointerDown}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onPointerCancel={() => setDrag(null)}
            />
            {lanes.map((lane, index) => (
              <LaneOptions
                key={lane.raterId}
                lane={lane}
                top={layout.top[index]!}
                height={layout.height[index]!}
                label={t(lane.mine ? 'fragmentsUi.laneMine' : 'fragmentsUi.lane', { name: raterNames.get(lane.raterId) ?? lane.initials })}
                selectedId={lane.items.some((item) => item.fragment.id === selectedId) ? selectedId : null}
                words={words}
                onArrow={onArrow}
              />
            ))}
          </div>
          <Playhead player={player} viewRef={viewRef} widthPx={limits.widthPx} followRef={followRef} onOutOfView={(ms) => change((v, l) => followPlayhead(v, ms, l))} />
        </div>
      </div>
      <input
        type="range"
        className="timeline-scroll"
        aria-label={t('fragmentsUi.scroll')}
        aria-valuetext={`${formatClock(view.startMs)} – ${formatClock(view.startMs + visibleMs)}`}
        min={0}
        max={Math.max(0, Math.round(durationMs - visibleMs))}
        step={Math.max(1, Math.round(visibleMs / 20))}
        value={Math.round(view.startMs)}
        disabled={visibleMs >= durationMs - 1}
        onChange={(e) => change((v, l) => clampView({ ...v, startMs: Number(e.target.value) }, l))}
      />
      <p className="help timeline-help">{t('fragmentsUi.timelineHelp')}</p>
    </section>
  );
}

interface LaneOptionsProps {
  lane: Lane;
  top: number;
  height: number;
  label: string;
  selectedId: number | null;
  words: DescribeWords;
  onArrow(fragment: Fragment): void;
}

/**
 * What assistive technology (and the keyboard) gets of a lane: a listbox over the lane's strip
 * with every fragment as an option, labelled with its time and tags. It does not depend on the
 * zoom, so zooming never touches it.
 */
const LaneOptions = memo(function LaneOptions({ lane, top, height, label, selectedId, words, onArrow }: LaneOptionsProps) {
  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    if (!['ArrowUp', 'ArrowDown', 'Home', 'End'].includes(event.key) || lane.items.length === 0) return;
    event.preventDefault();
    const index = lane.items.findIndex((item) => item.fragment.id === selectedId);
    const last = lane.items.length - 1;
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? last : index < 0 ? 0 : Math.min(last, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)));
    onArrow(lane.items[next]!.fragment);
  };
  return (
    <div
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={selectedId !== null ? `fragment-option-${selectedId}` : undefined}
      className="timeline-lane-a11y"
      style={{ top: `${top}px`, height: `${height}px` }}
      onKeyDown={onKeyDown}
    >
      {lane.items.map(({ fragment }) => (
        <LaneOption key={fragment.id} fragment={fragment} selected={fragment.id === selectedId} words={words} />
      ))}
    </div>
  );
});

const LaneOption = memo(function LaneOption({ fragment, selected, words }: { fragment: Fragment; selected: boolean; words: DescribeWords }) {
  return (
    <div role="option" id={`fragment-option-${fragment.id}`} aria-selected={selected} className="visually-hidden">
      {describeFragment(fragment, words)}
    </div>
  );
});

interface PlayheadProps {
  player: RefObject<PlayerHandle | null>;
  viewRef: RefObject<TimelineView>;
  widthPx: number;
  followRef: RefObject<boolean>;
  onOutOfView(ms: number): void;
}

/** Moved every animation frame by hand: the playhead must never re-render the lanes. */
function Playhead({ player, viewRef, widthPx, followRef, onOutOfView }: PlayheadProps) {
  const line = useRef<HTMLDivElement>(null);
  const outOfView = useRef(onOutOfView);
  outOfView.current = onOutOfView;
  useEffect(() => {
    let frame = 0;
    let last = -1;
    const tick = () => {
      const el = line.current;
      const handle = player.current;
      const view = viewRef.current;
      if (el && view) {
        const ms = handle ? handle.currentMs() : 0;
        const x = (ms - view.startMs) / view.msPerPx;
        el.style.transform = `translateX(${Math.round(x * 10) / 10}px)`;
        el.style.visibility = x < -1 || x > widthPx + 1 ? 'hidden' : 'visible';
        // Follow the playhead only when it moved (playing or stepping), never against a hand scroll.
        if (followRef.current && last >= 0 && Math.abs(ms - last) > 0.5 && (x < 0 || x > widthPx)) outOfView.current(ms);
        last = ms;
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [player, viewRef, widthPx, followRef]);
  return <div ref={line} className="timeline-playhead" aria-hidden="true" />;
}
