import type { CsvDialect } from './csv-cells';

// What every file export of the app shares: the language its headers are in, and one scheme for
// its file name, so the two CSV dialects, a family's files and the team's files can never end up
// with the same name in someone's Downloads folder.

/** The language of an export's headers and texts: the UI's, Dutch unless it is switched to English. */
export const EXPORT_LANGUAGES = ['nl', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

/** The UI language as an export language: anything that is not English is Dutch. */
export function exportLanguageOf(uiLanguage: string | undefined): ExportLanguage {
  return uiLanguage?.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

export interface ExportNameParts {
  /** What the file holds: `scores`, `rapport`, `teamoverzicht`, `overeenstemming`, … */
  subject: string;
  /**
   * Whose data, when it is not the whole team: a family code (letters, digits and dashes, so safe
   * in a file name), or a short description such as `3-gezinnen`.
   */
  scope?: string;
  /** The local calendar date the file was made, YYYY-MM-DD. */
  date: string;
  /** Only for CSV: the semicolon dialect gets its own name. */
  dialect?: CsvDialect;
  extension: 'csv' | 'xlsx' | 'pdf';
}

/**
 * `afstemming-scores-2026-12-03.csv`, `afstemming-scores-2026-12-03-excel-nl.csv`,
 * `afstemming-scores-GZ-0142-2026-12-03.xlsx`: the app, what, whose, when, then the dialect —
 * sorted by name, a family's files stay together and the dialects of one export sit side by side.
 */
export function exportFileName({ subject, scope, date, dialect, extension }: ExportNameParts): string {
  const safe = (part: string) => part.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  const parts = ['afstemming', safe(subject), ...(scope === undefined ? [] : [safe(scope)]), date, ...(dialect === 'semicolon' ? ['excel-nl'] : [])];
  return `${parts.filter((part) => part !== '').join('-')}.${extension}`;
}
