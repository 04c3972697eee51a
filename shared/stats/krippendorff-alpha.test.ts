import { describe, expect, it } from 'vitest';
import { agreementFixtures, fixture, fixtureMatrix, okValue } from '../../test/fixtures/agreement/fixtures';
import { computeKrippendorffAlpha } from './krippendorff-alpha';

const SCALE = { min: 1, max: 9 };

describe('computeKrippendorffAlpha', () => {
  it('reproduces Krippendorff (2011), the 4 × 12 example with missing values', () => {
    const dataset = fixture('krippendorff-2011');
    const alpha = computeKrippendorffAlpha(fixtureMatrix(dataset), { min: 1, max: 5 });
    expect(okValue(alpha.nominal)).toBeCloseTo(0.743, 3);
    expect(okValue(alpha.ordinal)).toBeCloseTo(0.815, 3);
    expect(okValue(alpha.interval)).toBeCloseTo(0.849, 3);
    // Unit 12 has a single value and is not pairable.
    expect(alpha.nominal.n).toBe(11);
  });

  it('does not depend on scale points nobody used', () => {
    const dataset = fixture('krippendorff-2011');
    expect(computeKrippendorffAlpha(fixtureMatrix(dataset), SCALE)).toEqual(
      computeKrippendorffAlpha(fixtureMatrix(dataset), { min: 1, max: 5 }),
    );
  });

  it.each(agreementFixtures.map((dataset) => [dataset.name, dataset] as const))(
    'matches the R computation on %s',
    (_, dataset) => {
      const alpha = computeKrippendorffAlpha(fixtureMatrix(dataset), dataset);
      expect(okValue(alpha.nominal)).toBeCloseTo(dataset.expected.kripp_alpha.nominal, 9);
      expect(okValue(alpha.ordinal)).toBeCloseTo(dataset.expected.kripp_alpha.ordinal, 9);
      expect(okValue(alpha.interval)).toBeCloseTo(dataset.expected.kripp_alpha.interval, 9);
    },
  );

  it('uses ranks for the ordinal metric, not the numeric distance', () => {
    // Only 1, 2 and 9 occur: interval treats 2→9 as a huge step, ordinal as the next rank.
    const scores = [
      [1, 2],
      [2, 2],
      [9, 9],
      [2, 9],
      [1, 1],
      [9, 9],
    ];
    const alpha = computeKrippendorffAlpha({ raterIds: ['a', 'b'], scores }, SCALE);
    const relabelled = computeKrippendorffAlpha(
      { raterIds: ['a', 'b'], scores: scores.map((row) => row.map((s) => (s === 9 ? 3 : s))) },
      SCALE,
    );
    expect(okValue(alpha.ordinal)).toBeCloseTo(okValue(relabelled.ordinal), 14);
    expect(Math.abs(okValue(alpha.interval) - okValue(relabelled.interval))).toBeGreaterThan(0.01);
  });

  it('gives exactly 1 for perfect agreement and refuses data with one value', () => {
    const perfect = computeKrippendorffAlpha({ raterIds: ['a', 'b', 'c'], scores: [[1, 1, null], [7, 7, 7]] }, SCALE);
    expect(perfect.ordinal).toEqual({ ok: true, value: 1, n: 2 });
    const flat = computeKrippendorffAlpha({ raterIds: ['a', 'b'], scores: [[3, 3], [3, 3], [3, null]] }, SCALE);
    expect(flat.interval).toMatchObject({ ok: false, code: 'no-variance', n: 2 });
  });

  it('refuses fewer than two clips with two or more scores', () => {
    const alpha = computeKrippendorffAlpha({ raterIds: ['a', 'b'], scores: [[3, 5], [3, null], [null, 4]] }, SCALE);
    expect(alpha.nominal).toMatchObject({ ok: false, code: 'too-few-clips', n: 1 });
    const single = computeKrippendorffAlpha({ raterIds: ['a'], scores: [[3], [5]] }, SCALE);
    expect(single.ordinal).toMatchObject({ ok: false, code: 'too-few-raters' });
  });
});
