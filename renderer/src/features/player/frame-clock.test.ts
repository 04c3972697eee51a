import { describe, expect, it } from 'vitest';
import { formatTimecode, frameAtSeconds, frameCount, frameOfTimestamp, secondsOfFrameMiddle } from './frame-clock';

const ntsc = { num: 30000, den: 1001 };

describe('frame clock', () => {
  it('round-trips every frame of an NTSC hour through its middle time', () => {
    for (let frame = 0; frame < 30 * 3600; frame += 997) {
      expect(frameAtSeconds(secondsOfFrameMiddle(frame, ntsc), ntsc)).toBe(frame);
    }
  });
  it('maps the exact start of a frame to that frame', () => {
    expect(frameAtSeconds((1001 * 10) / 30000, ntsc)).toBe(10);
    expect(frameAtSeconds(0.04 * 3, { num: 25, den: 1 })).toBe(3);
  });
  it('reads a frame start timestamp rounded to microseconds as that frame', () => {
    expect(frameOfTimestamp(0.033333, { num: 30, den: 1 })).toBe(1);
    expect(frameOfTimestamp(0.233333, { num: 30, den: 1 })).toBe(7);
    expect(frameOfTimestamp(0.0333667, ntsc)).toBe(1);
  });
  it('counts frames and formats timecodes', () => {
    expect(frameCount(10_000, { num: 25, den: 1 })).toBe(250);
    expect(formatTimecode(3_723_045)).toBe('01:02:03.045');
  });
});
