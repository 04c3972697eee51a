import type { ExportLanguage } from '../../../../shared/domain/exports';
import type { ScaleKey } from '../../../../shared/domain/scales';
import type { Activity, CaregiverRole, FamilyPhase, Moment, VisitPhase } from '../../../../shared/domain/vocabulary';
import { headerLabel } from './export-headers';

// The words of the two trend PDFs (and their charts) in the export's language. Column headers are
// not here: they come from the one header table (export-headers.ts), like the spreadsheets'.

export interface ReportWords {
  decimal: '.' | ',';
  /** A calendar date as the reader writes it: 10-02-2026, or 2026-02-10 in English. */
  date(iso: string): string;
  months: readonly string[];
  /** "3 mnd" */
  ageMonths(months: number): string;
  /** "gem. 6,8 (n=4)" */
  meanOf(value: string, n: number): string;
  /** The 7–9 band: sensitive on one scale, cooperative on the other. */
  highRange: Record<ScaleKey, string>;
  noScore: string;
  blind: string;
  /** The one-letter moment on a chart point; the reading guide explains them. */
  momentLetter: Record<Moment, string>;
  moments: Record<Moment, string>;
  scales: Record<ScaleKey, string>;
  roles: Record<CaregiverRole, string>;
  activities: Record<Activity, string>;
  visitPhases: Record<VisitPhase, string>;
  familyPhases: Record<FamilyPhase, string>;
  missing: string;
  noValue: string;
  none: string;
  more(count: number): string;
}

const SCALES = (language: ExportLanguage): Record<ScaleKey, string> => ({ sensitivity: headerLabel('sensitivity', language), cooperation: headerLabel('cooperation', language) });

export const REPORT_WORDS: Record<ExportLanguage, ReportWords> = {
  nl: {
    decimal: ',',
    date: (iso) => iso.split('-').reverse().join('-'),
    months: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
    ageMonths: (months) => `${months} mnd`,
    meanOf: (value, n) => `gem. ${value} (n=${n})`,
    highRange: { sensitivity: '7-9 sensitief bereik', cooperation: '7-9 coöperatief bereik' },
    noScore: 'geen score',
    blind: 'blind',
    momentLetter: { voormeting: 'V', nameting: 'N', 'follow-up': 'F', geen: '-' },
    moments: { voormeting: 'voormeting', nameting: 'nameting', 'follow-up': 'follow-up', geen: 'geen meetmoment' },
    scales: SCALES('nl'),
    roles: { moeder: 'Moeder', vader: 'Vader', partner: 'Partner', anders: 'Ouder/verzorger' },
    activities: { bad: 'bad', voeden: 'voeden', verschonen: 'verschonen', spelen: 'spelen', anders: 'anders' },
    visitPhases: { aanmelding: 'aanmelding', introductie: 'introductie', begeleiding: 'begeleiding', evaluatie: 'evaluatie', 'follow-up': 'follow-up' },
    familyPhases: { aanmelding: 'aanmelding', introductie: 'introductie', begeleiding: 'begeleiding', evaluatie: 'evaluatie', 'follow-up': 'follow-up', afgesloten: 'afgesloten' },
    missing: 'ontbreekt',
    noValue: '-',
    none: 'Geen.',
    more: (count) => `… en nog ${count}; zie het scherm of de export.`,
  },
  en: {
    decimal: '.',
    date: (iso) => iso,
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    ageMonths: (months) => `${months} mo`,
    meanOf: (value, n) => `mean ${value} (n=${n})`,
    highRange: { sensitivity: '7-9 sensitive range', cooperation: '7-9 cooperative range' },
    noScore: 'no score',
    blind: 'blind',
    momentLetter: { voormeting: 'V', nameting: 'N', 'follow-up': 'F', geen: '-' },
    moments: { voormeting: 'pre-test', nameting: 'post-test', 'follow-up': 'follow-up', geen: 'no measurement moment' },
    scales: SCALES('en'),
    roles: { moeder: 'Mother', vader: 'Father', partner: 'Partner', anders: 'Parent/caregiver' },
    activities: { bad: 'bath', voeden: 'feeding', verschonen: 'changing', spelen: 'play', anders: 'other' },
    visitPhases: { aanmelding: 'referral', introductie: 'introduction', begeleiding: 'guidance', evaluatie: 'evaluation', 'follow-up': 'follow-up' },
    familyPhases: { aanmelding: 'referral', introductie: 'introduction', begeleiding: 'guidance', evaluatie: 'evaluation', 'follow-up': 'follow-up', afgesloten: 'closed' },
    missing: 'missing',
    noValue: '-',
    none: 'None.',
    more: (count) => `… and ${count} more; see the screen or the export.`,
  },
};

/** A number with a fixed number of decimals in the reader's decimal sign; "-" when there is none. */
export function formatNumberIn(words: ReportWords, value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-';
  return value.toFixed(decimals).replace('.', words.decimal);
}

/** A score as on the screen: whole numbers whole, else one decimal. */
export function formatScoreIn(words: ReportWords, value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace('.', words.decimal);
}
