import { describe, expect, it } from 'vitest';
import { describeFragment, fragmentBackground, frameMiddleMs, frameOfMs, frameStartMs, inkOn, parseTime } from './fragment-format';

const ntsc = { num: 30000, den: 1001 };

describe('fragment formatting', () => {
  it('describes a fragment for screen readers', () => {
    const words = { point: 'moment', feedback: 'voor videofeedback', noTags: 'geen label' };
    const tags = [{ id: 1, name: 'oogcontact', color: '#cc79a7', archived: false }];
    expect(describeFragment({ startMs: 1000, endMs: 2500, tags, forFeedback: true, raterInitials: 'AB' }, words)).toBe(
      '00:00:01.000 – 00:00:02.500 · oogcontact · voor videofeedback · AB',
    );
    expect(describeFragment({ startMs: 1000, endMs: 1000, tags: [], forFeedback: false, raterInitials: 'AB' }, words)).toBe('00:00:01.000 (moment) · geen label · AB');
  });

  it('snaps to frames with the rational rate, both ways', () => {
    for (const frame of [0, 1, 29, 30, 1799, 26_973]) {
      expect(frameOfMs(frameStartMs(frame, ntsc), ntsc)).toBe(frame);
      expect(frameOfMs(frameMiddleMs(frame, ntsc), ntsc)).toBe(frame);
    }
  });

  it('reads typed times', () => {
    expect(parseTime('1:02.5', ntsc)).toBe(62_500);
    expect(parseTime('00:01:02,250', ntsc)).toBe(62_250);
    expect(parseTime('7', ntsc)).toBe(7000);
    expect(parseTime('f30', ntsc)).toBe(1001);
    expect(parseTime('abc', ntsc)).toBeNull();
  });

  it('draws every tag colour and picks readable text', () => {
    expect(fragmentBackground(['#000000'])).toBe('#000000');
    expect(fragmentBackground(['#000000', '#ffffff'])).toContain('linear-gradient');
    expect(inkOn('#f0e442')).toBe('#111111');
    expect(inkOn('#882255')).toBe('#ffffff');
  });
});
