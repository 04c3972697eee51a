import type { Stat } from '../stats/stat-result';

// Numbers as the team reads them: a decimal comma in Dutch (3,5 and 0,90, intervals as
// [0,71; 0,93]), a point on an English screen. One module for the minutes on screen and in the
// PDF the back end makes, so both show the same digits. Plain toFixed rather than Intl: the same
// text on every machine, whatever ICU data it has.

/** Shown where there is no number. */
export const NO_NUMBER = '–';

const isEnglish = (language: string) => language.toLowerCase().startsWith('en');

/** A number with exactly `decimals` decimals: 0,90 · −0,12 · 12,0. Never "−0,00". */
export function formatDecimal(value: number | null | undefined, decimals = 2, language = 'nl'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_NUMBER;
  const fixed = Math.abs(value).toFixed(decimals);
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? '−' : ''}${isEnglish(language) ? fixed : fixed.replace('.', ',')}`;
}

/** A score or a median of scores: whole points as they are (6), a half or other fraction with one decimal (3,5). */
export function formatScore(value: number | null | undefined, language = 'nl'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_NUMBER;
  return Number.isInteger(value) ? String(value) : formatDecimal(value, 1, language);
}

/** A proportion 0–1 as a whole percentage: 0.875 → 88%. */
export function formatPercent(fraction: number | null | undefined, language = 'nl'): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return NO_NUMBER;
  return `${formatDecimal(fraction * 100, 0, language)}%`;
}

/** "[0,71; 0,93]": a semicolon between the bounds, so the comma can stay the decimal sign. */
export function formatInterval(lower: string, upper: string): string {
  return `[${lower}; ${upper}]`;
}

/** The interval a statistic carries: the analytic one where it has it (ICC's F interval), else the bootstrap. */
export function statInterval(stat: Stat): { lower: number; upper: number } | null {
  if (!stat.ok) return null;
  if (stat.lower !== undefined && stat.upper !== undefined) return { lower: stat.lower, upper: stat.upper };
  if (stat.bootstrap) return { lower: stat.bootstrap.lower, upper: stat.bootstrap.upper };
  return null;
}

/**
 * A computable statistic as text: its value and, when it has one, its interval. Proportions
 * (percent agreement) as whole percentages, everything else with two decimals.
 * Null when the statistic is not computable: the caller shows its reason instead.
 */
export function formatStat(stat: Stat, options: { percent?: boolean; language?: string } = {}): { value: string; interval: string | null } | null {
  if (!stat.ok) return null;
  const language = options.language ?? 'nl';
  const show = (value: number) => (options.percent ? formatPercent(value, language) : formatDecimal(value, 2, language));
  const interval = statInterval(stat);
  return { value: show(stat.value), interval: interval ? formatInterval(show(interval.lower), show(interval.upper)) : null };
}
