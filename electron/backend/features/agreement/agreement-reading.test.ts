import { describe, expect, it } from 'vitest';
import { levelFor, readingOf } from './agreement-reading';

describe('agreement readings', () => {
  it('follows Koo & Li for ICC', () => {
    expect([0.49, 0.5, 0.74, 0.75, 0.9, 0.91].map((v) => levelFor('koo-li-2016', v))).toEqual(['zwak', 'matig', 'matig', 'goed', 'goed', 'uitstekend']);
  });
  it('follows Landis & Koch for kappa and alpha, and gives percentages no word', () => {
    expect([0.2, 0.4, 0.41, 0.61, 0.81].map((v) => levelFor('landis-koch-1977', v))).toEqual(['zwak', 'zwak', 'matig', 'goed', 'uitstekend']);
    expect(readingOf('percentExact', { ok: true, value: 0.9, n: 3 })).toEqual({ scheme: 'none', level: null });
    expect(readingOf('alphaOrdinal', { ok: false, code: 'no-variance', reason: 'x', n: 2 })).toEqual({ scheme: 'landis-koch-1977', level: null });
  });
});
