import { describe, expect, it } from 'vitest';
import { agreementFixtures, fixture, fixtureMatrix, okValue } from '../../test/fixtures/agreement/fixtures';
import { computeIcc, ICC_FORMS, type IccForm } from './icc';
import type { Stat } from './stat-result';

const SCALE = { min: 1, max: 9 };

function matrix(scores: (number | null)[][]) {
  return { raterIds: (scores[0] ?? []).map((_, index) => `r${index + 1}`), scores };
}

describe('computeIcc: published example', () => {
  it('reproduces Shrout & Fleiss (1979), Table 4', () => {
    const icc = computeIcc(
      matrix([
        [9, 2, 5, 8],
        [6, 1, 3, 2],
        [8, 4, 6, 8],
        [7, 1, 2, 6],
        [10, 5, 6, 9],
        [6, 2, 4, 7],
      ]),
      { min: 1, max: 10 },
    );
    const published: Record<IccForm, number> = {
      ICC1: 0.17,
      ICC2: 0.29,
      ICC3: 0.71,
      ICC1k: 0.44,
      ICC2k: 0.62,
      ICC3k: 0.91,
    };
    for (const form of ICC_FORMS) expect(okValue(icc[form])).toBeCloseTo(published[form], 2);
  });
});

describe('computeIcc: against psych::ICC(lmer = FALSE)', () => {
  describe.each(agreementFixtures.map((dataset) => [dataset.name, dataset] as const))('%s', (_, dataset) => {
    const icc = computeIcc(fixtureMatrix(dataset), dataset);
    it.each(ICC_FORMS)('%s value and interval', (form) => {
      const expected = dataset.expected.icc[form];
      const stat = icc[form];
      if (!stat.ok) throw new Error(stat.reason);
      expect(stat.n).toBe(dataset.expected.icc_clips);
      expect(stat.value).toBeCloseTo(expected.value, 9);
      if (stat.lower === undefined || stat.upper === undefined) {
        // Only where psych's bound is not an interval at all (see below-chance test).
        expect(stat.warnings?.map((w) => w.code)).toContain('interval-not-computable');
        return;
      }
      expect(stat.lower).toBeCloseTo(expected.lower ?? Number.NaN, 9);
      expect(stat.upper).toBeCloseTo(expected.upper ?? Number.NaN, 9);
    });
  });
});

describe('computeIcc: missing data', () => {
  it('uses only clips scored by every rater', () => {
    const withGaps = computeIcc(
      matrix([
        [1, 2, 3],
        [4, 4, 5],
        [7, null, 8],
        [9, 8, 9],
        [null, null, 1],
      ]),
      SCALE,
    );
    const completeOnly = computeIcc(
      matrix([
        [1, 2, 3],
        [4, 4, 5],
        [9, 8, 9],
      ]),
      SCALE,
    );
    expect(withGaps).toEqual(completeOnly);
    expect(withGaps.ICC2.n).toBe(3);
  });
});

