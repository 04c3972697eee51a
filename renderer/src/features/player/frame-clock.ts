/**
 * Frame arithmetic for one clip, with the real frame rate as a fraction (30000/1001 is not 29.97).
 * A frame is shown for [k·d/n, (k+1)·d/n); seeking to the middle of that span lands on frame k
 * whatever rounding the decoder does.
 */
export interface FrameRate {
  num: number;
  den: number;
}

export function frameAtSeconds(seconds: number, rate: FrameRate): number {
  return Math.max(0, Math.floor((seconds * rate.num) / rate.den + 1e-6));
}

/**
 * The frame whose start timestamp this is (requestVideoFrameCallback's mediaTime). Rounded, not
 * floored: the browser reports microseconds, so 1/30 s arrives as 0.033333.
 */
export function frameOfTimestamp(seconds: number, rate: FrameRate): number {
  return Math.max(0, Math.round((seconds * rate.num) / rate.den));
}

export function secondsOfFrameMiddle(frame: number, rate: FrameRate): number {
  return ((Math.max(0, frame) + 0.5) * rate.den) / rate.num;
}

export function frameCount(durationMs: number, rate: FrameRate): number {
  return Math.max(1, Math.floor((durationMs * rate.num) / (rate.den * 1000) + 1e-6));
}

/** hh:mm:ss.mmm, the way raters cite a moment. */
export function formatTimecode(ms: number): string {
  const safe = Math.max(0, Math.round(ms));
  const h = Math.floor(safe / 3_600_000);
  const m = Math.floor((safe % 3_600_000) / 60_000);
  const s = Math.floor((safe % 60_000) / 1000);
  const milli = safe % 1000;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(milli).padStart(3, '0')}`;
}
