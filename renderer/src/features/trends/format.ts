import type { Stat } from '../../../../shared/stats/stat-result';

/** Scores and means the Dutch way on a Dutch screen (4,3) and the English way on an English one. */
export function formatValue(value: number | null | undefined, language: string, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: decimals, minimumFractionDigits: 0 }).format(value);
}

export function formatFixed(value: number | null | undefined, language: string, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: decimals, minimumFractionDigits: decimals }).format(value);
}

export function statValue(stat: Stat, language: string, notComputable: string): string {
  return stat.ok ? formatFixed(stat.value, language) : notComputable;
}

export function statInterval(stat: Stat, language: string): string {
  if (!stat.ok || !stat.bootstrap) return '–';
  return `[${formatFixed(stat.bootstrap.lower, language)}; ${formatFixed(stat.bootstrap.upper, language)}]`;
}

/** Days since 1970 of a calendar date, the x axis of the trend chart (no time zones involved). */
export function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

export function dateOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** 2026-03-24 → 24-03-2026 in Dutch, 24 Mar 2026 in English. */
export function formatDate(date: string, language: string): string {
  if (language !== 'en') {
    const [y, m, d] = date.split('-');
    return `${d}-${m}-${y}`;
  }
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
