import { describe, expect, it } from 'vitest';
import { agreementFixtures, fixture, fixtureMatrix, okValue } from '../../test/fixtures/agreement/fixtures';
import { computeFleissKappa } from './fleiss-kappa';

const SCALE = { min: 1, max: 9 };

describe('computeFleissKappa', () => {
  it('reproduces Fleiss (1971): κ = .430 (irr::kappam.fleiss gives 0.4302445)', () => {
    const dataset = fixture('fleiss-1971');
    const kappa = computeFleissKappa(fixtureMatrix(dataset), { min: 1, max: 5 });
    expect(okValue(kappa)).toBeCloseTo(0.4302445, 7);
    expect(kappa.n).toBe(30);
  });

  it.each(agreementFixtures.map((dataset) => [dataset.name, dataset] as const))(
    'matches the R computation on %s',
    (_, dataset) => {
      expect(okValue(computeFleissKappa(fixtureMatrix(dataset), dataset))).toBeCloseTo(dataset.expected.fleiss_kappa, 9);
    },
  );

  it('counts categories on the full scale, so unused scale points change nothing', () => {
    const dataset = fixture('fleiss-1971');
    expect(okValue(computeFleissKappa(fixtureMatrix(dataset), SCALE))).toBeCloseTo(0.4302445, 7);
  });

  it('uses only clips rated by all raters', () => {
    const full = computeFleissKappa({ raterIds: ['a', 'b', 'c'], scores: [[1, 1, 2], [5, 5, 5], [7, 9, 9]] }, SCALE);
    const withIncomplete = computeFleissKappa(
      { raterIds: ['a', 'b', 'c'], scores: [[1, 1, 2], [5, 5, 5], [4, null, 8], [7, 9, 9]] },
      SCALE,
    );
    expect(withIncomplete).toEqual(full);
    expect(full.n).toBe(3);
  });

  it('gives exactly 1 for perfect agreement and refuses a single category', () => {
    expect(computeFleissKappa({ raterIds: ['a', 'b', 'c'], scores: [[1, 1, 1], [9, 9, 9]] }, SCALE)).toEqual({
      ok: true,
      value: 1,
      n: 2,
    });
    expect(computeFleissKappa({ raterIds: ['a', 'b'], scores: [[4, 4], [4, 4]] }, SCALE)).toMatchObject({
      ok: false,
      code: 'no-variance',
    });
  });

  it('refuses fewer than two complete clips or raters', () => {
    expect(computeFleissKappa({ raterIds: ['a', 'b'], scores: [[4, 5], [4, null]] }, SCALE)).toMatchObject({
      ok: false,
      code: 'too-few-clips',
    });
    expect(computeFleissKappa({ raterIds: ['a'], scores: [[4], [5]] }, SCALE)).toMatchObject({
      ok: false,
      code: 'too-few-raters',
    });
  });
});
