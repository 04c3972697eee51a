import { attachBootstrap } from './bootstrap';
import { resampleClusterMeans, type ClusterResampleMemo } from './cluster-resampling';
import { computed, noVariance, tooFewClips, type Stat } from './stat-result';

// Pre→post change of one group measured twice (a paired design): the mean change with a
// percentile bootstrap interval, and two paired standardized effect sizes.
//
// d_z = mean change / SD of the changes (Cohen 1988): the effect size of the paired test itself.
// d_av = mean change / mean of the SDs before and after (Cumming 2012; Lakens 2013): comparable
// with a between-groups d, so it is the one to hold next to published effect sizes.
// Both without Hedges' small-sample correction, which the caller can apply if it wants to.

export interface PairedChangeOptions {
  /** Bootstrap resamples for the mean-change interval; 0 skips the bootstrap. */
  readonly resamples: number;
  readonly seed: number;
  /** Confidence level, 0.95 unless given. */
  readonly level?: number;
}

export interface PairedChange {
  /** Pairs with both values. */
  readonly n: number;
  readonly meanBefore: number | null;
  readonly meanAfter: number | null;
  /** Mean of after − before, with its bootstrap interval when computable. */
  readonly meanChange: Stat;
  readonly dz: Stat;
  readonly dav: Stat;
}

interface Moments {
  n: number;
  mean: number;
  /** Sample SD (n − 1); NaN below two values. */
  sd: number;
}

function momentsOf(values: ArrayLike<number>): Moments {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] ?? 0;
  const mean = n > 0 ? sum / n : Number.NaN;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const deviation = (values[i] ?? 0) - mean;
    squares += deviation * deviation;
  }
  return { n, mean, sd: n > 1 ? Math.sqrt(squares / (n - 1)) : Number.NaN };
}

function checkPairs(before: readonly number[], after: readonly number[]): void {
  if (before.length !== after.length) throw new RangeError('paired change needs as many values after as before');
  for (const value of [...before, ...after]) {
    if (!Number.isFinite(value)) throw new RangeError('paired change needs finite values; leave incomplete pairs out');
  }
}

/** d_z: mean change over the SD of the changes. */
export function pairedCohensDz(before: readonly number[], after: readonly number[]): Stat {
  checkPairs(before, after);
  const n = before.length;
  if (n < 2) return tooFewClips(n);
  const change = momentsOf(before.map((value, i) => (after[i] ?? value) - value));
  if (!(change.sd > 0)) return noVariance(n);
  return computed(change.mean / change.sd, n);
}

/** d_av: mean change over the average of the SDs before and after. */
export function pairedCohensDav(before: readonly number[], after: readonly number[]): Stat {
  checkPairs(before, after);
  const n = before.length;
  if (n < 2) return tooFewClips(n);
  const sdBefore = momentsOf(before).sd;
  const sdAfter = momentsOf(after).sd;
  const average = (sdBefore + sdAfter) / 2;
  if (!(average > 0)) return noVariance(n);
  return computed((momentsOf(after).mean - momentsOf(before).mean) / average, n);
}

/** One before/after comparison; `clusters` (e.g. the family of each caregiver) default to one per pair. */
export interface PairedComparison {
  readonly before: readonly number[];
  readonly after: readonly number[];
  readonly clusters?: readonly number[];
}

/**
 * Mean change after − before with a percentile bootstrap interval, plus d_z and d_av, for one or
 * more comparisons at once. The bootstrap resamples clusters (with replacement, seeded, so the same
 * data always give the same interval): two parents of one baby are not independent, so the family
 * is drawn as a whole. All comparisons share one draw per resample, which keeps a team overview
 * with thousands of caregivers fast. Pairs must be complete: a caregiver without a value at one of
 * the two moments is left out by the caller, never imputed.
 */
export function pairedChanges(comparisons: readonly PairedComparison[], options: PairedChangeOptions, memo?: ClusterResampleMemo): PairedChange[] {
  const prepared = comparisons.map((comparison) => {
    checkPairs(comparison.before, comparison.after);
    const clusters = comparison.clusters ?? comparison.before.map((_, i) => i);
    if (clusters.length !== comparison.before.length) throw new RangeError('paired change needs one cluster per pair');
    const changes = Float64Array.from(comparison.before, (value, i) => (comparison.after[i] ?? value) - value);
    return { comparison, clusters, changes };
  });
  const results = prepared.map(({ comparison, changes }): PairedChange => {
    const n = changes.length;
    return {
      n,
      meanBefore: n > 0 ? momentsOf(comparison.before).mean : null,
      meanAfter: n > 0 ? momentsOf(comparison.after).mean : null,
      meanChange: n === 0 ? tooFewClips(0) : computed(momentsOf(changes).mean, n),
      dz: pairedCohensDz(comparison.before, comparison.after),
      dav: pairedCohensDav(comparison.before, comparison.after),
    };
  });
  // Which comparisons get an interval: two pairs or more, and some spread (with none, every
  // resample gives the same mean, and an interval of zero width says nothing).
  const wanted = prepared.map(({ changes }) => changes.length >= 2 && changes.some((value) => value !== changes[0]));
  if (options.resamples <= 0 || !wanted.some(Boolean)) return results;
  if (!Number.isInteger(options.resamples)) throw new RangeError('bootstrap needs a whole number of resamples');

  // Per cluster and comparison: how many pairs and the sum of their changes. A resample then
  // costs one pass over the drawn clusters (or, with a memo, over the clusters that changed).
  const clusterIndex = new Map<number, number>();
  for (const { clusters } of prepared) for (const cluster of clusters) if (!clusterIndex.has(cluster)) clusterIndex.set(cluster, clusterIndex.size);
  const clusterCount = clusterIndex.size;
  const k = prepared.length;
  const counts = new Float64Array(clusterCount * k);
  const sums = new Float64Array(clusterCount * k);
  prepared.forEach(({ clusters, changes }, c) => {
    clusters.forEach((cluster, i) => {
      const at = (clusterIndex.get(cluster) ?? 0) * k + c;
      counts[at]! += 1;
      sums[at]! += changes[i] ?? 0;
    });
  });
  const draws = resampleClusterMeans(options, { clusterCount, k, counts, sums }, memo);
  return results.map((result, c) =>
    wanted[c] ? { ...result, meanChange: attachBootstrap(result.meanChange, draws[c]!, options.level) } : result,
  );
}

/** One comparison, each pair its own cluster. */
export function pairedChange(before: readonly number[], after: readonly number[], options: PairedChangeOptions): PairedChange {
  return pairedChanges([{ before, after }], options)[0]!;
}
