import { describe, expect, it } from 'vitest';
import { roundAgreement, type AgreementScore } from './round-agreement';

function scores(scale: 'sensitivity' | 'cooperation', table: Record<string, number[]>): AgreementScore[] {
  return Object.entries(table).flatMap(([itemKey, values]) => values.map((value, index) => ({ itemKey, scale, raterId: index + 1, value })));
}

describe('roundAgreement', () => {
  it('computes ICC, kappa, alpha and percent agreement per scale from item × rater scores', () => {
    const items = ['1:1', '1:2', '2:1', '3:1'];
    const result = roundAgreement(items, [1, 2, 3], [
      ...scores('sensitivity', { '1:1': [3, 3, 4], '1:2': [7, 7, 7], '2:1': [5, 6, 5], '3:1': [2, 2, 3] }),
      ...scores('cooperation', { '1:1': [5, 5, 5], '1:2': [5, 5, 5] }),
    ]);
    const sensitivity = result.find((r) => r.scale === 'sensitivity')!;
    expect(sensitivity.itemCount).toBe(4);
    expect(sensitivity.icc.ok && sensitivity.icc.value).toBeGreaterThan(0.8);
    expect(sensitivity.alphaOrdinal.ok).toBe(true);
    expect(sensitivity.kappaLinearMean?.pairs).toBe(3);
    // The most items a pair shares: what the meeting table checks against the minimum for a reading.
    expect(sensitivity.kappaLinearMean?.n).toBe(4);
    expect(sensitivity.percentWithin1.ok && sensitivity.percentWithin1.value).toBe(1);

    // Identical scores everywhere: chance-corrected figures are not computable, with a Dutch reason.
    const cooperation = result.find((r) => r.scale === 'cooperation')!;
    expect(cooperation.itemCount).toBe(2);
    expect(cooperation.icc.ok).toBe(false);
    expect(!cooperation.icc.ok && cooperation.icc.reason).toMatch(/variatie|verschillen/);
    expect(cooperation.percentExact.ok && cooperation.percentExact.value).toBe(1);
  });
});
