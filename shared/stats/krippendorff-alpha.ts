import { countClipCategories, toCategoryGrid, type CategoryGrid, type RatingsMatrix, type ScaleBounds } from './ratings-matrix';
import { computed, noVariance, tooFewClips, tooFewRaters, type Stat } from './stat-result';
import { unitWeights, type WeightedStatistic } from './weighted-statistic';

// Krippendorff's alpha from the coincidence matrix, following "Computing Krippendorff's
// Alpha-Reliability" (2011): α = 1 − (n.. − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.

export const ALPHA_METRICS = ['nominal', 'ordinal', 'interval'] as const;
export type AlphaMetric = (typeof ALPHA_METRICS)[number];

export const KRIPPENDORFF_ALPHA_MISSING_DATA_RULE =
  'Alle opnamen met minstens twee scores; ontbrekende scores worden overgeslagen';

export function prepareKrippendorffAlpha(grid: CategoryGrid): WeightedStatistic<AlphaMetric> {
  const { raters, categories } = grid;
  const size = categories * categories;
  // Per pairable clip (at least two scores): its contribution to the coincidence matrix
  // o_ck += n_c (n_k − [c = k]) / (m − 1), and its values per category, as flat sparse lists.
  const unitList: number[] = [];
  const entryStartList: number[] = [0];
  const entryCellList: number[] = [];
  const entryValueList: number[] = [];
  const valueStartList: number[] = [0];
  const valueCategoryList: number[] = [];
  const valueCountList: number[] = [];
  const counts = new Int32Array(categories);
  for (let clip = 0; clip < grid.clips; clip++) {
    const m = countClipCategories(grid, clip, counts);
    if (m < 2) continue;
    unitList.push(clip);
    for (let c = 0; c < categories; c++) {
      const countC = counts[c] ?? 0;
      if (countC === 0) continue;
      valueCategoryList.push(c);
      valueCountList.push(countC);
      for (let k = 0; k < categories; k++) {
        const pairs = countC * ((counts[k] ?? 0) - (c === k ? 1 : 0));
        if (pairs === 0) continue;
        entryCellList.push(c * categories + k);
        entryValueList.push(pairs / (m - 1));
      }
    }
    entryStartList.push(entryCellList.length);
    valueStartList.push(valueCategoryList.length);
  }

  const units = Int32Array.from(unitList);
  const entryStart = Int32Array.from(entryStartList);
  const entryCell = Int32Array.from(entryCellList);
  const entryValue = Float64Array.from(entryValueList);
  const valueStart = Int32Array.from(valueStartList);
  const valueCategory = Int32Array.from(valueCategoryList);
  const valueCount = Float64Array.from(valueCountList);

  const coincidences = new Float64Array(size);
  const marginals = new Float64Array(categories);
  const cumulative = new Float64Array(categories + 1);
  const nominal = new Float64Array(size);
  const interval = new Float64Array(size);
  const ordinal = new Float64Array(size);
  for (let c = 0; c < categories; c++) {
    for (let k = 0; k < categories; k++) {
      nominal[c * categories + k] = c === k ? 0 : 1;
      interval[c * categories + k] = (c - k) ** 2;
    }
  }

  function alpha(distance: Float64Array, total: number): number | null {
    let observed = 0;
    let expected = 0;
    for (let c = 0; c < categories; c++) {
      const nc = marginals[c] ?? 0;
      for (let k = 0; k < categories; k++) {
        const d = distance[c * categories + k] ?? 0;
        if (d === 0) continue;
        observed += (coincidences[c * categories + k] ?? 0) * d;
        expected += nc * (marginals[k] ?? 0) * d;
      }
    }
    return expected === 0 ? null : 1 - ((total - 1) * observed) / expected;
  }

  return {
    clipCount: grid.clips,
    keys: ALPHA_METRICS,
    evaluate(weights) {
      if (raters < 2) {
        const stat = tooFewRaters(raters);
        return { nominal: stat, ordinal: stat, interval: stat };
      }
      coincidences.fill(0);
      marginals.fill(0);
      let n = 0;
      // Indices are in range by construction; `!` instead of `?? 0` keeps bootstrap loops fast.
      for (let u = 0; u < units.length; u++) {
        const w = weights[units[u]!]!;
        if (w === 0) continue;
        n += w;
        for (let e = entryStart[u]!; e < entryStart[u + 1]!; e++) coincidences[entryCell[e]!]! += w * entryValue[e]!;
        // Marginals from the raw counts rather than row sums of o: integers, so exact.
        for (let v = valueStart[u]!; v < valueStart[u + 1]!; v++) marginals[valueCategory[v]!]! += w * valueCount[v]!;
      }
      if (n < 2) {
        const stat = tooFewClips(n);
        return { nominal: stat, ordinal: stat, interval: stat };
      }
      let total = 0;
      for (let c = 0; c < categories; c++) {
        cumulative[c + 1] = (cumulative[c] ?? 0) + (marginals[c] ?? 0);
        total += marginals[c] ?? 0;
      }
      // Ordinal metric (Krippendorff): δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², a distance in
      // ranks of the pooled values, so it depends on this sample's marginals.
      for (let c = 0; c < categories; c++) {
        for (let k = c; k < categories; k++) {
          const between =
            (cumulative[k + 1] ?? 0) - (cumulative[c] ?? 0) - ((marginals[c] ?? 0) + (marginals[k] ?? 0)) / 2;
          const d = c === k ? 0 : between * between;
          ordinal[c * categories + k] = d;
          ordinal[k * categories + c] = d;
        }
      }
      const result = (distance: Float64Array): Stat => {
        const value = alpha(distance, total);
        return value === null ? noVariance(n) : computed(value, n);
      };
      return { nominal: result(nominal), ordinal: result(ordinal), interval: result(interval) };
    },
  };
}

export function computeKrippendorffAlpha(matrix: RatingsMatrix, scale: ScaleBounds): Record<AlphaMetric, Stat> {
  const grid = toCategoryGrid(matrix, scale);
  return prepareKrippendorffAlpha(grid).evaluate(unitWeights(grid.clips));
}
