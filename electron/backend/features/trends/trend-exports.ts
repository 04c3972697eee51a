import { localToday } from '../../../../shared/domain/dates';
import { exportFileName, type ExportLanguage } from '../../../../shared/domain/exports';
import type { ExportFile, TrendFilters } from '../../../../shared/domain/trends';
import type { Db } from '../../db/open-database';
import type { HandlerContext } from '../../handler-context';
import { appendAccess } from '../access-log/access-log-repository';
import { currentAnchors } from '../scoring/anchor-repository';
import { tableToCsv, type CsvDialect } from './csv-export';
import { SHEET_NAMES, headerVariable } from './export-headers';
import { momentColumns, momentRows, raterPseudonym, scoreColumns, scoreRows, type MomentRow, type ScoreRow } from './export-table';
import { familyReportPdf } from './family-report';
import { buildFamilyTrend, describeFilters, familyOf, raterNameOf } from './family-trend';
import { buildTeamOverview, collectTeam, familiesInFilters } from './team-overview';
import { teamReportPdf } from './team-report';
import { trendIndex, type IndexedFamily, type TrendIndex } from './trend-index';
import { tablesToXlsx, type Sheet } from './xlsx-export';

// Every export: pseudonymous (family codes, roles, rater ids), built from the same index and
// rules as the screens, and written to the access log with what it contained — one row per family
// whose data is in the file (so each family's own log shows it), plus one team row (family empty)
// with the file name, the totals and the filters.

export const MIME = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

export interface ExportInput {
  filters: TrendFilters;
  /** One family (the family page's exports); the team filters' phase and families then do not apply. */
  familyId?: number;
  language: ExportLanguage;
}

interface Scoped {
  families: IndexedFamily[];
  /** Whose data, for the file name: a family code, "3-gezinnen", or nothing for the whole team. */
  scope: string | undefined;
}

/** The family filter in a file name: one family by its code, a selection by its size. */
function scopeOf(index: TrendIndex, filters: TrendFilters): string | undefined {
  const chosen = [...new Set(filters.familyIds ?? [])];
  if (chosen.length === 0) return undefined;
  return chosen.length === 1 ? familyOf(index, chosen[0]!).code : `${chosen.length}-gezinnen`;
}

/**
 * Which families an export holds, by the same rules as the screens: the family of the family
 * page, or the team filters (familiesInFilters). What of each family may be shown — no recording
 * of a round that is still blind — is decided once, in the rows (export-table.ts, team-overview.ts).
 */
function scoped(db: Db, input: ExportInput): Scoped & { index: TrendIndex } {
  const index = trendIndex(db);
  raterNameOf(db, input.filters);
  if (input.familyId !== undefined) {
    const family = familyOf(index, input.familyId);
    return { index, families: [family], scope: family.code };
  }
  return { index, families: familiesInFilters(index, input.filters), scope: scopeOf(index, input.filters) };
}

/** Logs an export in one transaction (an async handler has none of its own). */
function logExport(ctx: HandlerContext, action: string, file: string, perFamily: Map<number, number>, unit: string, filters: TrendFilters, total: number): void {
  const filterText = describeFilters(filters);
  ctx.db.transaction(() => {
    for (const [familyId, count] of perFamily) ctx.logFamilyAccess(familyId, `${file}: ${count} ${unit} van dit gezin; filters: ${filterText}`);
    appendAccess(ctx.db, {
      at: ctx.now,
      rater: ctx.actor,
      familyId: null,
      action,
      outcome: 'ok',
      detail: `${file}: ${perFamily.size} gezinnen, ${total} ${unit}; filters: ${filterText}`,
    });
  })();
}

/**
 * Files carry the day they were made, not the second: the same data on the same day give the
 * same bytes (the PDF's document id is derived from its date), which keeps exports reproducible.
 */
