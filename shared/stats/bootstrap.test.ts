import { describe, expect, it } from 'vitest';
import { fixture, fixtureMatrix } from '../../test/fixtures/agreement/fixtures';
import {
  attachBootstrap,
  bootstrapDifference,
  bootstrapMatrix,
  bootstrapStatistic,
  drawResampleWeights,
  percentileInterval,
} from './bootstrap';
import { prepareSummaryStatistic } from './compute-agreement';
import { computeIcc } from './icc';
import { computeKrippendorffAlpha } from './krippendorff-alpha';
import { toCategoryGrid } from './ratings-matrix';
import { mulberry32 } from './seeded-random';
import type { Stat } from './stat-result';

const SCALE = { min: 1, max: 9 };

function bootstrapOf(stat: Stat) {
  if (!stat.ok || stat.bootstrap === undefined) throw new Error('expected a bootstrap interval');
  return stat.bootstrap;
}

describe('mulberry32 and resampling', () => {
  it('is reproducible from its seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const drawsA = Array.from({ length: 1000 }, () => a());
    expect(drawsA).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(drawsA).not.toEqual(Array.from({ length: 1000 }, () => c()));
    expect(Math.min(...drawsA)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...drawsA)).toBeLessThan(1);
    expect(drawsA.reduce((s, x) => s + x, 0) / 1000).toBeCloseTo(0.5, 1);
  });

  it('draws as many clips as there are, with replacement', () => {
    const weights = new Float64Array(37);
    drawResampleWeights(mulberry32(1), weights);
    expect(weights.reduce((s, w) => s + w, 0)).toBe(37);
    expect(weights.every((w) => Number.isInteger(w) && w >= 0)).toBe(true);
  });
});

describe('percentileInterval', () => {
  it('uses R\'s default (type 7) quantiles: quantile(1:11, c(.05, .95)) = 1.5, 10.5', () => {
    const draws = Float64Array.from({ length: 11 }, (_, i) => 11 - i);
    expect(percentileInterval(draws, 0.9)).toEqual({ lower: 1.5, upper: 10.5, level: 0.9, resamples: 11, used: 11 });
  });

  it('leaves out resamples that were not computable, and gives up when most were', () => {
    const attached = attachBootstrap({ ok: true, value: 0.5, n: 10 }, Float64Array.from([0.1, Number.NaN, 0.9, 0.5]));
    expect(bootstrapOf(attached)).toMatchObject({ used: 3, resamples: 4 });
    expect(attached.ok && attached.warnings?.[0]?.code).toBe('bootstrap-partial');
    const failed = attachBootstrap({ ok: true, value: 0.5, n: 10 }, Float64Array.from([0.1, Number.NaN, Number.NaN]));
    expect(failed).not.toHaveProperty('bootstrap');
    expect(failed.ok && failed.warnings?.[0]?.code).toBe('bootstrap-not-computable');
  });
});

