import { describe, expect, it } from 'vitest';
import { computed, tooFewClips } from '../stats/stat-result';
import { formatDecimal, formatInterval, formatPercent, formatScore, formatStat, statInterval } from './number-format';

describe('Dutch number formatting', () => {
  it('writes decimals with a comma in Dutch and a point in English', () => {
    expect(formatDecimal(0.9)).toBe('0,90');
    expect(formatDecimal(0.9, 2, 'nl')).toBe('0,90');
    expect(formatDecimal(0.9, 2, 'en')).toBe('0.90');
    expect(formatDecimal(0.9, 2, 'en-GB')).toBe('0.90');
    expect(formatDecimal(0.7146, 2)).toBe('0,71');
    expect(formatDecimal(12, 1)).toBe('12,0');
    expect(formatDecimal(3.5, 0)).toBe('4');
  });

  it('gives negatives a real minus sign and never shows "−0,00"', () => {
    expect(formatDecimal(-0.12)).toBe('−0,12');
    expect(formatDecimal(-0.004)).toBe('0,00');
    expect(formatDecimal(-0)).toBe('0,00');
  });

  it('shows a dash where there is no number', () => {
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatDecimal(value)).toBe('–');
      expect(formatScore(value)).toBe('–');
      expect(formatPercent(value)).toBe('–');
    }
  });

  it('keeps whole scores whole and gives a median between two scores one decimal', () => {
    expect(formatScore(6)).toBe('6');
    expect(formatScore(3.5)).toBe('3,5');
    expect(formatScore(3.5, 'en')).toBe('3.5');
    expect(formatScore(4.25)).toBe('4,3');
  });

  it('writes proportions as whole percentages', () => {
    expect(formatPercent(0.875)).toBe('88%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
  });

  it('separates the bounds of an interval with a semicolon', () => {
    expect(formatInterval(formatDecimal(0.71), formatDecimal(0.93))).toBe('[0,71; 0,93]');
  });

  it('formats a statistic with its analytic interval, else its bootstrap, and nothing when not computable', () => {
    expect(formatStat(computed(0.9, 6, { lower: 0.7146, upper: 0.93 }))).toEqual({ value: '0,90', interval: '[0,71; 0,93]' });
    expect(formatStat(computed(0.9, 6, { lower: -0.2, upper: 0.93 }), { language: 'en' })).toEqual({ value: '0.90', interval: '[−0.20; 0.93]' });
    const bootstrapped = { ...computed(0.5, 6), bootstrap: { lower: 0.25, upper: 0.75, level: 0.95, resamples: 1000, used: 1000 } };
    expect(statInterval(bootstrapped)).toEqual({ lower: 0.25, upper: 0.75 });
    expect(formatStat(bootstrapped, { percent: true })).toEqual({ value: '50%', interval: '[25%; 75%]' });
    expect(formatStat(computed(0.6667, 3))).toEqual({ value: '0,67', interval: null });
    expect(formatStat(tooFewClips(1))).toBeNull();
  });
});
