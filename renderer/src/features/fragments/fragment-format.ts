import type { Fragment } from '../../../../shared/domain/fragments';
import { frameToMs, msToFrame, type FrameRate } from '../../../../shared/domain/frames';
import { formatTimecode } from '../player/frame-clock';

export interface DescribeWords {
  point: string;
  feedback: string;
  noTags: string;
}

/** What a screen reader hears for a fragment: its time, its tags, and the feedback flag. */
export function describeFragment(fragment: Pick<Fragment, 'startMs' | 'endMs' | 'tags' | 'forFeedback' | 'raterInitials'>, words: DescribeWords): string {
  const time =
    fragment.startMs === fragment.endMs ? `${formatTimecode(fragment.startMs)} (${words.point})` : `${formatTimecode(fragment.startMs)} – ${formatTimecode(fragment.endMs)}`;
  const tags = fragment.tags.length > 0 ? fragment.tags.map((tag) => tag.name).join(', ') : words.noTags;
  return [time, tags, fragment.forFeedback ? words.feedback : null, fragment.raterInitials].filter(Boolean).join(' · ');
}

/** The start of a frame in whole milliseconds: where marks and dragged edges land. */
export function frameStartMs(frame: number, rate: FrameRate): number {
  return frameToMs(Math.max(0, frame), rate);
}

/** The frame whose start this time is (or in which it falls). */
export function frameOfMs(ms: number, rate: FrameRate): number {
  return msToFrame(Math.max(0, Math.round(ms)), rate);
}

/** Seek target for a frame: its middle, so the player's own rounding lands on that frame. */
export function frameMiddleMs(frame: number, rate: FrameRate): number {
  return ((frame + 0.5) * 1000 * rate.den) / rate.num;
}

/** One band per tag, top to bottom, so every tag colour shows however narrow the block. */
export function fragmentBackground(colors: readonly string[]): string {
  if (colors.length === 0) return '#9aa5b1';
  if (colors.length === 1) return colors[0]!;
  const step = 100 / colors.length;
  const stops = colors.map((color, i) => `${color} ${(i * step).toFixed(2)}% ${((i + 1) * step).toFixed(2)}%`);
  return `linear-gradient(to bottom, ${stops.join(', ')})`;
}

/** Black or white text, whichever reads better on this colour (WCAG relative luminance). */
export function inkOn(hex: string): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return '#000000';
  const channel = (h: string) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(match[1]!) + 0.7152 * channel(match[2]!) + 0.0722 * channel(match[3]!);
  // Contrast with black (L + 0.05) / 0.05 against with white 1.05 / (L + 0.05).
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#111111' : '#ffffff';
}

/**
 * Reads a time typed by hand: "1:02.5", "00:01:02.500", "62.5" (seconds) or "f1875" (a frame).
 * Null when it cannot be read.
 */
export function parseTime(text: string, rate: FrameRate): number | null {
  const value = text.trim().replace(',', '.');
  const frame = /^[fb](\d+)$/i.exec(value);
  if (frame) return frameStartMs(Number(frame[1]), rate);
  const parts = value.split(':');
  if (parts.length > 3 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) return null;
  const seconds = parts.reduce((total, part) => total * 60 + Number(part), 0);
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) : null;
}
