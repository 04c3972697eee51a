import { describe, expect, it } from 'vitest';
import { ANCHOR_POINTS, DEFAULT_ANCHORS, isScoreValue, median, nearestAnchors, SCALE_KEYS } from './scales';

describe('scales', () => {
  it('accept whole points 1–9 only', () => {
    expect([1, 5, 9].every(isScoreValue)).toBe(true);
    expect([0, 10, 4.5, Number.NaN, '5'].some(isScoreValue)).toBe(false);
  });

  it('show the described point itself, or both neighbours of an even point', () => {
    expect(nearestAnchors(7)).toEqual([7]);
    expect(nearestAnchors(4)).toEqual([3, 5]);
    expect(nearestAnchors(0)).toEqual([]);
  });

  it('have a Dutch and an English anchor for every odd point of both scales', () => {
    for (const scale of SCALE_KEYS) {
      for (const point of ANCHOR_POINTS) {
        const entry = DEFAULT_ANCHORS[scale][`${point}`];
        expect(entry.nl.title.length).toBeGreaterThan(3);
        expect(entry.en?.text.length).toBeGreaterThan(20);
      }
    }
  });

  it('take the median of whole points', () => {
    expect(median([3, 8, 5, 7])).toBe(6);
    expect(median([4])).toBe(4);
    expect(median([])).toBeNull();
  });
});
