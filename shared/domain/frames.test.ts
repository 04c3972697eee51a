import { describe, expect, it } from 'vitest';
import { frameToMs, framesPerSecond, msToFrame, snapToFrame } from './frames';

const RATES = [
  { num: 25, den: 1 },
  { num: 30, den: 1 },
  { num: 50, den: 1 },
  { num: 24000, den: 1001 },
  { num: 30000, den: 1001 },
  { num: 60000, den: 1001 },
  { num: 120, den: 1 },
  { num: 240000, den: 1001 },
];

describe('frames', () => {
  it('maps every frame of an hour to milliseconds and back to the same frame', () => {
    for (const rate of RATES) {
      const frames = Math.ceil(3600 * framesPerSecond(rate));
      for (let frame = 0; frame < frames; frame += 1) {
        const ms = frameToMs(frame, rate);
        if (msToFrame(ms, rate) !== frame) throw new Error(`${rate.num}/${rate.den}: frame ${frame} → ${ms} ms → ${msToFrame(ms, rate)}`);
      }
    }
  });

  it('uses the exact fraction: 30000/1001 is not 29.97', () => {
    const ntsc = { num: 30000, den: 1001 };
    expect(msToFrame(3_600_000, ntsc)).toBe(107_892);
    expect(frameToMs(107_892, ntsc)).toBe(3_599_996);
    // Ten hours in, the rounded rate is a whole frame off.
    expect(msToFrame(36_000_000, ntsc)).toBe(1_078_921);
    expect(Math.floor(36_000 * 29.97)).toBe(1_078_920);
    expect(frameToMs(1, ntsc)).toBe(33);
    expect(frameToMs(2, ntsc)).toBe(67);
    expect(msToFrame(33, ntsc)).toBe(1);
    expect(msToFrame(32, ntsc)).toBe(0);
  });

  it('puts a time inside a frame on that frame, with half a millisecond of tolerance for rounding', () => {
    const pal = { num: 25, den: 1 };
    expect(msToFrame(0, pal)).toBe(0);
    expect(msToFrame(39, pal)).toBe(0);
    expect(msToFrame(40, pal)).toBe(1);
    expect(msToFrame(79, pal)).toBe(1);
    expect(msToFrame(900_000, pal)).toBe(22_500);
    expect(snapToFrame(1234, pal)).toBe(1200);
  });

  it('refuses nonsense instead of returning NaN', () => {
    expect(() => msToFrame(-1, { num: 25, den: 1 })).toThrow(RangeError);
    expect(() => msToFrame(10, { num: 0, den: 1 })).toThrow(RangeError);
    expect(() => frameToMs(1.5, { num: 25, den: 1 })).toThrow(RangeError);
  });
});
