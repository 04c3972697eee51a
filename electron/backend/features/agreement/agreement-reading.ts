import type { AgreementReading, AgreementStatKey, ReadingLevel, ReadingScheme } from '../../../../shared/api/areas/agreement-methods';
import type { Stat } from '../../../../shared/stats/stat-result';

// Plain-language readings after published rules of thumb, named on the page:
// - ICC: Koo & Li (2016): < 0,50 zwak, 0,50–0,75 matig, 0,75–0,90 goed, > 0,90 uitstekend.
// - kappa and alpha: Landis & Koch (1977), their six bands folded into four:
//   ≤ 0,40 zwak (gering/redelijk), 0,41–0,60 matig, 0,61–0,80 goed (aanzienlijk), > 0,80 uitstekend (bijna perfect).
// Percentages have no accepted bands, so they get no word.

export function schemeOf(key: AgreementStatKey | 'ICC2' | 'alphaOrdinal' | 'percentWithin1'): ReadingScheme {
  if (key.startsWith('ICC')) return 'koo-li-2016';
  if (key.startsWith('percent')) return 'none';
  return 'landis-koch-1977';
}

export function levelFor(scheme: ReadingScheme, value: number): ReadingLevel | null {
  if (scheme === 'koo-li-2016') return value < 0.5 ? 'zwak' : value < 0.75 ? 'matig' : value <= 0.9 ? 'goed' : 'uitstekend';
  if (scheme === 'landis-koch-1977') return value <= 0.4 ? 'zwak' : value <= 0.6 ? 'matig' : value <= 0.8 ? 'goed' : 'uitstekend';
  return null;
}

export function readingOf(key: AgreementStatKey | 'ICC2' | 'alphaOrdinal' | 'percentWithin1', stat: Stat): AgreementReading {
  const scheme = schemeOf(key);
  return { scheme, level: stat.ok ? levelFor(scheme, stat.value) : null };
}
