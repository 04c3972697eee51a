import { describe, expect, it } from 'vitest';
import { computed } from '../../../../shared/stats/stat-result';
import { contrastOf, levelFor, readingOf } from './agreement-reading';

describe('agreement readings', () => {
  it('follows Koo & Li for ICC', () => {
    expect([0.49, 0.5, 0.74, 0.75, 0.9, 0.91].map((v) => levelFor('koo-li-2016', v))).toEqual(['zwak', 'matig', 'matig', 'goed', 'goed', 'uitstekend']);
  });

  it('follows Landis & Koch for kappa, and gives percentages no word', () => {
    expect([0.2, 0.4, 0.41, 0.61, 0.81].map((v) => levelFor('landis-koch-1977', v))).toEqual(['zwak', 'zwak', 'matig', 'goed', 'uitstekend']);
    expect(readingOf('fleissKappa', computed(0.65, 30))).toEqual({ scheme: 'landis-koch-1977', level: 'goed' });
    expect(readingOf('kappaLinearMean', computed(0.65, 30)).scheme).toBe('landis-koch-1977');
    expect(readingOf('percentExact', computed(0.9, 30))).toEqual({ scheme: 'none', level: null });
  });

  it("reads Krippendorff's alpha with Krippendorff's own thresholds, 0,667 and 0,800", () => {
    expect([0.5, 0.666, 0.667, 0.79, 0.8, 0.95].map((v) => levelFor('krippendorff-2004', v))).toEqual([
      'onvoldoende',
      'onvoldoende',
      'voorlopig',
      'voorlopig',
      'betrouwbaar',
      'betrouwbaar',
    ]);
    // 0,65 is "goed" in the kappa bands, but data Krippendorff says to discard.
    expect(readingOf('alphaOrdinal', computed(0.65, 30))).toEqual({ scheme: 'krippendorff-2004', level: 'onvoldoende' });
    expect(readingOf('alphaInterval', computed(0.85, 30))).toEqual({ scheme: 'krippendorff-2004', level: 'betrouwbaar' });
    expect(readingOf('alphaOrdinal', { ok: false, code: 'no-variance', reason: 'x', n: 20 })).toEqual({ scheme: 'krippendorff-2004', level: null });
  });

  it('gives no word to a figure on fewer than ten items', () => {
    expect(readingOf('ICC2', computed(0.7, 2))).toEqual({ scheme: 'koo-li-2016', level: null });
    expect(readingOf('ICC2', computed(0.7, 9)).level).toBeNull();
    expect(readingOf('ICC2', computed(0.7, 10)).level).toBe('matig');
  });

  it('explains a strong disagreement between Fleiss kappa and ordinal alpha, and only then', () => {
    expect(contrastOf(computed(0.16, 40), computed(0.67, 40))).toEqual({
      kind: 'near-misses',
      fleissKappa: { value: 0.16, n: 40 },
      alphaOrdinal: { value: 0.67, n: 40 },
    });
    expect(contrastOf(computed(0.7, 40), computed(0.45, 40))?.kind).toBe('wide-misses');
    expect(contrastOf(computed(0.6, 40), computed(0.75, 40))).toBeNull();
    // On too few items neither figure is read, so there is nothing to explain.
    expect(contrastOf(computed(0.1, 4), computed(0.8, 4))).toBeNull();
    expect(contrastOf({ ok: false, code: 'no-variance', reason: 'x', n: 40 }, computed(0.8, 40))).toBeNull();
  });
});
