import { describe, expect, it } from 'vitest';
import { agreementFixtures, fixture, fixtureMatrix, okValue } from '../../test/fixtures/agreement/fixtures';
import { computeCohenKappas, disagreementWeights, kappaFromTable } from './cohen-kappa';

const SCALE = { min: 1, max: 9 };

describe('kappaFromTable: Cohen (1968)', () => {
  // Table 1 of Cohen (1968) as counts out of 100: personality disorder, neurosis, psychosis.
  const table = [
    [44, 7, 9],
    [5, 20, 5],
    [1, 3, 6],
  ];

  it('gives κ = .492 unweighted', () => {
    expect(okValue(kappaFromTable(table))).toBeCloseTo(0.4915254237288136, 12);
  });

  it('gives κw = .348 with the disagreement weights 1, 3, 6', () => {
    const weights = [
      [0, 1, 3],
      [1, 0, 6],
      [3, 6, 0],
    ];
    // 1 − 0.90 / 1.38 exactly
    expect(okValue(kappaFromTable(table, weights))).toBeCloseTo(1 - 0.9 / 1.38, 12);
    expect(okValue(kappaFromTable(table, weights))).toBeCloseTo(0.348, 3);
  });

  it('gives κw = .353 with Cohen\'s asymmetric weights', () => {
    const weights = [
      [0, 1, 4],
      [1, 0, 6],
      [2, 2, 0],
    ];
    expect(okValue(kappaFromTable(table, weights))).toBeCloseTo(0.353, 3);
  });
});

describe('computeCohenKappas: against psych::cohen.kappa(levels = 1:9) and a hand-written R version', () => {
  describe.each(agreementFixtures.map((dataset) => [dataset.name, dataset] as const))('%s', (_, dataset) => {
    const pairs = computeCohenKappas(fixtureMatrix(dataset), dataset);
    it('has every rater pair with its pairwise-complete n', () => {
      expect(pairs.map((pair) => [...pair.raters])).toEqual(dataset.expected.kappa_pairs.map((pair) => [...pair.raters]));
      expect(pairs.map((pair) => pair.n)).toEqual(dataset.expected.kappa_pairs.map((pair) => pair.n));
    });
    it('matches unweighted, linear and quadratic kappa to 1e-9', () => {
      pairs.forEach((pair, index) => {
        const expected = dataset.expected.kappa_pairs[index];
        expect(okValue(pair.unweighted)).toBeCloseTo(expected?.unweighted ?? Number.NaN, 9);
        expect(okValue(pair.linear)).toBeCloseTo(expected?.linear ?? Number.NaN, 9);
        expect(okValue(pair.quadratic)).toBeCloseTo(expected?.quadratic ?? Number.NaN, 9);
      });
    });
  });
});

// Independent formulation: with disagreement d, κ = 1 − mean d(a_i, b_i) / mean over all i, j of d(a_i, b_j).
function pairwiseKappa(a: number[], b: number[], d: (x: number, y: number) => number): number {
  const observed = a.reduce((sum, x, i) => sum + d(x, b[i] ?? Number.NaN), 0) / a.length;
  let expected = 0;
  for (const x of a) for (const y of b) expected += d(x, y);
  return 1 - observed / (expected / (a.length * b.length));
}

