import { createHash } from 'node:crypto';
import { ClusterResampleMemo } from '../../../../shared/stats/cluster-resampling';
import { pairedChanges, type PairedChange, type PairedChangeOptions, type PairedComparison } from '../../../../shared/stats/paired-cohens-d';

// The bootstrap of the team's mean change is the most expensive step of the team overview
// (thousands of caregivers × 2,000 resamples). It is a pure, seeded function of its inputs, so the
// same inputs give the same answer: remember the last few answers by a fingerprint of the inputs.
// Any changed score changes the fingerprint, so nothing stale can come back. A question that is
// new but differs from a recent one in a few families only (right after a consensus changed)
// reuses that one's draws through the memo and corrects the changed families alone.

const LIMIT = 16;
const cache = new Map<string, PairedChange[]>();
const draws = new ClusterResampleMemo();

/** SHA-256 over every number (and the lengths), so only equal inputs share a key. */
function fingerprint(comparisons: readonly PairedComparison[], options: PairedChangeOptions): string {
  const size = 4 + comparisons.reduce((sum, c) => sum + 1 + 3 * c.before.length, 0);
  const values = new Float64Array(size);
  let at = 0;
  values[at++] = options.resamples;
  values[at++] = options.seed;
  values[at++] = options.level ?? 0.95;
  values[at++] = comparisons.length;
  for (const comparison of comparisons) {
    values[at++] = comparison.before.length;
    for (const value of comparison.before) values[at++] = value;
    for (const value of comparison.after) values[at++] = value;
    comparison.before.forEach((_, i) => (values[at++] = comparison.clusters?.[i] ?? -1 - i));
  }
  return createHash('sha256').update(new Uint8Array(values.buffer)).digest('hex');
}

export function pairedChangesCached(comparisons: readonly PairedComparison[], options: PairedChangeOptions): PairedChange[] {
  const key = fingerprint(comparisons, options);
  const known = cache.get(key);
  if (known) {
    // Most recently used last, so the oldest is the one to forget.
    cache.delete(key);
    cache.set(key, known);
    return known;
  }
  const result = pairedChanges(comparisons, options, draws);
  cache.set(key, result);
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
  return result;
}
