import { describe, expect, it } from 'vitest';
import { fQuantileCases } from '../../test/fixtures/agreement/fixtures';
import { fCdf, fQuantile } from './f-distribution';

describe('fQuantile', () => {
  it.each(fQuantileCases)('matches R qf($p, $df1, $df2)', ({ p, df1, df2, q }) => {
    expect(Math.abs(fQuantile(p, df1, df2) / q - 1)).toBeLessThan(1e-9);
  });

  it('matches closed forms', () => {
    // F(1, 1) is a squared standard Cauchy variable, so qf(p, 1, 1) = tan²(πp/2).
    expect(Math.abs(fQuantile(0.975, 1, 1) / Math.tan((Math.PI * 0.975) / 2) ** 2 - 1)).toBeLessThan(1e-12);
    // F(2, 2) has CDF x / (1 + x), so qf(p, 2, 2) = p / (1 − p).
    expect(Math.abs(fQuantile(0.9, 2, 2) / 9 - 1)).toBeLessThan(1e-12);
    // The median of F(d, d) is 1 by symmetry.
    expect(fQuantile(0.5, 7, 7)).toBeCloseTo(1, 14);
  });

  it('is the inverse of fCdf, fractional df included', () => {
    for (const [p, df1, df2] of [
      [0.975, 5, 1.234],
      [0.025, 2.5, 17.3],
      [0.9, 499, 3493],
    ] as const) {
      expect(fCdf(fQuantile(p, df1, df2), df1, df2)).toBeCloseTo(p, 12);
    }
  });

  it('rejects degrees of freedom that are not positive and finite', () => {
    expect(() => fQuantile(0.975, 0, 3)).toThrow(RangeError);
    expect(() => fQuantile(0.975, 3, Number.NaN)).toThrow(RangeError);
    expect(() => fQuantile(0.975, 3, Infinity)).toThrow(RangeError);
    expect(() => fQuantile(1.5, 3, 3)).toThrow(RangeError);
  });

  it('has the limits 0 and ∞ at p = 0 and p = 1', () => {
    expect(fQuantile(0, 3, 4)).toBe(0);
    expect(fQuantile(1, 3, 4)).toBe(Infinity);
  });
});