describe('computeCohenKappas: weights from the full scale', () => {
  it('treats 1, 3 and 9 as scale points, not as three ranked categories', () => {
    const dataset = fixture('sparse-25x2');
    const [pair] = computeCohenKappas(fixtureMatrix(dataset), SCALE);
    const a = dataset.scores.map((row) => row[0] ?? Number.NaN);
    const b = dataset.scores.map((row) => row[1] ?? Number.NaN);
    expect(okValue(pair!.linear)).toBeCloseTo(pairwiseKappa(a, b, (x, y) => Math.abs(x - y)), 12);
    expect(okValue(pair!.quadratic)).toBeCloseTo(pairwiseKappa(a, b, (x, y) => (x - y) ** 2), 12);
    // Ranks of the categories that happen to occur (what psych does without `levels`) differ.
    const rank = (score: number) => [1, 3, 9].indexOf(score) + 1;
    const [ranked] = computeCohenKappas(
      { raterIds: ['a', 'b'], scores: dataset.scores.map((row) => row.map((s) => (s === null ? null : rank(s)))) },
      SCALE,
    );
    expect(Math.abs(okValue(ranked!.quadratic) - okValue(pair!.quadratic))).toBeGreaterThan(0.01);
  });

  it('matches the all-pairs formulation on random data', () => {
    let state = 11;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 20; trial++) {
      const a = Array.from({ length: 30 }, () => 1 + Math.floor(next() * 9));
      const b = a.map((x) => Math.min(9, Math.max(1, x + Math.floor(next() * 5) - 2)));
      const [pair] = computeCohenKappas({ raterIds: ['a', 'b'], scores: a.map((x, i) => [x, b[i] ?? null]) }, SCALE);
      expect(okValue(pair!.unweighted)).toBeCloseTo(pairwiseKappa(a, b, (x, y) => (x === y ? 0 : 1)), 12);
      expect(okValue(pair!.linear)).toBeCloseTo(pairwiseKappa(a, b, (x, y) => Math.abs(x - y)), 12);
      expect(okValue(pair!.quadratic)).toBeCloseTo(pairwiseKappa(a, b, (x, y) => (x - y) ** 2), 12);
    }
  });

  it('builds weights over every scale point', () => {
    const linear = disagreementWeights(9, 'linear');
    expect(linear.length).toBe(81);
    expect(linear[0 * 9 + 8]).toBe(8);
    expect(disagreementWeights(9, 'quadratic')[2 * 9 + 5]).toBe(9);
    expect(disagreementWeights(9, 'unweighted')[4 * 9 + 4]).toBe(0);
  });
});

describe('computeCohenKappas: missing data and degenerate pairs', () => {
  it('uses pairwise deletion', () => {
    const pairs = computeCohenKappas(
      {
        raterIds: ['a', 'b', 'c'],
        scores: [
          [1, 1, null],
          [5, 5, 5],
          [9, 8, 9],
          [null, 2, 2],
          [3, 3, 4],
        ],
      },
      SCALE,
    );
    expect(pairs.map((pair) => pair.n)).toEqual([4, 3, 4]);
    const ab = computeCohenKappas({ raterIds: ['a', 'b'], scores: [[1, 1], [5, 5], [9, 8], [3, 3]] }, SCALE)[0];
    expect(pairs[0]?.linear).toEqual(ab?.linear);
  });

  it('refuses pairs with fewer than two shared clips', () => {
    const [pair] = computeCohenKappas({ raterIds: ['a', 'b'], scores: [[1, null], [5, 5], [null, 3]] }, SCALE);
    expect(pair?.unweighted).toMatchObject({ ok: false, code: 'too-few-clips', n: 1 });
    expect(pair?.n).toBe(1);
  });

  it('refuses pairs where both raters gave one and the same score throughout', () => {
    const [pair] = computeCohenKappas({ raterIds: ['a', 'b'], scores: [[5, 5], [5, 5], [5, 5]] }, SCALE);
    expect(pair?.unweighted).toMatchObject({ ok: false, code: 'no-variance' });
    expect(pair?.quadratic).toMatchObject({ ok: false, code: 'no-variance' });
  });

  it('gives exactly 1 for perfect agreement on varied clips, and 0 when one rater never varies', () => {
    const [perfect] = computeCohenKappas({ raterIds: ['a', 'b'], scores: [[2, 2], [5, 5], [9, 9]] }, SCALE);
    expect(perfect?.unweighted).toEqual({ ok: true, value: 1, n: 3 });
    expect(perfect?.quadratic).toEqual({ ok: true, value: 1, n: 3 });
    const [flat] = computeCohenKappas({ raterIds: ['a', 'b'], scores: [[5, 2], [5, 5], [5, 9]] }, SCALE);
    expect(okValue(flat!.unweighted)).toBeCloseTo(0, 15);
    expect(okValue(flat!.linear)).toBeCloseTo(0, 15);
  });

  it('returns no pairs for a single rater', () => {
    expect(computeCohenKappas({ raterIds: ['a'], scores: [[5], [6]] }, SCALE)).toEqual([]);
  });
});
