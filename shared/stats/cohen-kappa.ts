import { toCategoryGrid, type CategoryGrid, type RatingsMatrix, type ScaleBounds } from './ratings-matrix';
import { computed, noVariance, tooFewClips, type Stat } from './stat-result';
import { unitWeights, type WeightedStatistic } from './weighted-statistic';

// Cohen's kappa for one pair of raters, unweighted and weighted (Cohen 1968), in the
// disagreement form κ = 1 − Σ v·observed / Σ v·expected. Weights come from the full scale the
// caller gives: with only 1, 5 and 9 used, 1 and 9 are still eight points apart, not two.

export const KAPPA_WEIGHTINGS = ['unweighted', 'linear', 'quadratic'] as const;
export type KappaWeighting = (typeof KAPPA_WEIGHTINGS)[number];

export const COHEN_KAPPA_MISSING_DATA_RULE =
  'Per paar beoordelaars: alleen opnamen die door beide beoordelaars gescoord zijn';

/**
 * Disagreement weights v(i, j) on a scale with `categories` points, row-major. Kept as the
 * integers |i − j| and (i − j)² rather than the usual 1 − |i − j|/(c − 1): the scale factor
 * cancels out of kappa, and integer weights keep the sums exact.
 */
export function disagreementWeights(categories: number, weighting: KappaWeighting): Float64Array {
  const weights = new Float64Array(categories * categories);
  for (let i = 0; i < categories; i++) {
    for (let j = 0; j < categories; j++) {
      const distance = Math.abs(i - j);
      weights[i * categories + j] =
        weighting === 'unweighted' ? (distance === 0 ? 0 : 1) : weighting === 'linear' ? distance : distance * distance;
    }
  }
  return weights;
}

/** Kappa from a square table of counts (rows: rater A, columns: rater B) and disagreement weights. */
export function kappaFromCounts(counts: ArrayLike<number>, categories: number, weights: ArrayLike<number>): Stat {
  const [kappa] = weightedKappas(counts, 0, categories, [weights], new KappaScratch(categories, 1));
  return kappa ?? tooFewClips(0);
}

// Reused buffers: a bootstrap evaluates every rater pair thousands of times.
class KappaScratch {
  readonly rowTotals: Float64Array;
  readonly columnTotals: Float64Array;
  readonly observed: Float64Array;
  readonly expected: Float64Array;
  constructor(categories: number, weightings: number) {
    this.rowTotals = new Float64Array(categories);
    this.columnTotals = new Float64Array(categories);
    this.observed = new Float64Array(weightings);
    this.expected = new Float64Array(weightings);
  }
}

// Several weightings of one table (at `offset` in `counts`) share its marginals, so they are
// computed in the same passes. Hot loops here index typed arrays with `!`: the indices are in
// range by construction, and `?? 0` makes a bootstrap about twice as slow.
function weightedKappas(
  counts: ArrayLike<number>,
  offset: number,
  categories: number,
  weightings: readonly ArrayLike<number>[],
  scratch: KappaScratch,
): Stat[] {
  const { rowTotals, columnTotals, observed, expected } = scratch;
  const m = weightings.length;
  rowTotals.fill(0);
  columnTotals.fill(0);
  observed.fill(0);
  expected.fill(0);
  let n = 0;
  for (let i = 0; i < categories; i++) {
    for (let j = 0; j < categories; j++) {
      const cell = i * categories + j;
      const count = counts[offset + cell]!;
      if (count === 0) continue;
      n += count;
      rowTotals[i]! += count;
      columnTotals[j]! += count;
      for (let w = 0; w < m; w++) observed[w]! += weightings[w]![cell]! * count;
    }
  }
  if (n < 2) return weightings.map(() => tooFewClips(n));
  // n × the expected weighted disagreement under independent marginals.
  for (let i = 0; i < categories; i++) {
    const row = rowTotals[i]!;
    if (row === 0) continue;
    for (let j = 0; j < categories; j++) {
      const product = row * columnTotals[j]!;
      if (product === 0) continue;
      const cell = i * categories + j;
      for (let w = 0; w < m; w++) expected[w]! += weightings[w]![cell]! * product;
    }
  }
  return weightings.map((_, w) => {
    const chance = expected[w]!;
    return chance === 0 ? noVariance(n) : computed(1 - (n * observed[w]!) / chance, n);
  });
}

/**
 * Kappa from a table given as rows of counts and an optional disagreement-weight matrix
 * (unweighted when omitted); for published tables and custom weightings.
 */