describe('computeIcc: degenerate input', () => {
  const codes = (result: Record<IccForm, Stat>) => ICC_FORMS.map((form) => (result[form].ok ? 'ok' : result[form].code));

  it('refuses identical scores everywhere', () => {
    const result = computeIcc(matrix([[5, 5], [5, 5], [5, 5]]), SCALE);
    expect(codes(result)).toEqual(Array(6).fill('no-variance'));
    expect(result.ICC1).toMatchObject({ ok: false, reason: expect.stringContaining('Geen variatie') });
  });

  it('refuses fewer than two complete clips', () => {
    const result = computeIcc(matrix([[5, 6], [5, null], [null, 3]]), SCALE);
    expect(codes(result)).toEqual(Array(6).fill('too-few-clips'));
    expect(computeIcc(matrix([]), SCALE).ICC1).toMatchObject({ ok: false, code: 'too-few-raters' });
  });

  it('refuses fewer than two raters', () => {
    const result = computeIcc(matrix([[5], [6], [7]]), SCALE);
    expect(codes(result)).toEqual(Array(6).fill('too-few-raters'));
  });

  it('gives 1 with the interval [1, 1] for perfect agreement on varied clips', () => {
    const result = computeIcc(matrix([[2, 2, 2], [5, 5, 5], [9, 9, 9], [4, 4, 4]]), SCALE);
    for (const form of ICC_FORMS) expect(result[form]).toEqual({ ok: true, value: 1, n: 4, lower: 1, upper: 1 });
  });

  it('separates consistency from absolute agreement when one rater is a constant point higher', () => {
    const result = computeIcc(matrix([[2, 3], [5, 6], [8, 9], [4, 5], [6, 7]]), SCALE);
    expect(result.ICC3).toEqual({ ok: true, value: 1, n: 5, lower: 1, upper: 1 });
    expect(result.ICC3k).toEqual({ ok: true, value: 1, n: 5, lower: 1, upper: 1 });
    const icc2 = result.ICC2;
    if (!icc2.ok) throw new Error(icc2.reason);
    // MSR = 10, MSC = 2.5, MSE = 0: ICC2 = MSR / (MSR + k·MSC/n) = 10 / 11
    expect(icc2.value).toBeCloseTo(10 / 11, 14);
    // psych gives NaN here (F_j = MSC/0); the limit of its formula uses v = k − 1.
    expect(icc2.lower).toBeGreaterThan(-1);
    expect(icc2.upper).toBeLessThanOrEqual(1);
    expect(icc2.lower).toBeLessThan(icc2.value);
  });

  it('flags average-rater forms pushed outside [−1, 1] and drops a Spearman–Brown bound that is no bound', () => {
    const result = computeIcc(fixtureMatrix(fixture('below-chance-6x3')), SCALE);
    for (const form of ['ICC1k', 'ICC2k', 'ICC3k'] as const) {
      const stat = result[form];
      if (!stat.ok) throw new Error(stat.reason);
      expect(Math.abs(stat.value)).toBeGreaterThan(1);
      expect(stat.warnings?.map((w) => w.code)).toContain('outside-unit-range');
    }
    // psych reports ICC2k "bounds" 6.54 and −9.49 here: lower above upper.
    expect(result.ICC2k).not.toHaveProperty('lower');
    for (const form of ['ICC1', 'ICC2', 'ICC3'] as const) {
      expect(result[form]).toMatchObject({ ok: true });
      expect(result[form]).not.toHaveProperty('warnings');
    }
  });

  it('reports forms whose denominator vanishes instead of dividing by zero', () => {
    // Row means all equal (no clip variance), raters identical in mean: MSR = MSC = 0.
    const result = computeIcc(matrix([[1, 2], [2, 1]]), SCALE);
    expect(result.ICC1k).toMatchObject({ ok: false, code: 'no-clip-variance' });
    expect(result.ICC3k).toMatchObject({ ok: false, code: 'no-clip-variance' });
    expect(result.ICC2).toMatchObject({ ok: false, code: 'undefined-ratio' });
    expect(result.ICC1).toMatchObject({ ok: true, value: -1 });
  });

  it('never returns NaN or Infinity on small random matrices', () => {
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 300; trial++) {
      const clips = 1 + Math.floor(next() * 5);
      const raters = 1 + Math.floor(next() * 4);
      const scores = Array.from({ length: clips }, () =>
        Array.from({ length: raters }, () => (next() < 0.15 ? null : 1 + Math.floor(next() * 3))),
      );
      const result = computeIcc(matrix(scores), SCALE);
      for (const form of ICC_FORMS) {
        const stat = result[form];
        if (!stat.ok) continue;
        for (const number of [stat.value, stat.lower ?? 0, stat.upper ?? 0]) expect(Number.isFinite(number)).toBe(true);
      }
    }
  });
});

describe('computeIcc: input checks', () => {
  it('rejects scores off the scale', () => {
    expect(() => computeIcc(matrix([[0, 5], [5, 5]]), SCALE)).toThrow(/buiten de schaal/);
    expect(() => computeIcc(matrix([[5.5, 5], [5, 5]]), SCALE)).toThrow(/geen geheel getal/);
  });
});
