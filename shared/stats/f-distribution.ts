import { inverseRegularizedBeta, regularizedBetaTails } from './special-functions';

function checkDegreesOfFreedom(df1: number, df2: number): void {
  if (!(df1 > 0) || !(df2 > 0) || !Number.isFinite(df1) || !Number.isFinite(df2)) {
    throw new RangeError(`F distribution needs finite df > 0 (df1=${df1}, df2=${df2})`);
  }
}

/** P(F ≤ f) for F with (df1, df2) degrees of freedom; df may be fractional. */
export function fCdf(f: number, df1: number, df2: number): number {
  checkDegreesOfFreedom(df1, df2);
  if (!(f > 0)) return 0;
  if (f === Infinity) return 1;
  // Go through the smaller of x and 1 − x so that neither tail loses digits.
  const denominator = df1 * f + df2;
  const x = (df1 * f) / denominator;
  if (x <= 0.5) return regularizedBetaTails(x, df1 / 2, df2 / 2).lower;
  return regularizedBetaTails(df2 / denominator, df2 / 2, df1 / 2).upper;
}

/** The p-quantile of the F distribution (R's qf(p, df1, df2)); df may be fractional. */
export function fQuantile(p: number, df1: number, df2: number): number {
  checkDegreesOfFreedom(df1, df2);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`F quantile needs 0 ≤ p ≤ 1, got ${p}`);
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const { x, complement } = inverseRegularizedBeta(p, df1 / 2, df2 / 2);
  return (df2 * x) / (df1 * complement);
}