describe('bootstrapStatistic', () => {
  const dataset = fixture('missing-50x6');
  const grid = toCategoryGrid(fixtureMatrix(dataset), SCALE);

  it('is reproducible from its seed', () => {
    const statistic = prepareSummaryStatistic(grid, 'ICC2');
    const first = bootstrapStatistic(statistic, { resamples: 300, seed: 5 }).value;
    expect(bootstrapStatistic(statistic, { resamples: 300, seed: 5 }).value).toEqual(first);
    expect(bootstrapStatistic(statistic, { resamples: 300, seed: 6 }).value).not.toEqual(first);
  });

  it('gives the same interval as recomputing each resampled matrix from scratch', () => {
    const options = { resamples: 200, seed: 99 };
    const matrix = fixtureMatrix(dataset);
    const fastIcc = bootstrapOf(bootstrapStatistic(prepareSummaryStatistic(grid, 'ICC2'), options).value);
    const slowIcc = bootstrapOf(bootstrapMatrix(matrix, (m) => computeIcc(m, SCALE).ICC2, options));
    expect(fastIcc.lower).toBeCloseTo(slowIcc.lower, 12);
    expect(fastIcc.upper).toBeCloseTo(slowIcc.upper, 12);
    const fastAlpha = bootstrapOf(bootstrapStatistic(prepareSummaryStatistic(grid, 'alphaOrdinal'), options).value);
    const slowAlpha = bootstrapOf(bootstrapMatrix(matrix, (m) => computeKrippendorffAlpha(m, SCALE).ordinal, options));
    expect(fastAlpha.lower).toBeCloseTo(slowAlpha.lower, 12);
    expect(fastAlpha.upper).toBeCloseTo(slowAlpha.upper, 12);
  });

  it('brackets the estimate on well-behaved data', () => {
    const stat = bootstrapStatistic(prepareSummaryStatistic(grid, 'alphaInterval'), { resamples: 500, seed: 1 }).value;
    if (!stat.ok) throw new Error(stat.reason);
    const interval = bootstrapOf(stat);
    expect(interval.lower).toBeLessThan(stat.value);
    expect(interval.upper).toBeGreaterThan(stat.value);
    expect(interval.used).toBe(500);
  });

  it('gives [1, 1] for perfect agreement on varied clips', () => {
    const perfect = toCategoryGrid(
      { raterIds: ['a', 'b', 'c'], scores: [1, 3, 5, 7, 9, 2, 4, 6, 8, 5].map((s) => [s, s, s]) },
      SCALE,
    );
    for (const key of ['ICC2', 'alphaOrdinal', 'fleissKappa', 'percentExact'] as const) {
      const stat = bootstrapStatistic(prepareSummaryStatistic(perfect, key), { resamples: 200, seed: 3 }).value;
      expect(stat).toMatchObject({ ok: true, value: 1, bootstrap: { lower: 1, upper: 1 } });
    }
  });

  it('rejects meaningless options', () => {
    const statistic = prepareSummaryStatistic(grid, 'ICC1');
    expect(() => bootstrapStatistic(statistic, { resamples: 0, seed: 1 })).toThrow(RangeError);
    expect(() => bootstrapStatistic(statistic, { resamples: 10.5, seed: 1 })).toThrow(RangeError);
    expect(() => bootstrapStatistic(statistic, { resamples: 10, seed: 1, level: 1 })).toThrow(RangeError);
  });
});

describe('bootstrapDifference', () => {
  it('centres on zero for a group compared with itself', () => {
    const grid = toCategoryGrid(fixtureMatrix(fixture('complete-30x4')), SCALE);
    const stat = bootstrapDifference(
      prepareSummaryStatistic(grid, 'ICC2'),
      prepareSummaryStatistic(grid, 'ICC2'),
      'value',
      { resamples: 500, seed: 8 },
    );
    if (!stat.ok) throw new Error(stat.reason);
    expect(stat.value).toBe(0);
    expect(bootstrapOf(stat).lower).toBeLessThan(0);
    expect(bootstrapOf(stat).upper).toBeGreaterThan(0);
  });

  it('separates good from chance-level agreement', () => {
    const good = toCategoryGrid(fixtureMatrix(fixture('complete-30x4')), SCALE);
    const noise = toCategoryGrid(fixtureMatrix(fixture('noise-15x3')), SCALE);
    const stat = bootstrapDifference(
      prepareSummaryStatistic(good, 'alphaOrdinal'),
      prepareSummaryStatistic(noise, 'alphaOrdinal'),
      'value',
      { resamples: 500, seed: 8 },
    );
    expect(bootstrapOf(stat).lower).toBeGreaterThan(0);
  });

  it('passes on the reason when a group has no estimate', () => {
    const good = toCategoryGrid(fixtureMatrix(fixture('complete-30x4')), SCALE);
    const flat = toCategoryGrid({ raterIds: ['a', 'b'], scores: [[5, 5], [5, 5]] }, SCALE);
    const stat = bootstrapDifference(
      prepareSummaryStatistic(good, 'ICC1'),
      prepareSummaryStatistic(flat, 'ICC1'),
      'value',
      { resamples: 10, seed: 1 },
    );
    expect(stat).toMatchObject({ ok: false, code: 'no-variance' });
  });
});
