import { toCategoryGrid, type CategoryGrid, type RatingsMatrix, type ScaleBounds } from './ratings-matrix';
import { computed, noVariance, tooFewClips, tooFewRaters, type Stat } from './stat-result';
import { unitWeights, type WeightedStatistic } from './weighted-statistic';

// Fleiss' (1971) kappa: nominal agreement among a fixed number of raters per clip. It assumes
// every clip has the same number of ratings, hence complete clips only.

export const FLEISS_KAPPA_MISSING_DATA_RULE = 'Alleen opnamen die door alle beoordelaars gescoord zijn';

export function prepareFleissKappa(grid: CategoryGrid): WeightedStatistic<'fleissKappa'> {
  const { raters: k, categories } = grid;
  const clipList: number[] = [];
  const pairList: number[] = [];
  // Per complete clip: the categories it received and how often, as parallel flat lists.
  const startList: number[] = [0];
  const categoryList: number[] = [];
  const countList: number[] = [];
  const counts = new Int32Array(categories);
  for (let clip = 0; clip < grid.clips; clip++) {
    counts.fill(0);
    let complete = true;
    for (let rater = 0; rater < k; rater++) {
      const category = grid.cells[clip * k + rater] ?? -1;
      if (category < 0) {
        complete = false;
        break;
      }
      counts[category] = (counts[category] ?? 0) + 1;
    }
    if (!complete) continue;
    clipList.push(clip);
    let pairs = 0;
    counts.forEach((count, category) => {
      if (count === 0) return;
      pairs += count * (count - 1);
      categoryList.push(category);
      countList.push(count);
    });
    pairList.push(pairs);
    startList.push(categoryList.length);
  }
  const clips = Int32Array.from(clipList);
  const agreeingPairs = Float64Array.from(pairList);
  const categoryStart = Int32Array.from(startList);
  const categoryIndex = Int32Array.from(categoryList);
  const categoryCount = Float64Array.from(countList);
  const totals = new Float64Array(categories);

  return {
    clipCount: grid.clips,
    keys: ['fleissKappa'],
    evaluate(weights) {
      if (k < 2) return { fleissKappa: tooFewRaters(k) };
      totals.fill(0);
      let n = 0;
      let agreeing = 0;
      // Indices are in range by construction; `!` instead of `?? 0` keeps bootstrap loops fast.
      for (let i = 0; i < clips.length; i++) {
        const w = weights[clips[i]!]!;
        if (w === 0) continue;
        n += w;
        agreeing += w * agreeingPairs[i]!;
        for (let c = categoryStart[i]!; c < categoryStart[i + 1]!; c++) {
          totals[categoryIndex[c]!]! += w * categoryCount[c]!;
        }
      }
      if (n < 2) return { fleissKappa: tooFewClips(n) };
      let totalSquares = 0;
      for (const total of totals) totalSquares += total * total;
      // P̄ = agreeing / (N k (k−1)) and P̄e = Σ total² / (N k)², multiplied through by
      // (N k)² (k − 1) so that numerator and denominator are exact integers.
      const nk = n * k;
      const denominator = (k - 1) * (nk * nk - totalSquares);
      if (denominator === 0) return { fleissKappa: noVariance(n) };
      return { fleissKappa: computed((agreeing * nk - (k - 1) * totalSquares) / denominator, n) };
    },
  };
}

export function computeFleissKappa(matrix: RatingsMatrix, scale: ScaleBounds): Stat {
  const grid = toCategoryGrid(matrix, scale);
  return prepareFleissKappa(grid).evaluate(unitWeights(grid.clips)).fleissKappa;
}
