import { fQuantile } from './f-distribution';
import { toCategoryGrid, type CategoryGrid, type RatingsMatrix, type ScaleBounds } from './ratings-matrix';
import {
  computed,
  INTERVAL_NOT_COMPUTABLE,
  noClipVariance,
  noVariance,
  OUTSIDE_UNIT_RANGE,
  tooFewClips,
  tooFewRaters,
  undefinedRatio,
  type Stat,
  type StatWarning,
} from './stat-result';
import { unitWeights, type WeightedStatistic } from './weighted-statistic';

// Intraclass correlations after Shrout & Fleiss (1979) / McGraw & Wong (1996), with the F-based
// intervals exactly as psych::ICC(lmer = FALSE) computes them.

export const ICC_FORMS = ['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k'] as const;
export type IccForm = (typeof ICC_FORMS)[number];

export const ICC_MISSING_DATA_RULE = 'Alleen opnamen die door alle beoordelaars gescoord zijn';

/**
 * Two-way ANOVA on the complete clips. The sums of squares are kept multiplied by n·k: with
 * integer scores and integer weights they are then exact integers (far below 2^53 for any
 * team), so "no variance" and "perfect agreement" are exact comparisons with zero rather than
 * guesses about rounding.
 */
export interface IccAnova {
  readonly n: number;
  readonly k: number;
  /** n·k × total sum of squares */
  readonly total: number;
  /** n·k × between-clips (rows) sum of squares */
  readonly clips: number;
  /** n·k × between-raters (columns) sum of squares */
  readonly raters: number;
  /** n·k × residual sum of squares */
  readonly residual: number;
  /** n·k × within-clip sum of squares (raters + residual) */
  readonly within: number;
}

export interface PreparedIcc extends WeightedStatistic<IccForm> {
  anova(weights: ArrayLike<number>): IccAnova;
}

export function prepareIcc(grid: CategoryGrid): PreparedIcc {
  const k = grid.raters;
  const complete: number[] = [];
  for (let clip = 0; clip < grid.clips; clip++) {
    let isComplete = true;
    for (let rater = 0; rater < k; rater++) {
      if ((grid.cells[clip * k + rater] ?? -1) < 0) {
        isComplete = false;
        break;
      }
    }
    if (isComplete) complete.push(clip);
  }
  const completeClips = Int32Array.from(complete);
  const m = completeClips.length;
  const values = new Float64Array(m * k);
  const rowSums = new Float64Array(m);
  const rowSquares = new Float64Array(m);
  completeClips.forEach((clip, row) => {
    let sum = 0;
    let squares = 0;
    for (let rater = 0; rater < k; rater++) {
      const value = grid.cells[clip * k + rater] ?? 0;
      values[row * k + rater] = value;
      sum += value;
      squares += value * value;
    }
    rowSums[row] = sum;
    rowSquares[row] = squares;
  });
  const columnSums = new Float64Array(k);

  function anova(weights: ArrayLike<number>): IccAnova {
    let n = 0;
    let grand = 0;
    let squares = 0;
    let rowSumSquares = 0;
    columnSums.fill(0);
    // Indices are in range by construction; `!` instead of `?? 0` keeps this bootstrap loop fast.
    for (let row = 0; row < m; row++) {
      const w = weights[completeClips[row]!]!;
      if (w === 0) continue;
      const sum = rowSums[row]!;
      n += w;
      grand += w * sum;
      squares += w * rowSquares[row]!;
      rowSumSquares += w * sum * sum;
      const offset = row * k;
      for (let rater = 0; rater < k; rater++) columnSums[rater]! += w * values[offset + rater]!;
    }
    let columnSumSquares = 0;
    for (let rater = 0; rater < k; rater++) columnSumSquares += columnSums[rater]! ** 2;
    const grandSquared = grand * grand;
    const total = n * k * squares - grandSquared;
    const clips = n * rowSumSquares - grandSquared;
    const raters = k * columnSumSquares - grandSquared;
    // Exact for integer data; the clamp only absorbs rounding if someone feeds non-integers.
    const residual = Math.max(0, total - clips - raters);
    return { n, k, total, clips, raters, residual, within: Math.max(0, total - clips) };
  }

  return {
    clipCount: grid.clips,
    keys: ICC_FORMS,
    anova,
    evaluate: (weights) => iccFromAnova(anova(weights), { intervals: false }),
  };
}

