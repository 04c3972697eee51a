import type { AgreementContrast, AgreementReading, AgreementStatKey, ReadingLevel, ReadingScheme } from '../../../../shared/api/areas/agreement-methods';
import { tooFewItems } from '../../../../shared/stats/sample-size';
import type { Stat } from '../../../../shared/stats/stat-result';

// Plain-language readings after published rules of thumb, each named on the page:
// - ICC: Koo & Li (2016): < 0,50 zwak, 0,50–0,75 matig, 0,75–0,90 goed, > 0,90 uitstekend.
// - kappa: Landis & Koch (1977), their six bands folded into four:
//   ≤ 0,40 zwak (gering/redelijk), 0,41–0,60 matig, 0,61–0,80 goed (aanzienlijk), > 0,80 uitstekend (bijna perfect).
// - Krippendorff's alpha: Krippendorff's own (Content Analysis, 2nd ed., 2004, p. 241): rely on data with
//   α ≥ 0,800, draw only tentative conclusions from 0,667 ≤ α < 0,800, and discard data below
//   0,667. The kappa bands are not his and would call an α of 0,65 "goed" where he says "discard".
// Percentages have no accepted bands, so they get no word. Nothing gets a word below MIN_ITEMS
// items (shared/stats/sample-size.ts): the screen then says "te weinig items (n = …)".

type ReadKey = AgreementStatKey | 'ICC2' | 'alphaOrdinal' | 'percentWithin1';

export function schemeOf(key: ReadKey): ReadingScheme {
  if (key.startsWith('ICC')) return 'koo-li-2016';
  if (key.startsWith('percent')) return 'none';
  if (key.startsWith('alpha')) return 'krippendorff-2004';
  return 'landis-koch-1977';
}

export function levelFor(scheme: ReadingScheme, value: number): ReadingLevel | null {
  if (scheme === 'koo-li-2016') return value < 0.5 ? 'zwak' : value < 0.75 ? 'matig' : value <= 0.9 ? 'goed' : 'uitstekend';
  if (scheme === 'landis-koch-1977') return value <= 0.4 ? 'zwak' : value <= 0.6 ? 'matig' : value <= 0.8 ? 'goed' : 'uitstekend';
  if (scheme === 'krippendorff-2004') return value < 0.667 ? 'onvoldoende' : value < 0.8 ? 'voorlopig' : 'betrouwbaar';
  return null;
}

export function readingOf(key: ReadKey, stat: Stat): AgreementReading {
  const scheme = schemeOf(key);
  return { scheme, level: stat.ok && !tooFewItems(stat) ? levelFor(scheme, stat.value) : null };
}

/**
 * Fleiss' kappa and Krippendorff's ordinal alpha on the same scale differ this much or more: the
 * page then says why in one sentence. 0,20 is the width of a Landis & Koch band, so a gap this
 * size is what turns "goed" into "zwak" between two figures the team reads side by side.
 */
export const CONTRAST_GAP = 0.2;

/**
 * Why Fleiss' kappa and ordinal alpha disagree, when they do strongly. Kappa counts only identical
 * scores as agreement; alpha weighs how far apart they are. So alpha far above kappa means the
 * raters are often close but seldom exactly equal (a 6 against a 7 is a full miss for kappa);
 * kappa far above alpha means exact agreement is common but the misses are wide.
 */
export function contrastOf(fleissKappa: Stat, alphaOrdinal: Stat): AgreementContrast | null {
  if (!fleissKappa.ok || !alphaOrdinal.ok || tooFewItems(fleissKappa) || tooFewItems(alphaOrdinal)) return null;
  const gap = alphaOrdinal.value - fleissKappa.value;
  if (Math.abs(gap) < CONTRAST_GAP) return null;
  return {
    kind: gap > 0 ? 'near-misses' : 'wide-misses',
    fleissKappa: { value: fleissKappa.value, n: fleissKappa.n },
    alphaOrdinal: { value: alphaOrdinal.value, n: alphaOrdinal.n },
  };
}
