import { describe, expect, it } from 'vitest';
import { betaCdfCases } from '../../test/fixtures/agreement/fixtures';
import { inverseRegularizedBeta, logBeta, logGamma, regularizedBeta, regularizedBetaTails } from './special-functions';

describe('logGamma', () => {
  it('matches exact values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 13);
    // lgamma(100) and lgamma(1e-3) from R, 17 significant digits as R prints them
    expect(Math.abs(logGamma(100) / 359.13420536957540 - 1)).toBeLessThan(1e-14);
    // eslint-disable-next-line no-loss-of-precision
    expect(Math.abs(logGamma(1e-3) / 6.9071788853838536 - 1)).toBeLessThan(1e-13);
  });

  it('rejects x ≤ 0', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-1)).toThrow(RangeError);
  });

  it('gives log B(a, b) with the symmetry B(a, b) = B(b, a)', () => {
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
    expect(logBeta(7.5, 0.3)).toBe(logBeta(0.3, 7.5));
  });
});

describe('regularizedBeta', () => {
  it.each(betaCdfCases)('matches R pbeta($x, $a, $b)', ({ x, a, b, p }) => {
    const value = regularizedBeta(x, a, b);
    expect(Math.abs(value - p)).toBeLessThanOrEqual(1e-12 + 1e-10 * p);
  });

  it('is 0 and 1 at the ends and keeps both tails precise', () => {
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
    // I_x(1, b) = 1 − (1 − x)^b, so the upper tail is exactly (1 − x)^b
    const tails = regularizedBetaTails(0.999, 1, 3);
    expect(Math.abs(tails.upper / Math.pow(0.001, 3) - 1)).toBeLessThan(1e-12);
  });
});

describe('inverseRegularizedBeta', () => {
  it.each([
    [0.025, 2, 9],
    [0.975, 2, 9],
    [0.5, 0.5, 0.5],
    [1e-8, 3, 1.5],
    [0.999999, 40, 0.7],
    [0.3, 1750, 250],
  ])('inverts I_x(a, b) at p=%f, a=%f, b=%f', (p, a, b) => {
    const { x, complement } = inverseRegularizedBeta(p, a, b);
    expect(Math.abs(regularizedBeta(x, a, b) - p)).toBeLessThan(1e-13 + 1e-11 * p);
    expect(Math.abs(x + complement - 1)).toBeLessThan(1e-15);
  });

  it('returns the ends for p = 0 and p = 1', () => {
    expect(inverseRegularizedBeta(0, 2, 2)).toEqual({ x: 0, complement: 1 });
    expect(inverseRegularizedBeta(1, 2, 2)).toEqual({ x: 1, complement: 0 });
  });
});