function allForms(stat: Stat): Record<IccForm, Stat> {
  return { ICC1: stat, ICC2: stat, ICC3: stat, ICC1k: stat, ICC2k: stat, ICC3k: stat };
}

function perfect(n: number): Stat {
  return computed(1, n, { lower: 1, upper: 1 });
}

function withCaveats(value: number, n: number, interval: [number, number] | null): Stat {
  const warnings: StatWarning[] = [];
  if (value < -1 || value > 1) warnings.push(OUTSIDE_UNIT_RANGE);
  if (interval === null) {
    return computed(value, n, { warnings });
  }
  const [lower, upper] = interval;
  if (!Number.isFinite(lower) || !Number.isFinite(upper)) {
    warnings.push(INTERVAL_NOT_COMPUTABLE);
    return computed(value, n, { warnings });
  }
  return computed(value, n, { lower, upper, warnings });
}

// A missing interval is the honest answer when qf cannot be evaluated (degrees of freedom that
// are not positive and finite, or so close to zero that no quantile is accurate); a statistics
// call must not throw on unusual data.
function safeQuantile(p: number, df1: number, df2: number): number {
  if (!(df1 > 0) || !(df2 > 0) || !Number.isFinite(df1) || !Number.isFinite(df2)) return Number.NaN;
  try {
    return fQuantile(p, df1, df2);
  } catch {
    return Number.NaN;
  }
}

export interface IccOptions {
  /** Compute the F-based intervals (skipped inside bootstrap loops). */
  readonly intervals: boolean;
  /** Confidence level of the intervals; 0.95 unless given. */
  readonly level?: number;
}

export function iccFromAnova(anova: IccAnova, options: IccOptions): Record<IccForm, Stat> {
  const { n, k } = anova;
  if (k < 2) return allForms(tooFewRaters(k));
  if (n < 2) return allForms(tooFewClips(n));
  if (anova.total === 0) return allForms(noVariance(n));
  const model: AnovaModel = {
    n,
    k,
    B: anova.clips,
    C: anova.raters,
    E: anova.residual,
    W: anova.within,
    msr: anova.clips / (n * k * (n - 1)),
    msc: anova.raters / (n * k * (k - 1)),
    mse: anova.residual / (n * k * (n - 1) * (k - 1)),
    msw: anova.within / (n * k * n * (k - 1)),
    // Upper quantile for a two-sided interval at the requested level.
    p: options.intervals ? 1 - (1 - (options.level ?? 0.95)) / 2 : null,
  };
  const [ICC1, ICC1k] = oneWay(model);
  const [ICC2, ICC2k] = absoluteAgreement(model);
  const [ICC3, ICC3k] = consistency(model);
  return { ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k };
}

// B, C, E, W are the n·k-scaled sums of squares of IccAnova; the ratios below are the usual
// mean-square formulas multiplied through so that numerator and denominator stay exact.
interface AnovaModel {
  readonly n: number;
  readonly k: number;
  readonly B: number;
  readonly C: number;
  readonly E: number;
  readonly W: number;
  readonly msr: number;
  readonly msc: number;
  readonly mse: number;
  readonly msw: number;
  /** Quantile probability for the intervals, null when no intervals are wanted. */
  readonly p: number | null;
}

type SingleAndAverage = [single: Stat, average: Stat];

// One-way model: raters are interchangeable, rater differences count as error.
function oneWay({ n, k, B, W, msr, msw, p }: AnovaModel): SingleAndAverage {
  if (W === 0) return [perfect(n), perfect(n)];
  let single: [number, number] | null = null;
  let average: [number, number] | null = null;
  if (p !== null) {
    const f = msr / msw;
    const fLower = f / safeQuantile(p, n - 1, n * (k - 1));
    const fUpper = f * safeQuantile(p, n * (k - 1), n - 1);
    single = [(fLower - 1) / (fLower + k - 1), (fUpper - 1) / (fUpper + k - 1)];
    average = [1 - 1 / fLower, 1 - 1 / fUpper];
  }
  const numerator = n * (k - 1) * B - (n - 1) * W;
  return [
    withCaveats(numerator / (n * (k - 1) * B + (k - 1) * (n - 1) * W), n, single),
    B === 0 ? noClipVariance(n) : withCaveats(numerator / (n * (k - 1) * B), n, average),
  ];
}

