import { mulberry32 } from './seeded-random';

// The cluster bootstrap of a mean: each resample draws as many clusters as there are, with
// replacement, and divides the drawn clusters' summed values by their summed counts.
//
// Which clusters a resample draws depends only on the seed, the number of resamples and the
// number of clusters, never on the values. So a memo can keep, per such layout, how often each
// resample drew each cluster, and the resamples' running totals. When the next question has the
// same layout and only a few clusters' values differ (one consensus changed), the totals are
// corrected for those clusters alone: resamples × changed clusters instead of resamples × clusters.
//
// For that correction to give exactly the answer of a fresh computation, the sums are kept as
// whole multiples of a power of two (2^-30, far below any score's precision) while they stay
// below 2^53: adding whole numbers in float64 is then exact in any order.

export interface ClusterTotals {
  readonly clusterCount: number;
  /** Comparisons per cluster (one mean per comparison and resample). */
  readonly k: number;
  /** Per cluster and comparison (cluster-major): how many values. */
  readonly counts: Float64Array;
  /** Per cluster and comparison: the sum of the values. */
  readonly sums: Float64Array;
}

export interface ResampleOptions {
  readonly resamples: number;
  readonly seed: number;
}

interface Layout {
  readonly seed: number;
  readonly resamples: number;
  readonly clusterCount: number;
  readonly k: number;
  readonly scale: number;
  /** How often resample r drew cluster j, at j × resamples + r. */
  readonly multiplicity: Uint16Array | Uint32Array;
  counts: Float64Array;
  sums: Float64Array;
  /** Per resample and comparison (resample-major): the drawn counts and scaled sums. */
  readonly drawnCount: Float64Array;
  readonly drawnSum: Float64Array;
}

const PREFERRED_SCALE = 2 ** 30;
const EXACT_LIMIT = 2 ** 52;
// Beyond this share of changed clusters a fresh pass over the remembered draws is as cheap.
const INCREMENTAL_SHARE = 0.25;

/** The largest power of two ≤ 2^30 that keeps every resample's scaled sum an exact integer. */
function scaleFor(totals: ClusterTotals): number {
  let largest = 0;
  for (const value of totals.sums) largest = Math.max(largest, Math.abs(value));
  let scale = PREFERRED_SCALE;
  // A resample draws clusterCount clusters, each at most `largest`.
  while (scale > 2 ** -30 && totals.clusterCount * largest * scale >= EXACT_LIMIT) scale /= 2;
  return scale;
}

/** Remembers the last few layouts' draws; one per process is enough (see paired-change-cache). */
export class ClusterResampleMemo {
  private readonly layouts: Layout[] = [];
  constructor(private readonly limit = 4) {}

  take(options: ResampleOptions, totals: ClusterTotals, scale: number): Layout | undefined {
    const at = this.layouts.findIndex(
      (layout) =>
        layout.seed === options.seed &&
        layout.resamples === options.resamples &&
        layout.clusterCount === totals.clusterCount &&
        layout.k === totals.k &&
        layout.scale === scale,
    );
    if (at < 0) return undefined;
    const [layout] = this.layouts.splice(at, 1);
    this.layouts.push(layout!);
    return layout;
  }

  keep(layout: Layout): void {
    this.layouts.push(layout);
    if (this.layouts.length > this.limit) this.layouts.shift();
  }
}

function scaled(totals: ClusterTotals, scale: number): Float64Array {
  return Float64Array.from(totals.sums, (value) => Math.round(value * scale));
}

/** A fresh layout: draws every resample from the seed and totals it. */
function drawLayout(options: ResampleOptions, totals: ClusterTotals, scale: number): Layout {
  const { resamples } = options;
  const { clusterCount, k, counts } = totals;
  const sums = scaled(totals, scale);
  const multiplicity = clusterCount < 65536 ? new Uint16Array(clusterCount * resamples) : new Uint32Array(clusterCount * resamples);
  const drawnCount = new Float64Array(resamples * k);
  const drawnSum = new Float64Array(resamples * k);
  const random = mulberry32(options.seed);
  for (let resample = 0; resample < resamples; resample++) {
    const out = resample * k;
    for (let draw = 0; draw < clusterCount; draw++) {
      const cluster = Math.floor(random() * clusterCount);
      multiplicity[cluster * resamples + resample]! += 1;
      const base = cluster * k;
      for (let c = 0; c < k; c++) {
        drawnCount[out + c]! += counts[base + c]!;
        drawnSum[out + c]! += sums[base + c]!;
      }
    }
  }
  return { seed: options.seed, resamples, clusterCount, k, scale, multiplicity, counts: Float64Array.from(counts), sums, drawnCount, drawnSum };
}

/** Brings a remembered layout to new values: corrects only the clusters whose values changed. */
function updateLayout(layout: Layout, totals: ClusterTotals): void {
  const { resamples, clusterCount, k, multiplicity } = layout;
  const sums = scaled(totals, layout.scale);
  const changed: number[] = [];
  for (let cluster = 0; cluster < clusterCount; cluster++) {
    for (let c = 0; c < k; c++) {
      const at = cluster * k + c;
      if (totals.counts[at] !== layout.counts[at] || sums[at] !== layout.sums[at]) {
        changed.push(cluster);
        break;
      }
    }
  }
  if (changed.length === 0) return;
  if (changed.length > INCREMENTAL_SHARE * clusterCount) {
    layout.drawnCount.fill(0);
    layout.drawnSum.fill(0);
    changed.length = 0;
    for (let cluster = 0; cluster < clusterCount; cluster++) changed.push(cluster);
    layout.counts.fill(0);
    layout.sums.fill(0);
  }
  const deltaCount = new Float64Array(k);
  const deltaSum = new Float64Array(k);
  for (const cluster of changed) {
    const base = cluster * k;
    for (let c = 0; c < k; c++) {
      deltaCount[c] = totals.counts[base + c]! - layout.counts[base + c]!;
      deltaSum[c] = sums[base + c]! - layout.sums[base + c]!;
    }
    const row = cluster * resamples;
    for (let resample = 0; resample < resamples; resample++) {
      const times = multiplicity[row + resample]!;
      if (times === 0) continue;
      const out = resample * k;
      for (let c = 0; c < k; c++) {
        layout.drawnCount[out + c]! += times * deltaCount[c]!;
        layout.drawnSum[out + c]! += times * deltaSum[c]!;
      }
    }
  }
  layout.counts = Float64Array.from(totals.counts);
  layout.sums = sums;
}

/**
 * Per comparison, the resampled means (NaN where a resample drew no value of that comparison).
 * With a memo, a question that differs from a remembered one in a few clusters costs little, and
 * the answer is identical to the one without a memo.
 */
export function resampleClusterMeans(options: ResampleOptions, totals: ClusterTotals, memo?: ClusterResampleMemo): Float64Array[] {
  const scale = scaleFor(totals);
  let layout = memo?.take(options, totals, scale);
  if (layout) updateLayout(layout, totals);
  else {
    layout = drawLayout(options, totals, scale);
    memo?.keep(layout);
  }
  const { resamples, k, drawnCount, drawnSum } = layout;
  return Array.from({ length: k }, (_, c) => {
    const draws = new Float64Array(resamples);
    for (let resample = 0; resample < resamples; resample++) {
      const count = drawnCount[resample * k + c]!;
      draws[resample] = count > 0 ? drawnSum[resample * k + c]! / scale / count : Number.NaN;
    }
    return draws;
  });
}
