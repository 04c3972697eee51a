import { countClipCategories, toCategoryGrid, type CategoryGrid, type RatingsMatrix, type ScaleBounds } from './ratings-matrix';
import { computed, tooFewClips, tooFewRaters, type Stat } from './stat-result';
import { unitWeights, type WeightedStatistic } from './weighted-statistic';

// Percent agreement as a fraction: per clip, the share of pairs among the raters who scored it
// that agree exactly (or within one point), averaged over clips so that every clip counts
// once, however many raters it had. No chance correction, so identical scores everywhere give
// a plain 1 rather than "not computable".

export const PERCENT_AGREEMENT_KEYS = ['exact', 'within1'] as const;
export type PercentAgreementKey = (typeof PERCENT_AGREEMENT_KEYS)[number];

export const PERCENT_AGREEMENT_MISSING_DATA_RULE =
  'Per opname het aandeel overeenstemmende paren onder de beoordelaars die de opname scoorden (minstens twee scores), gemiddeld over de opnamen';

export function preparePercentAgreement(grid: CategoryGrid): WeightedStatistic<PercentAgreementKey> {
  const { raters, categories } = grid;
  const clipList: number[] = [];
  const exactList: number[] = [];
  const within1List: number[] = [];
  const counts = new Int32Array(categories);
  for (let clip = 0; clip < grid.clips; clip++) {
    const m = countClipCategories(grid, clip, counts);
    if (m < 2) continue;
    let exact = 0;
    let adjacent = 0;
    for (let c = 0; c < categories; c++) {
      const count = counts[c] ?? 0;
      exact += (count * (count - 1)) / 2;
      adjacent += count * (counts[c + 1] ?? 0);
    }
    const pairs = (m * (m - 1)) / 2;
    clipList.push(clip);
    exactList.push(exact / pairs);
    within1List.push((exact + adjacent) / pairs);
  }
  const clips = Int32Array.from(clipList);
  const exactShare = Float64Array.from(exactList);
  const within1Share = Float64Array.from(within1List);

  return {
    clipCount: grid.clips,
    keys: PERCENT_AGREEMENT_KEYS,
    evaluate(weights) {
      if (raters < 2) {
        const stat = tooFewRaters(raters);
        return { exact: stat, within1: stat };
      }
      let n = 0;
      let exact = 0;
      let within1 = 0;
      // Indices are in range by construction; `!` instead of `?? 0` keeps bootstrap loops fast.
      for (let i = 0; i < clips.length; i++) {
        const w = weights[clips[i]!]!;
        if (w === 0) continue;
        n += w;
        exact += w * exactShare[i]!;
        within1 += w * within1Share[i]!;
      }
      if (n < 2) {
        const stat = tooFewClips(n);
        return { exact: stat, within1: stat };
      }
      return { exact: computed(exact / n, n), within1: computed(within1 / n, n) };
    },
  };
}

export function computePercentAgreement(
  matrix: RatingsMatrix,
  scale: ScaleBounds,
): Record<PercentAgreementKey, Stat> {
  const grid = toCategoryGrid(matrix, scale);
  return preparePercentAgreement(grid).evaluate(unitWeights(grid.clips));
}
