import { describe, expect, it } from 'vitest';
import { agreementFixtures, fixture, fixtureMatrix } from '../../test/fixtures/agreement/fixtures';
import { bootstrapMatrix, bootstrapStatistic } from './bootstrap';
import { computeCohenKappas } from './cohen-kappa';
import { compareAgreement, computeAgreement, MISSING_DATA_RULES, prepareSummaryStatistic } from './compute-agreement';
import { computeFleissKappa } from './fleiss-kappa';
import { computeIcc } from './icc';
import { computeKrippendorffAlpha } from './krippendorff-alpha';
import { computePercentAgreement } from './percent-agreement';
import { RatingsInputError, toCategoryGrid } from './ratings-matrix';
import { tooFewRaters } from './stat-result';

const SCALE = { min: 1, max: 9 };

function numbersIn(value: unknown, found: number[] = []): number[] {
  if (typeof value === 'number') found.push(value);
  else if (Array.isArray(value)) value.forEach((item) => numbersIn(item, found));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((item) => numbersIn(item, found));
  return found;
}

describe('computeAgreement', () => {
  it.each(agreementFixtures.map((dataset) => [dataset.name, dataset] as const))(
    'equals the separate statistics on %s',
    (_, dataset) => {
      const matrix = fixtureMatrix(dataset);
      const result = computeAgreement(matrix, dataset);
      expect(result.clipCount).toBe(dataset.scores.length);
      expect(result.raterIds).toEqual(dataset.rater_ids);
      expect(result.icc).toEqual(computeIcc(matrix, dataset));
      expect(result.kappaPairs).toEqual(computeCohenKappas(matrix, dataset));
      expect(result.fleissKappa).toEqual(computeFleissKappa(matrix, dataset));
      expect(result.krippendorffAlpha).toEqual(computeKrippendorffAlpha(matrix, dataset));
      expect(result.percentAgreement).toEqual(computePercentAgreement(matrix, dataset));
    },
  );

  it('adds seeded bootstrap intervals that match bootstrapping one statistic alone', () => {
    const dataset = fixture('missing-50x6');
    const options = { resamples: 300, seed: 17 };
    const result = computeAgreement(fixtureMatrix(dataset), SCALE, { bootstrap: options });
    const grid = toCategoryGrid(fixtureMatrix(dataset), SCALE);
    const alone = bootstrapStatistic(prepareSummaryStatistic(grid, 'ICC2'), options).value;
    expect(result.icc.ICC2.ok && result.icc.ICC2.bootstrap).toEqual(alone.ok && alone.bootstrap);
    // The F interval stays alongside the bootstrap one.
    expect(result.icc.ICC2).toHaveProperty('lower');
    for (const stat of [
      ...Object.values(result.icc),
      ...Object.values(result.krippendorffAlpha),
      ...Object.values(result.percentAgreement),
      result.fleissKappa,
      ...result.kappaPairs.flatMap((pair) => [pair.unweighted, pair.linear, pair.quadratic]),
    ]) {
      expect(stat).toMatchObject({ ok: true, bootstrap: { resamples: 300, level: 0.95 } });
    }
    expect(computeAgreement(fixtureMatrix(dataset), SCALE, { bootstrap: options })).toEqual(result);
  });

  it('gives each rater pair the bootstrap interval of its own kappa', () => {
    const dataset = fixture('missing-50x6');
    const matrix = fixtureMatrix(dataset);
    const options = { resamples: 100, seed: 4 };
    const result = computeAgreement(matrix, SCALE, { bootstrap: options });
    for (const index of [0, 7, 14]) {
      const slow = bootstrapMatrix(matrix, (m) => computeCohenKappas(m, SCALE)[index]?.linear ?? tooFewRaters(0), options);
      const fast = result.kappaPairs[index]?.linear;
      expect(fast?.ok && fast.bootstrap?.lower).toBeCloseTo((slow.ok && slow.bootstrap?.lower) || Number.NaN, 12);
      expect(fast?.ok && fast.bootstrap?.upper).toBeCloseTo((slow.ok && slow.bootstrap?.upper) || Number.NaN, 12);
    }
  });

  it('never produces NaN or Infinity, whatever the input', () => {
    let state = 3;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 200; trial++) {
      const clips = Math.floor(next() * 6);
      const raters = 1 + Math.floor(next() * 4);
      const spread = 1 + Math.floor(next() * 3);
      const scores = Array.from({ length: clips }, () =>
        Array.from({ length: raters }, () => (next() < 0.2 ? null : 1 + Math.floor(next() * spread))),
      );
      const result = computeAgreement(
        { raterIds: Array.from({ length: raters }, (_, i) => `r${i}`), scores },
        SCALE,
        { bootstrap: { resamples: 20, seed: trial } },
      );
      for (const number of numbersIn(result)) expect(Number.isFinite(number)).toBe(true);
    }
  });

  it('explains each missing-data rule in Dutch', () => {
    expect(MISSING_DATA_RULES.icc).toBe('Alleen opnamen die door alle beoordelaars gescoord zijn');
    expect(MISSING_DATA_RULES.fleissKappa).toBe(MISSING_DATA_RULES.icc);
    for (const rule of Object.values(MISSING_DATA_RULES)) expect(rule).toMatch(/opnamen/);
  });

  it('rejects invalid input with a Dutch message', () => {
    const bad = { raterIds: ['a', 'b'], scores: [[5, 10]] };
    expect(() => computeAgreement(bad, SCALE)).toThrow(RatingsInputError);
    expect(() => computeAgreement(bad, SCALE)).toThrow('score 10 valt buiten de schaal 1–9');
    expect(() => computeAgreement({ raterIds: ['a', 'a'], scores: [] }, SCALE)).toThrow(RatingsInputError);
    expect(() => computeAgreement({ raterIds: ['a', 'b'], scores: [[5]] }, SCALE)).toThrow(/verwacht 2/);
    expect(() => computeAgreement({ raterIds: ['a'], scores: [] }, { min: 9, max: 1 })).toThrow(/Ongeldige schaal/);
  });
});

describe('compareAgreement', () => {
  it('compares two groups of clips on one statistic', () => {
    const stat = compareAgreement(
      fixtureMatrix(fixture('complete-30x4')),
      fixtureMatrix(fixture('noise-15x3')),
      SCALE,
      'percentWithin1',
      { resamples: 400, seed: 2 },
    );
    if (!stat.ok) throw new Error(stat.reason);
    expect(stat.value).toBeCloseTo(
      fixture('complete-30x4').expected.pct_within1 - fixture('noise-15x3').expected.pct_within1,
      12,
    );
    expect(stat.bootstrap?.lower).toBeGreaterThan(0);
  });
});
