import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpriteLayout } from '../../../../shared/domain/entities';
import { formatTimecode } from './frame-clock';

interface Peaks {
  bucketMs: number;
  /** Interleaved min/max pairs in −1…1. */
  peaks: number[];
}

interface ScrubberProps {
  durationMs: number;
  timeMs: number;
  sprite: SpriteLayout | null;
  spriteUrl: (sheet: number) => string;
  peaksUrl: string | null;
  loop: { startMs: number; endMs: number } | null;
  /** While the playable version is being made: how far it is done; the rest is shown as not yet reachable. */
  madeMs?: number | null;
  onSeek(ms: number): void;
}

const percentOf = (ms: number, durationMs: number) => `${Math.min(100, Math.max(0, (ms / durationMs) * 100))}%`;

/** Progress bar with thumbnails on hover and the audio waveform underneath. */
export function Scrubber({ durationMs, timeMs, sprite, spriteUrl, peaksUrl, loop, madeMs = null, onSeek }: ScrubberProps) {
  const { t } = useTranslation();
  const bar = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hoverMs, setHoverMs] = useState<number | null>(null);
  const [peaks, setPeaks] = useState<Peaks | null>(null);

  useEffect(() => {
    if (!peaksUrl) return;
    let cancelled = false;
    fetch(peaksUrl, { credentials: 'same-origin' })
      .then((res) => (res.ok ? (res.json() as Promise<Peaks>) : null))
      .then((data) => !cancelled && setPeaks(data))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [peaksUrl]);

  useEffect(() => {
    const el = canvas.current;
    if (!el || !peaks) return;
    const width = el.clientWidth * devicePixelRatio;
    const height = el.clientHeight * devicePixelRatio;
    el.width = width;
    el.height = height;
    const context = el.getContext('2d');
    if (!context) return;
    context.clearRect(0, 0, width, height);
    context.fillStyle = '#1f6f78';
    const pairs = peaks.peaks.length / 2;
    for (let x = 0; x < width; x += 1) {
      const from = Math.floor((x / width) * pairs);
      const to = Math.max(from + 1, Math.floor(((x + 1) / width) * pairs));
      let min = 0;
      let max = 0;
      for (let i = from; i < to && i < pairs; i += 1) {
        min = Math.min(min, peaks.peaks[2 * i] ?? 0);
        max = Math.max(max, peaks.peaks[2 * i + 1] ?? 0);
      }
      const top = ((1 - max) / 2) * height;
      const bottom = ((1 - min) / 2) * height;
      context.fillRect(x, top, 1, Math.max(1, bottom - top));
    }
  }, [peaks]);

  const msAt = (clientX: number) => {
    const rect = bar.current!.getBoundingClientRect();
    return Math.min(durationMs, Math.max(0, ((clientX - rect.left) / rect.width) * durationMs));
  };

  const thumbnail = (() => {
    if (hoverMs === null || !sprite) return null;
    const perSheet = sprite.columns * sprite.rows;
    const index = Math.min(sprite.count - 1, Math.floor(hoverMs / 1000 / sprite.intervalS));
    const sheet = Math.floor(index / perSheet);
    const cell = index % perSheet;
    return {
      backgroundImage: `url("${spriteUrl(sheet)}")`,
      backgroundPosition: `-${(cell % sprite.columns) * sprite.tileWidth}px -${Math.floor(cell / sprite.columns) * sprite.tileHeight}px`,
      width: sprite.tileWidth,
      height: sprite.tileHeight,
    };
  })();

  const onKeyDown = (event: KeyboardEvent) => {
    // Arrow keys belong to the player's frame stepping; Home/End jump to the ends.
    if (event.key === 'Home') onSeek(0);
    if (event.key === 'End') onSeek(durationMs);
  };

  return (
    <div className="scrubber">
      <div
        ref={bar}
        className="scrubber-bar"
        role="slider"
        tabIndex={0}
        aria-label={t('player.scrubber')}
        aria-valuemin={0}
        aria-valuemax={Math.round(durationMs)}
        aria-valuenow={Math.round(timeMs)}
        aria-valuetext={formatTimecode(timeMs)}
        onKeyDown={onKeyDown}
        onPointerMove={(e: PointerEvent) => setHoverMs(msAt(e.clientX))}
        onPointerLeave={() => setHoverMs(null)}
        onPointerDown={(e: PointerEvent) => onSeek(msAt(e.clientX))}
      >
        {loop && <div className="scrubber-loop" style={{ left: percentOf(loop.startMs, durationMs), width: percentOf(loop.endMs - loop.startMs, durationMs) }} />}
        {madeMs !== null && madeMs < durationMs && <div className="scrubber-unmade" data-testid="scrubber-unmade" style={{ left: percentOf(madeMs, durationMs) }} />}
        <div className="scrubber-played" style={{ width: percentOf(timeMs, durationMs) }} />
        {hoverMs !== null && (
          <div className="scrubber-preview" style={{ left: percentOf(hoverMs, durationMs) }} data-testid="scrub-preview">
            {thumbnail && <div className="scrubber-thumb" style={thumbnail} />}
            <span>{formatTimecode(hoverMs)}</span>
          </div>
        )}
      </div>
      <canvas ref={canvas} className="waveform" aria-label={t('player.waveform')} role="img" />
    </div>
  );
}
