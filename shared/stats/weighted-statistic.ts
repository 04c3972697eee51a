import type { Stat } from './stat-result';

/**
 * A statistic prepared once from a ratings matrix and then evaluated on any multiset of its
 * clips: weights[i] says how often clip i counts (all ones for the data as observed, bootstrap
 * counts for a resample). Point estimates and bootstrap draws share this one code path, and a
 * resample costs a pass over per-clip sufficient statistics instead of a full recomputation.
 */
export interface WeightedStatistic<K extends string> {
  readonly clipCount: number;
  readonly keys: readonly K[];
  evaluate(weights: ArrayLike<number>): Record<K, Stat>;
}

export function unitWeights(clipCount: number): Float64Array {
  return new Float64Array(clipCount).fill(1);
}