// Two-way, consistency: a constant offset between raters is not disagreement.
function consistency({ n, k, B, E, msr, mse, p }: AnovaModel): SingleAndAverage {
  if (E === 0) {
    const stat = B === 0 ? noClipVariance(n) : perfect(n);
    return [stat, stat];
  }
  let single: [number, number] | null = null;
  let average: [number, number] | null = null;
  if (p !== null) {
    const f = msr / mse;
    const fLower = f / safeQuantile(p, n - 1, (n - 1) * (k - 1));
    const fUpper = f * safeQuantile(p, (n - 1) * (k - 1), n - 1);
    single = [(fLower - 1) / (fLower + k - 1), (fUpper - 1) / (fUpper + k - 1)];
    average = [1 - 1 / fLower, 1 - 1 / fUpper];
  }
  const numerator = (k - 1) * B - E;
  return [
    withCaveats(numerator / ((k - 1) * (B + E)), n, single),
    B === 0 ? noClipVariance(n) : withCaveats(numerator / ((k - 1) * B), n, average),
  ];
}

// Two-way, absolute agreement: rater offsets count as disagreement.
function absoluteAgreement({ n, k, B, C, E, W, msr, msc, mse, p }: AnovaModel): SingleAndAverage {
  if (W === 0) return [perfect(n), perfect(n)];
  const numerator = n * (k - 1) * B - n * E;
  const singleDenominator = n * (k - 1) * B + (n * k - n - k) * E + k * (n - 1) * C;
  const averageDenominator = n * (k - 1) * B + (n - 1) * C - E;
  let single: [number, number] | null = null;
  let average: [number, number] | null = null;
  if (p !== null && singleDenominator !== 0) {
    [single, average] = icc2Intervals(numerator / singleDenominator, n, k, msr, msc, mse, p);
  }
  return [
    singleDenominator === 0 ? undefinedRatio(n) : withCaveats(numerator / singleDenominator, n, single),
    averageDenominator === 0
      ? undefinedRatio(n)
      : withCaveats(numerator / averageDenominator, n, average),
  ];
}

// Satterthwaite-style approximate degrees of freedom (McGraw & Wong 1996, as in psych). Written
// with MSE and MSC multiplied through instead of F_j = MSC/MSE, which gives the correct limit
// v = k − 1 when the residual is zero but raters differ by a constant (psych returns NaN there).
function icc2Intervals(
  icc2: number,
  n: number,
  k: number,
  msr: number,
  msc: number,
  mse: number,
  p: number,
): [[number, number], [number, number]] {
  const a = n * (1 + (k - 1) * icc2) - k * icc2;
  const vNumerator = (k - 1) * (n - 1) * (k * icc2 * msc + a * mse) ** 2;
  const vDenominator = (n - 1) * k * k * icc2 * icc2 * msc * msc + a * a * mse * mse;
  const v = vNumerator / vDenominator;
  const fUpper = safeQuantile(p, n - 1, v);
  const fLower = safeQuantile(p, v, n - 1);
  const spread = k * msc + (k * n - k - n) * mse;
  const lower = (n * (msr - fUpper * mse)) / (fUpper * spread + n * msr);
  const upper = (n * (fLower * msr - mse)) / (spread + n * fLower * msr);
  // Spearman–Brown is only monotone while 1 + r(k − 1) > 0; past that the "bound" is not one.
  const stepUp = (r: number): number => (1 + r * (k - 1) > 0 ? (r * k) / (1 + r * (k - 1)) : Number.NaN);
  return [
    [lower, upper],
    [stepUp(lower), stepUp(upper)],
  ];
}

/** All six ICC forms with 95% F-based intervals, on the clips scored by every rater. */
export function computeIcc(
  matrix: RatingsMatrix,
  scale: ScaleBounds,
  options: { level?: number } = {},
): Record<IccForm, Stat> {
  const grid = toCategoryGrid(matrix, scale);
  const prepared = prepareIcc(grid);
  return iccFromAnova(prepared.anova(unitWeights(grid.clips)), {
    intervals: true,
    ...(options.level !== undefined ? { level: options.level } : {}),
  });
}
