import type { RatingsMatrix, Score } from './ratings-matrix';
import { mulberry32, type Random } from './seeded-random';
import { valueOrNaN, type BootstrapInterval, type Stat, type StatWarning } from './stat-result';
import { unitWeights, type WeightedStatistic } from './weighted-statistic';

// Percentile bootstrap over clips: a resample draws as many clips as there are, with
// replacement, and is handed to a statistic as per-clip counts. Clips a statistic cannot use
// (e.g. incomplete ones for the ICC) are drawn like any other and simply contribute nothing.

export interface BootstrapOptions {
  readonly resamples: number;
  readonly seed: number;
  /** Confidence level, 0.95 unless given. */
  readonly level?: number;
}

// Fewer computable resamples than this share and the interval would describe a different
// population of resamples than the estimate; better to give none.
const MIN_USED_SHARE = 0.5;

function checkOptions(options: BootstrapOptions): void {
  if (!Number.isInteger(options.resamples) || options.resamples < 1) {
    throw new RangeError(`bootstrap needs a whole number of resamples ≥ 1, got ${options.resamples}`);
  }
  if (!Number.isFinite(options.seed)) throw new RangeError('bootstrap needs a numeric seed');
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrap level must lie in (0, 1), got ${level}`);
}

/** Fills `weights` with how often each clip is drawn in one resample of weights.length clips. */
export function drawResampleWeights(random: Random, weights: Float64Array): void {
  const clipCount = weights.length;
  weights.fill(0);
  for (let draw = 0; draw < clipCount; draw++) weights[Math.floor(random() * clipCount)]! += 1;
}

// R's default (type 7) sample quantile of sorted values.
function quantileOfSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const low = Math.floor(h);
  const lowValue = sorted[low] ?? Number.NaN;
  const highValue = sorted[Math.min(low + 1, sorted.length - 1)] ?? lowValue;
  return lowValue + (h - low) * (highValue - lowValue);
}

/** Percentile interval of the computable draws (NaN marks a resample that was not computable). */
export function percentileInterval(
  draws: Float64Array,
  level = 0.95,
): BootstrapInterval | null {
  const used = draws.filter((value) => !Number.isNaN(value)).sort();
  if (used.length < 2 || used.length < MIN_USED_SHARE * draws.length) return null;
  const tail = (1 - level) / 2;
  return {
    lower: quantileOfSorted(used, tail),
    upper: quantileOfSorted(used, 1 - tail),
    level,
    resamples: draws.length,
    used: used.length,
  };
}

/** The point estimate with the percentile interval of its draws attached (or a warning why not). */
export function attachBootstrap(point: Stat, draws: Float64Array, level = 0.95): Stat {
  if (!point.ok) return point;
  const interval = percentileInterval(draws, level);
  const warnings: StatWarning[] = [...(point.warnings ?? [])];
  if (interval === null) {
    warnings.push({
      code: 'bootstrap-not-computable',
      message: 'Geen bootstrap-interval: de statistiek was in te veel trekkingen niet te berekenen.',
    });
    return { ...point, warnings };
  }
  if (interval.used < interval.resamples) {
    warnings.push({
      code: 'bootstrap-partial',
      message:
        `${interval.resamples - interval.used} van ${interval.resamples} bootstrap-trekkingen ` +
        'waren niet te berekenen en zijn weggelaten.',
    });
  }
  return { ...point, bootstrap: interval, ...(warnings.length > 0 ? { warnings } : {}) };
}

/**
 * Draws the resamples once and evaluates every statistic on each, so a whole report costs one
 * pass of random numbers. Returns, per statistic and key, one value per resample (NaN where not
 * computable). All statistics must be prepared from the same clips.
 */
export function drawBootstrap<K extends string>(
  statistics: readonly WeightedStatistic<K>[],
  options: BootstrapOptions,
): Record<K, Float64Array>[] {
  checkOptions(options);
  const clipCount = statistics[0]?.clipCount ?? 0;
  if (statistics.some((statistic) => statistic.clipCount !== clipCount)) {
    throw new RangeError('bootstrapped statistics must come from the same clips');
  }
  const draws = statistics.map((statistic) => {
    const perKey = {} as Record<K, Float64Array>;
    for (const key of statistic.keys) perKey[key] = new Float64Array(options.resamples);
    return perKey;
  });
  const random = mulberry32(options.seed);
  const weights = new Float64Array(clipCount);
  for (let resample = 0; resample < options.resamples; resample++) {
    drawResampleWeights(random, weights);
    statistics.forEach((statistic, index) => {
      const values = statistic.evaluate(weights);
      const target = draws[index];
      if (target === undefined) return;
      for (const key of statistic.keys) target[key][resample] = valueOrNaN(values[key]);
    });
  }
  return draws;
}

/** Point estimates of a prepared statistic, each with its bootstrap interval. */
export function bootstrapStatistic<K extends string>(
  statistic: WeightedStatistic<K>,
  options: BootstrapOptions,
): Record<K, Stat> {
  const point = statistic.evaluate(unitWeights(statistic.clipCount));
  const [draws] = drawBootstrap([statistic], options);
  const result = {} as Record<K, Stat>;
  for (const key of statistic.keys) {
    result[key] = draws === undefined ? point[key] : attachBootstrap(point[key], draws[key], options.level);
  }
  return result;
}

/**
 * Bootstrap for any statistic written as a function of a ratings matrix. Each resample is built
 * as a real matrix, so this is the slow general path; the prepared statistics avoid it.
 */
export function bootstrapMatrix(
  matrix: RatingsMatrix,
  statistic: (resampled: RatingsMatrix) => Stat,
  options: BootstrapOptions,
): Stat {
  const wrapped: WeightedStatistic<'value'> = {
    clipCount: matrix.scores.length,
    keys: ['value'],
    evaluate(weights) {
      const scores: (readonly Score[])[] = [];
      matrix.scores.forEach((row, clip) => {
        for (let copy = 0; copy < (weights[clip] ?? 0); copy++) scores.push(row);
      });
      return { value: statistic({ raterIds: matrix.raterIds, scores }) };
    },
  };
  return bootstrapStatistic(wrapped, options).value;
}

/**
 * Difference A − B of one statistic between two independent groups of clips (e.g. before and
 * after clips, or two meetings), with a percentile interval from resampling each group
 * separately.
 */
export function bootstrapDifference<K extends string>(
  groupA: WeightedStatistic<K>,
  groupB: WeightedStatistic<K>,
  key: K,
  options: BootstrapOptions,
): Stat {
  checkOptions(options);
  const pointA = groupA.evaluate(unitWeights(groupA.clipCount))[key];
  const pointB = groupB.evaluate(unitWeights(groupB.clipCount))[key];
  if (!pointA.ok) return pointA;
  if (!pointB.ok) return pointB;
  const random = mulberry32(options.seed);
  const weightsA = new Float64Array(groupA.clipCount);
  const weightsB = new Float64Array(groupB.clipCount);
  const draws = new Float64Array(options.resamples);
  for (let resample = 0; resample < options.resamples; resample++) {
    drawResampleWeights(random, weightsA);
    drawResampleWeights(random, weightsB);
    draws[resample] = valueOrNaN(groupA.evaluate(weightsA)[key]) - valueOrNaN(groupB.evaluate(weightsB)[key]);
  }
  const difference: Stat = {
    ok: true,
    value: pointA.value - pointB.value,
    n: pointA.n + pointB.n,
  };
  return attachBootstrap(difference, draws, options.level);
}
