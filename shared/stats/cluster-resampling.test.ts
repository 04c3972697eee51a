import { describe, expect, it } from 'vitest';
import { ClusterResampleMemo, resampleClusterMeans, type ClusterTotals } from './cluster-resampling';
import { mulberry32 } from './seeded-random';

const OPTIONS = { resamples: 300, seed: 7 };

function totalsFor(clusterCount: number, k: number, seed: number): ClusterTotals {
  const random = mulberry32(seed);
  const counts = new Float64Array(clusterCount * k);
  const sums = new Float64Array(clusterCount * k);
  for (let at = 0; at < counts.length; at++) {
    counts[at] = Math.floor(random() * 3);
    // Means of medians and of a few recordings: thirds and halves, as in the trend values.
    for (let i = 0; i < counts[at]!; i++) sums[at]! += Math.round(random() * 48 - 24) / 6;
  }
  return { clusterCount, k, counts, sums };
}

/** The textbook bootstrap, straight from its definition, in floating point. */
function plainMeans(totals: ClusterTotals): Float64Array[] {
  const { clusterCount, k } = totals;
  const random = mulberry32(OPTIONS.seed);
  const draws = Array.from({ length: k }, () => new Float64Array(OPTIONS.resamples));
  for (let resample = 0; resample < OPTIONS.resamples; resample++) {
    const count = new Float64Array(k);
    const sum = new Float64Array(k);
    for (let draw = 0; draw < clusterCount; draw++) {
      const cluster = Math.floor(random() * clusterCount);
      for (let c = 0; c < k; c++) {
        count[c]! += totals.counts[cluster * k + c]!;
        sum[c]! += totals.sums[cluster * k + c]!;
      }
    }
    for (let c = 0; c < k; c++) draws[c]![resample] = count[c]! > 0 ? sum[c]! / count[c]! : Number.NaN;
  }
  return draws;
}

function withChange(totals: ClusterTotals, at: number, countDelta: number, sumDelta: number): ClusterTotals {
  const counts = Float64Array.from(totals.counts);
  const sums = Float64Array.from(totals.sums);
  counts[at]! += countDelta;
  sums[at]! += sumDelta;
  return { ...totals, counts, sums };
}

describe('resampleClusterMeans', () => {
  it('equals the textbook bootstrap (to far below any shown digit)', () => {
    const totals = totalsFor(60, 3, 1);
    const plain = plainMeans(totals);
    const ours = resampleClusterMeans(OPTIONS, totals);
    for (let c = 0; c < 3; c++) {
      for (let r = 0; r < OPTIONS.resamples; r++) {
        if (Number.isNaN(plain[c]![r]!)) expect(ours[c]![r]).toBeNaN();
        else expect(Math.abs(ours[c]![r]! - plain[c]![r]!)).toBeLessThan(1e-8);
      }
    }
  });

  it('gives bit for bit the fresh answer after a few changed clusters, a pair leaving, and many changes', () => {
    const memo = new ClusterResampleMemo();
    let totals = totalsFor(80, 4, 2);
    resampleClusterMeans(OPTIONS, totals, memo);
    const steps: ClusterTotals[] = [
      withChange(totals, 5 * 4 + 1, 0, 1 / 3),
      withChange(withChange(totals, 17 * 4, 1, -2.5), 60 * 4 + 3, 0, 0.5),
      // A caregiver's pair leaves: the count drops and so does the sum.
      withChange(totals, 33 * 4 + 2, -totals.counts[33 * 4 + 2]!, -totals.sums[33 * 4 + 2]!),
      // More than a quarter of the clusters changed: the memo recounts from its remembered draws.
      totalsFor(80, 4, 99),
    ];
    for (const step of steps) {
      totals = step;
      const remembered = resampleClusterMeans(OPTIONS, totals, memo);
      const fresh = resampleClusterMeans(OPTIONS, totals);
      for (let c = 0; c < 4; c++) expect(Array.from(remembered[c]!)).toEqual(Array.from(fresh[c]!));
    }
  });

  it('keeps apart layouts that differ in clusters, seed or resamples', () => {
    const memo = new ClusterResampleMemo(2);
    const small = totalsFor(10, 2, 3);
    const large = totalsFor(11, 2, 3);
    const first = resampleClusterMeans(OPTIONS, small, memo);
    resampleClusterMeans(OPTIONS, large, memo);
    const otherSeed = resampleClusterMeans({ ...OPTIONS, seed: 8 }, small, memo);
    expect(Array.from(otherSeed[0]!)).toEqual(Array.from(resampleClusterMeans({ ...OPTIONS, seed: 8 }, small)[0]!));
    expect(Array.from(otherSeed[0]!)).not.toEqual(Array.from(first[0]!));
    expect(Array.from(resampleClusterMeans(OPTIONS, small, memo)[0]!)).toEqual(Array.from(first[0]!));
  });

  it('stays exact with large sums by using a coarser grid', () => {
    const totals: ClusterTotals = { clusterCount: 3, k: 1, counts: Float64Array.of(1, 1, 1), sums: Float64Array.of(3e8, -2e8, 1e8 + 0.25) };
    const memo = new ClusterResampleMemo();
    resampleClusterMeans(OPTIONS, totals, memo);
    const changed = withChange(totals, 1, 0, 0.5);
    expect(Array.from(resampleClusterMeans(OPTIONS, changed, memo)[0]!)).toEqual(Array.from(resampleClusterMeans(OPTIONS, changed)[0]!));
    const plain = plainMeans(changed)[0]!;
    resampleClusterMeans(OPTIONS, changed)[0]!.forEach((value, r) => expect(Math.abs(value - plain[r]!)).toBeLessThan(1e-3));
  });
});
