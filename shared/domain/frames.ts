/**
 * Milliseconds ↔ frame index for a recording with a rational frame rate (fps = num / den, e.g.
 * 30000/1001). Both directions use integer arithmetic on the fraction, so 29.97 never creeps in.
 *
 * The convention that makes the two directions agree: the time of frame n is its exact start
 * time rounded to the nearest whole millisecond (`frameToMs`), and a time in whole milliseconds
 * belongs to the frame it would start, allowing for that half-millisecond of rounding
 * (`msToFrame`). So `msToFrame(frameToMs(n)) === n` for every frame of every rate below 1000 fps,
 * which is what lets the player step frame by frame through values stored in milliseconds.
 */
export interface FrameRate {
  num: number;
  den: number;
}

function assertRate({ num, den }: FrameRate): void {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || num <= 0 || den <= 0) {
    throw new RangeError(`Invalid frame rate ${num}/${den}`);
  }
}

/**
 * floor(ms · num / (den · 1000) + ε) with ε = half a millisecond expressed in frames, computed as
 * floor((2·ms + 1) · num / (2000 · den)). Both operands are exact integers below 2^53 for any
 * clip shorter than a day at up to 240 000/1001 fps, so the floating-point division cannot round
 * across an integer boundary.
 */
export function msToFrame(ms: number, rate: FrameRate): number {
  assertRate(rate);
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Invalid time ${ms} ms`);
  const whole = Math.floor(ms);
  return Math.floor(((2 * whole + 1) * rate.num) / (2000 * rate.den));
}

/** The start of frame n in whole milliseconds (nearest): round(n · den · 1000 / num). */
export function frameToMs(frame: number, rate: FrameRate): number {
  assertRate(rate);
  if (!Number.isSafeInteger(frame) || frame < 0) throw new RangeError(`Invalid frame ${frame}`);
  // round(a / b) for integers as floor((2a + b) / 2b): no .5 ambiguity from floating point.
  const a = frame * rate.den * 1000;
  return Math.floor((2 * a + rate.num) / (2 * rate.num));
}

/** The time of the frame that shows at `ms`: where frame stepping lands. */
export function snapToFrame(ms: number, rate: FrameRate): number {
  return frameToMs(msToFrame(ms, rate), rate);
}

/** Frames per second as a plain number, for display and decimal exports only. */
export function framesPerSecond(rate: FrameRate): number {
  assertRate(rate);
  return rate.num / rate.den;
}

/** Index of the last frame that starts within a clip of `durationMs`. */
export function lastFrame(durationMs: number, rate: FrameRate): number {
  return msToFrame(durationMs, rate);
}