function dayOf(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function countBy<Row>(rows: readonly Row[], familyIdOf: (row: Row) => number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(familyIdOf(row), (counts.get(familyIdOf(row)) ?? 0) + 1);
  return counts;
}

function file(fileName: string, mimeType: string, bytes: Buffer | string, familyCount: number, rowCount: number): ExportFile {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return { fileName, mimeType, base64: buffer.toString('base64'), familyCount, rowCount };
}

function scoreTable(db: Db, input: ExportInput) {
  const { index, families, scope } = scoped(db, input);
  const rows = scoreRows(index, families, input.filters);
  const idByCode = new Map(families.map((family) => [family.code, family.id]));
  const perFamily = countBy(rows, (row: ScoreRow) => idByCode.get(row.familyCode) ?? 0);
  return { index, families, scope, rows, perFamily };
}

export function exportCsv(ctx: HandlerContext, input: ExportInput & { dialect: CsvDialect }): ExportFile {
  const { scope, rows, perFamily } = scoreTable(ctx.db, input);
  const fileName = exportFileName({ subject: 'scores', scope, date: localToday(), dialect: input.dialect, extension: 'csv' });
  const csv = tableToCsv({ name: SHEET_NAMES.scores[input.language], columns: scoreColumns(input.language), rows }, input.dialect);
  logExport(ctx, 'export.csv', fileName, perFamily, 'scorerijen', input.filters, rows.length);
  return file(fileName, MIME.csv, csv, perFamily.size, rows.length);
}

/** The explanation sheet of the workbook, in the language of its headers. */
function workbookNotes(input: ExportInput, today: string): string[] {
  const { language, filters } = input;
  const [scores, moments] = [scoreColumns(language), momentColumns(language)];
  const sheet = { scores: SHEET_NAMES.scores[language], moments: SHEET_NAMES.moments[language] };
  const rater = filters.raterId === undefined ? '' : language === 'en' ? ` (rater ${raterPseudonym(filters.raterId)})` : ` (beoordelaar ${raterPseudonym(filters.raterId)})`;
  const columnLines = (columns: typeof scores | typeof moments) => columns.map((column) => `  ${column.header}: ${column.help}`);
  if (language === 'en') {
    return [
      `Afstemming - export of scores (${today}); pseudonymous: family codes, caregiver roles and rater numbers, no names.`,
      `Filters: ${describeFilters(filters, 'en')}${rater}.`,
      '',
      `Sheet "${sheet.scores}": one row per submitted score (long format, for SPSS, R and Excel).`,
      'Which scores count: submitted, scored blind in a revealed round, by a rater of that round, for a caregiver in view',
      '(the same rule as on the agreement page). Practice scores are listed with blind = nee (no), but count nowhere.',
      "Recordings still in a blind round are left out (the raters' independence comes first).",
      `Sheet "${sheet.moments}": per caregiver and scale the value per measurement moment: the consensus, else the mean of the blind scores,`,
      'averaged over the recordings of that moment. A missing moment stays empty; nothing is filled in.',
      'Cell values are the app\'s codes (in Dutch, e.g. moeder, voormeting, ja); the list below explains them.',
      '',
      `Columns of "${sheet.scores}":`,
      ...columnLines(scores),
      `Columns of "${sheet.moments}":`,
      ...columnLines(moments),
      '',
      `In R: readxl::read_excel(path, sheet = "${sheet.scores}"). In SPSS: File > Import Data > Excel.`,
    ];
  }
  return [
    `Afstemming - export van scores (${today}); pseudoniem: gezinscodes, rol van de ouder en beoordelaarsnummers, geen namen.`,
    `Filters: ${describeFilters(filters)}${rater}.`,
    '',
    `Blad "${sheet.scores}": één rij per ingediende score (lang formaat, voor SPSS, R en Excel).`,
    'Welke scores tellen: ingediend, blind gescoord in een onthulde ronde, door een beoordelaar van die ronde, voor een ouder die in beeld is',
    '(dezelfde regel als op de overeenstemmingspagina). Oefenscores staan erbij met blind = nee, maar tellen nergens mee.',
    'Opnamen die nog in een blinde ronde zitten, staan er niet in (de onafhankelijkheid van de beoordelaars gaat voor).',
    `Blad "${sheet.moments}": per ouder en schaal de waarde per meetmoment: de consensus, anders het gemiddelde van de blinde scores,`,
    'gemiddeld over de opnamen van dat moment. Een ontbrekend meetmoment blijft leeg; er wordt niets ingevuld.',
    '',
    `Kolommen van "${sheet.scores}":`,
    ...columnLines(scores),
    `Kolommen van "${sheet.moments}":`,
    ...columnLines(moments),
    '',
    `In R: readxl::read_excel(pad, sheet = "${sheet.scores}"). In SPSS: Bestand > Importeren > Excel.`,
  ];
}

export async function exportXlsx(ctx: HandlerContext, input: ExportInput): Promise<ExportFile> {
  const { index, families, scope, rows, perFamily } = scoreTable(ctx.db, input);
  const moments = momentRows(collectTeam(index, families, input.filters).lines);
  for (const row of moments) if (!perFamily.has(row.familyId)) perFamily.set(row.familyId, 0);
  const today = localToday();
  const fileName = exportFileName({ subject: 'scores', scope, date: today, extension: 'xlsx' });
  const { language } = input;
  const wide = (...keys: Parameters<typeof headerVariable>[0][]) => Object.fromEntries(keys.map((key) => [headerVariable(key, language), 13]));
  const sheets: Sheet<unknown>[] = [
    { name: SHEET_NAMES.scores[language], columns: scoreColumns(language), rows, widths: wide('familyCode', 'recordingDate') } as Sheet<ScoreRow> as Sheet<unknown>,
    { name: SHEET_NAMES.moments[language], columns: momentColumns(language), rows: moments, widths: wide('familyCode') } as Sheet<MomentRow> as Sheet<unknown>,
  ];
  const bytes = await tablesToXlsx(sheets, { name: SHEET_NAMES.notes[language], lines: workbookNotes(input, today) }, dayOf(today));
  logExport(ctx, 'export.xlsx', fileName, perFamily, 'scorerijen', input.filters, rows.length);
  return file(fileName, MIME.xlsx, bytes, perFamily.size, rows.length);
}

export async function exportFamilyPdf(ctx: HandlerContext, input: ExportInput & { familyId: number }): Promise<ExportFile> {
  const index = trendIndex(ctx.db);
  const trend = buildFamilyTrend(ctx.db, index, input.familyId, input.filters);
  const anchors = currentAnchors(ctx.db);
  const today = localToday();
  const fileName = exportFileName({ subject: 'rapport', scope: trend.family.code, date: today, extension: 'pdf' });
  const bytes = await familyReportPdf(trend, anchors, today, dayOf(today), input.language);
  const points = trend.series.reduce((sum, series) => sum + series.points.filter((point) => point.value !== null).length, 0);
  logExport(ctx, 'export.pdf_family', fileName, new Map([[trend.family.id, points]]), 'scorepunten', input.filters, points);
  return file(fileName, MIME.pdf, bytes, 1, points);
}

export async function exportTeamPdf(ctx: HandlerContext, input: ExportInput): Promise<ExportFile> {
  const index = trendIndex(ctx.db);
  const overview = buildTeamOverview(ctx.db, index, input.filters);
  const today = localToday();
  const fileName = exportFileName({ subject: 'teamoverzicht', scope: scopeOf(index, input.filters), date: today, extension: 'pdf' });
  const chosen = input.filters.familyIds === undefined ? null : familiesInFilters(index, { familyIds: input.filters.familyIds }).map((family) => family.code);
  const bytes = await teamReportPdf(overview, input.filters.raterId === undefined ? null : raterPseudonym(input.filters.raterId), today, dayOf(today), input.language, chosen);
  // The figures rest on every family in the filters, so each of them is logged.
  const perFamily = countBy(overview.lines, (line) => line.familyId);
  for (const family of familiesInFilters(index, input.filters)) if (!perFamily.has(family.id)) perFamily.set(family.id, 0);
  logExport(ctx, 'export.pdf_team', fileName, perFamily, 'lijnen', input.filters, overview.lines.length);
  return file(fileName, MIME.pdf, bytes, perFamily.size, overview.lines.length);
}