export function kappaFromTable(
  table: readonly (readonly number[])[],
  disagreement?: readonly (readonly number[])[],
): Stat {
  const categories = table.length;
  const counts = new Float64Array(categories * categories);
  const weights =
    disagreement === undefined
      ? disagreementWeights(categories, 'unweighted')
      : new Float64Array(categories * categories);
  table.forEach((row, i) => {
    if (row.length !== categories) throw new RangeError('kappa table must be square');
    row.forEach((count, j) => {
      counts[i * categories + j] = count;
      if (disagreement !== undefined) weights[i * categories + j] = disagreement[i]?.[j] ?? Number.NaN;
    });
  });
  if (weights.some((w) => !Number.isFinite(w))) throw new RangeError('weight matrix must match the table');
  return kappaFromCounts(counts, categories, weights);
}

export interface KappaPair {
  readonly raters: readonly [string, string];
  /** Clips scored by both raters. */
  readonly n: number;
  readonly unweighted: Stat;
  readonly linear: Stat;
  readonly quadratic: Stat;
}

export type KappaTriple = Record<KappaWeighting, Stat>;

/** Key of one pair's kappa in PreparedCohenKappas.evaluate, e.g. "3.linear" for pair 3. */
export type PairKappaKey = `${number}.${KappaWeighting}`;

export function pairKappaKey(pair: number, weighting: KappaWeighting): PairKappaKey {
  return `${pair}.${weighting}`;
}

export interface PreparedCohenKappas extends WeightedStatistic<PairKappaKey> {
  /** Rater index pairs, in the order of evaluatePairs' result. */
  readonly pairs: readonly (readonly [number, number])[];
  evaluatePairs(weights: ArrayLike<number>): KappaTriple[];
}

export function raterPairs(raterCount: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let a = 0; a < raterCount; a++) {
    for (let b = a + 1; b < raterCount; b++) pairs.push([a, b]);
  }
  return pairs;
}

/**
 * Pairwise-deletion kappas for the given rater pairs (all pairs by default), evaluable on any
 * multiset of clips. One pass over the clips fills every pair's table, skipping clips a
 * resample did not draw, instead of one pass per pair.
 */
export function prepareCohenKappas(
  grid: CategoryGrid,
  pairs: readonly (readonly [number, number])[] = raterPairs(grid.raters),
): PreparedCohenKappas {
  const { raters, categories, cells } = grid;
  const size = categories * categories;
  const pairCount = pairs.length;
  const first = Int32Array.from(pairs, ([a]) => a);
  const second = Int32Array.from(pairs, ([, b]) => b);
  const tables = new Float64Array(pairCount * size);
  const weightings = KAPPA_WEIGHTINGS.map((weighting) => disagreementWeights(categories, weighting));
  const scratch = new KappaScratch(categories, weightings.length);
  const keys = pairs.flatMap((_, pair) => KAPPA_WEIGHTINGS.map((weighting) => pairKappaKey(pair, weighting)));

  function evaluatePairs(weights: ArrayLike<number>): KappaTriple[] {
    tables.fill(0);
    for (let clip = 0; clip < grid.clips; clip++) {
      const w = weights[clip]!;
      if (w === 0) continue;
      const row = clip * raters;
      for (let pair = 0; pair < pairCount; pair++) {
        const a = cells[row + first[pair]!]!;
        const b = cells[row + second[pair]!]!;
        if (a >= 0 && b >= 0) tables[pair * size + a * categories + b]! += w;
      }
    }
    return pairs.map((_, pair) => {
      const [unweighted, linear, quadratic] = weightedKappas(tables, pair * size, categories, weightings, scratch);
      return { unweighted: unweighted!, linear: linear!, quadratic: quadratic! };
    });
  }

  return {
    clipCount: grid.clips,
    keys,
    pairs,
    evaluatePairs,
    evaluate(weights) {
      const result = {} as Record<PairKappaKey, Stat>;
      evaluatePairs(weights).forEach((triple, pair) => {
        for (const weighting of KAPPA_WEIGHTINGS) result[pairKappaKey(pair, weighting)] = triple[weighting];
      });
      return result;
    },
  };
}

/** Cohen's kappa (unweighted, linear, quadratic) for every pair of raters. */
export function computeCohenKappas(matrix: RatingsMatrix, scale: ScaleBounds): KappaPair[] {
  const grid = toCategoryGrid(matrix, scale);
  const prepared = prepareCohenKappas(grid);
  return prepared.evaluatePairs(unitWeights(grid.clips)).map((kappas, pair) => {
    const [a, b] = prepared.pairs[pair] ?? [0, 0];
    return {
      raters: [matrix.raterIds[a] ?? '', matrix.raterIds[b] ?? ''] as const,
      n: kappas.unweighted.n,
      ...kappas,
    };
  });
}
