import type { ExportLanguage } from '../../../../shared/domain/exports';

// The one table of column names for every trend export. A PDF table prints the label; a CSV or
// XLSX header is the same label as a variable name (ASCII, lower case, words joined by "_", which
// SPSS and R take without renaming). So a column is called the same in every file, and in the
// user's language: before, the spreadsheets had English headers next to Dutch sheet names and
// "change_nameting", while the PDFs were Dutch.

type Labels = Record<ExportLanguage, string>;

export const EXPORT_HEADERS = {
  familyCode: { nl: 'Gezinscode', en: 'Family code' },
  caregiverId: { nl: 'Ouder-id', en: 'Caregiver id' },
  caregiverRole: { nl: 'Rol ouder', en: 'Caregiver role' },
  recordingId: { nl: 'Opname-id', en: 'Recording id' },
  recordingDate: { nl: 'Opnamedatum', en: 'Recording date' },
  babyAgeMonths: { nl: 'Leeftijd baby (maanden)', en: 'Baby age (months)' },
  moment: { nl: 'Meetmoment', en: 'Moment' },
  activity: { nl: 'Activiteit', en: 'Activity' },
  visitPhase: { nl: 'Fase bezoek', en: 'Visit phase' },
  familyPhase: { nl: 'Fase gezin', en: 'Family phase' },
  scale: { nl: 'Schaal', en: 'Scale' },
  rater: { nl: 'Beoordelaar', en: 'Rater' },
  roundId: { nl: 'Ronde-id', en: 'Round id' },
  blind: { nl: 'Blind', en: 'Blind' },
  score: { nl: 'Score', en: 'Score' },
  consensus: { nl: 'Consensus', en: 'Consensus' },
  voormeting: { nl: 'Voormeting', en: 'Pre-test' },
  nameting: { nl: 'Nameting', en: 'Post-test' },
  followUp: { nl: 'Follow-up', en: 'Follow-up' },
  changeNameting: { nl: 'Verandering nameting', en: 'Change post-test' },
  changeFollowUp: { nl: 'Verandering follow-up', en: 'Change follow-up' },
  sensitivity: { nl: 'Sensitiviteit', en: 'Sensitivity' },
  cooperation: { nl: 'Coöperatie', en: 'Cooperation' },
  // Only in the PDFs, but named here so a report and a spreadsheet never disagree.
  source: { nl: 'Bron', en: 'Source' },
  scoredRecordings: { nl: 'Gescoorde opnamen', en: 'Scored recordings' },
  comparison: { nl: 'Van - naar', en: 'From - to' },
  n: { nl: 'n', en: 'n' },
  before: { nl: 'Voor', en: 'Before' },
  after: { nl: 'Na', en: 'After' },
  meanChange: { nl: 'Verandering [95%-BI]', en: 'Change [95% CI]' },
  dz: { nl: 'd_z', en: 'd_z' },
  dav: { nl: 'd_av', en: 'd_av' },
  families: { nl: 'Gezinnen', en: 'Families' },
  status: { nl: 'Status', en: 'Status' },
} as const satisfies Record<string, Labels>;

export type HeaderKey = keyof typeof EXPORT_HEADERS;

/** The sheets of the workbook, in the same language as their columns. */
export const SHEET_NAMES = {
  scores: { nl: 'scores', en: 'scores' },
  moments: { nl: 'momenten', en: 'moments' },
  notes: { nl: 'toelichting', en: 'notes' },
} as const satisfies Record<string, Labels>;

/** The label as a PDF table shows it: "Leeftijd baby (maanden)". */
export function headerLabel(key: HeaderKey, language: ExportLanguage): string {
  return EXPORT_HEADERS[key][language];
}

/** The label as a spreadsheet variable: "leeftijd_baby_maanden", "cooperatie". */
export function variableName(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/%/g, 'pct')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The CSV/XLSX header of a column. */
export function headerVariable(key: HeaderKey, language: ExportLanguage): string {
  return variableName(headerLabel(key, language));
}
