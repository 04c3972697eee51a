import { describe, expect, it } from 'vitest';
import { computeAgreement } from './compute-agreement';
import { MIN_ITEMS, tooFewForDifference, tooFewItems, tooFewItemsIn } from './sample-size';
import { computed, noVariance, tooFewRaters } from './stat-result';

describe('the minimum number of items', () => {
  it('is ten, and a figure on fewer items is too few to read', () => {
    expect(MIN_ITEMS).toBe(10);
    expect(tooFewItems(computed(0.7, 9))).toBe(true);
    expect(tooFewItems(computed(0.7, 10))).toBe(false);
    expect(tooFewItemsIn(2)).toBe(true);
    expect(tooFewItemsIn(40)).toBe(false);
  });

  it('covers a statistic not computable on a handful of items, but leaves too few raters its own reason', () => {
    expect(tooFewItems(noVariance(3))).toBe(true);
    expect(tooFewItems(noVariance(25))).toBe(false);
    expect(tooFewItems(tooFewRaters(1))).toBe(false);
  });

  it('reads a difference between two groups by the smaller one', () => {
    expect(tooFewForDifference(computed(0.6, 12), computed(0.8, 4))).toBe(4);
    expect(tooFewForDifference(computed(0.6, 3), computed(0.8, 4))).toBe(3);
    expect(tooFewForDifference(computed(0.6, 12), computed(0.8, 10))).toBeNull();
  });

  it('catches the case that prompted it: two items give an interval that cannot be read', () => {
    const result = computeAgreement(
      { raterIds: ['a', 'b', 'c'], scores: [[3, 4, 3], [7, 6, 8]] },
      { min: 1, max: 9 },
      { bootstrap: { resamples: 500, seed: 1, level: 0.95 } },
    );
    const alpha = result.krippendorffAlpha.ordinal;
    if (!alpha.ok || !alpha.bootstrap) throw new Error('expected a computed alpha with a bootstrap interval');
    // With two items the bootstrap only ever sees {1,1}, {1,2} and {2,2}: the interval's ends are two
    // of those three values, and here one of them is the estimate itself, as in "0,70 [0,00; 0,70]".
    expect([alpha.bootstrap.lower, alpha.bootstrap.upper]).toContain(alpha.value);
    expect(tooFewItems(alpha)).toBe(true);
  });
});
