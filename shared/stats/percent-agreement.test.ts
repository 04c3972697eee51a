import { describe, expect, it } from 'vitest';
import { agreementFixtures, fixtureMatrix, okValue } from '../../test/fixtures/agreement/fixtures';
import { computePercentAgreement } from './percent-agreement';

const SCALE = { min: 1, max: 9 };

describe('computePercentAgreement', () => {
  it('averages the per-clip share of agreeing pairs over clips', () => {
    const result = computePercentAgreement(
      {
        raterIds: ['a', 'b', 'c'],
        scores: [
          [5, 5, 5], // 3 of 3 pairs exact, 3 of 3 within 1
          [5, 6, null], // 0 of 1 exact, 1 of 1 within 1
          [1, 1, 9], // 1 of 3 exact, 1 of 3 within 1
          [4, null, null], // one score: not used
        ],
      },
      SCALE,
    );
    expect(okValue(result.exact)).toBeCloseTo((1 + 0 + 1 / 3) / 3, 15);
    expect(okValue(result.within1)).toBeCloseTo((1 + 1 + 1 / 3) / 3, 15);
    expect(result.exact.n).toBe(3);
  });

  it.each(agreementFixtures.map((dataset) => [dataset.name, dataset] as const))(
    'matches the R computation on %s',
    (_, dataset) => {
      const result = computePercentAgreement(fixtureMatrix(dataset), dataset);
      expect(okValue(result.exact)).toBeCloseTo(dataset.expected.pct_exact, 9);
      expect(okValue(result.within1)).toBeCloseTo(dataset.expected.pct_within1, 9);
    },
  );

  it('is a plain 1 when everybody gave the same score: no chance correction involved', () => {
    const result = computePercentAgreement({ raterIds: ['a', 'b'], scores: [[4, 4], [4, 4]] }, SCALE);
    expect(result.exact).toEqual({ ok: true, value: 1, n: 2 });
  });

  it('refuses fewer than two clips with two or more scores', () => {
    const result = computePercentAgreement({ raterIds: ['a', 'b'], scores: [[4, 5], [4, null]] }, SCALE);
    expect(result.within1).toMatchObject({ ok: false, code: 'too-few-clips' });
    const single = computePercentAgreement({ raterIds: ['a'], scores: [[3], [5]] }, SCALE);
    expect(single.exact).toMatchObject({ ok: false, code: 'too-few-raters' });
  });
});
