import type { Stat } from '../../../../shared/stats/stat-result';

// Numbers as the team reads them: Dutch decimal comma in Dutch, two decimals, percentages whole.

export function formatNumber(value: number, language: string, decimals = 2): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'nl-NL', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

export function formatSigned(value: number, language: string, decimals = 2): string {
  const text = formatNumber(value, language, decimals);
  if (Number(value.toFixed(decimals)) === 0) return formatNumber(0, language, decimals);
  return value > 0 ? `+${text}` : text.replace('-', '−');
}

export function formatStatValue(value: number, language: string, percent: boolean): string {
  return percent ? `${formatNumber(value * 100, language, 0)}%` : formatNumber(value, language).replace('-', '−');
}

/** The interval to show: the analytic one where the statistic has it (ICC), else the bootstrap. */
export function intervalOf(stat: Stat): { lower: number; upper: number; kind: 'analytic' | 'bootstrap' } | null {
  if (!stat.ok) return null;
  if (stat.lower !== undefined && stat.upper !== undefined) return { lower: stat.lower, upper: stat.upper, kind: 'analytic' };
  if (stat.bootstrap) return { lower: stat.bootstrap.lower, upper: stat.bootstrap.upper, kind: 'bootstrap' };
  return null;
}

export function isPercentKey(key: string): boolean {
  return key.startsWith('percent');
}
