import { localToday } from '../../../../shared/domain/dates';
import type { ExportFile, TrendFilters } from '../../../../shared/domain/trends';
import type { Db } from '../../db/open-database';
import type { HandlerContext } from '../../handler-context';
import { appendAccess } from '../access-log/access-log-repository';
import { currentAnchors } from '../scoring/anchor-repository';
import { tableToCsv, type CsvDialect } from './csv-export';
import { MOMENT_COLUMNS, momentRows, raterPseudonym, SCORE_COLUMNS, scoreRows, type MomentRow, type ScoreRow } from './export-table';
import { familyReportPdf } from './family-report';
import { buildFamilyTrend, describeFilters, familyOf, raterNameOf } from './family-trend';
import { buildTeamOverview, collectTeam, familiesInFilters } from './team-overview';
import { teamReportPdf } from './team-report';
import { trendIndex, type IndexedFamily } from './trend-index';
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
  familyId?: number;
}

interface Scoped {
  families: IndexedFamily[];
  /** File name prefix: the family code, or "team". */
  prefix: string;
}

function scoped(db: Db, input: ExportInput): Scoped & { index: ReturnType<typeof trendIndex> } {
  const index = trendIndex(db);
  raterNameOf(db, input.filters);
  if (input.familyId !== undefined) {
    const family = familyOf(index, input.familyId);
    return { index, families: [family], prefix: family.code };
  }
  return { index, families: familiesInFilters(index, input.filters), prefix: 'team' };
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
  const { index, families, prefix } = scoped(db, input);
  const rows = scoreRows(index, families, input.filters);
  const idByCode = new Map(families.map((family) => [family.code, family.id]));
  const perFamily = countBy(rows, (row: ScoreRow) => idByCode.get(row.familyCode) ?? 0);
  return { index, families, prefix, rows, perFamily };
}

export function exportCsv(ctx: HandlerContext, input: ExportInput & { dialect: CsvDialect }): ExportFile {
  const { prefix, rows, perFamily } = scoreTable(ctx.db, input);
  const fileName = `${prefix}_scores${input.dialect === 'semicolon' ? '_excel-nl' : ''}_${localToday()}.csv`;
  const csv = tableToCsv({ name: 'scores', columns: SCORE_COLUMNS, rows }, input.dialect);
  logExport(ctx, 'export.csv', fileName, perFamily, 'scorerijen', input.filters, rows.length);
  return file(fileName, MIME.csv, csv, perFamily.size, rows.length);
}

export async function exportXlsx(ctx: HandlerContext, input: ExportInput): Promise<ExportFile> {
  const { index, families, prefix, rows, perFamily } = scoreTable(ctx.db, input);
  const moments = momentRows(collectTeam(index, families, input.filters).lines);
  for (const row of moments) if (!perFamily.has(row.familyId)) perFamily.set(row.familyId, 0);
  const fileName = `${prefix}_scores_${localToday()}.xlsx`;
  const notes = [
    `Afstemming - export van scores (${localToday()}); pseudoniem: gezinscodes, rol van de ouder en beoordelaarsnummers, geen namen.`,
    `Filters: ${describeFilters(input.filters)}${input.filters.raterId !== undefined ? ` (beoordelaar ${raterPseudonym(input.filters.raterId)})` : ''}.`,
    '',
    'Blad "scores": één rij per ingediende score (lang formaat, voor SPSS, R en Excel).',
    'Welke scores tellen: ingediend, blind gescoord in een onthulde ronde, door een beoordelaar van die ronde, voor een ouder die in beeld is',
    '(dezelfde regel als op de overeenstemmingspagina). Oefenscores staan erbij met blind = nee, maar tellen nergens mee.',
    'Opnamen die nog in een blinde ronde zitten, staan er niet in (de onafhankelijkheid van de beoordelaars gaat voor).',
    'Blad "momenten": per ouder en schaal de waarde per meetmoment: de consensus, anders het gemiddelde van de blinde scores,',
    'gemiddeld over de opnamen van dat moment. Een ontbrekend meetmoment blijft leeg; er wordt niets ingevuld.',
    '',
    'Kolommen van "scores":',
    ...SCORE_COLUMNS.map((column) => `  ${column.header}: ${column.help}`),
    'Kolommen van "momenten":',
    ...MOMENT_COLUMNS.map((column) => `  ${column.header}: ${column.help}`),
    '',
    'In R: readxl::read_excel(pad, sheet = "scores"). In SPSS: Bestand > Importeren > Excel.',
  ];
  const sheets: Sheet<unknown>[] = [
    { name: 'scores', columns: SCORE_COLUMNS, rows, widths: { family_code: 13, recording_date: 13 } } as Sheet<ScoreRow> as Sheet<unknown>,
    { name: 'momenten', columns: MOMENT_COLUMNS, rows: moments, widths: { family_code: 13 } } as Sheet<MomentRow> as Sheet<unknown>,
  ];
  const bytes = await tablesToXlsx(sheets, { name: 'toelichting', lines: notes }, dayOf(localToday()));
  logExport(ctx, 'export.xlsx', fileName, perFamily, 'scorerijen', input.filters, rows.length);
  return file(fileName, MIME.xlsx, bytes, perFamily.size, rows.length);
}

export async function exportFamilyPdf(ctx: HandlerContext, input: ExportInput & { familyId: number }): Promise<ExportFile> {
  const index = trendIndex(ctx.db);
  const trend = buildFamilyTrend(ctx.db, index, input.familyId, input.filters);
  const anchors = currentAnchors(ctx.db);
  const today = localToday();
  const fileName = `${trend.family.code}_rapport_${today}.pdf`;
  const bytes = await familyReportPdf(trend, anchors, today, dayOf(today));
  const points = trend.series.reduce((sum, series) => sum + series.points.filter((point) => point.value !== null).length, 0);
  logExport(ctx, 'export.pdf_family', fileName, new Map([[trend.family.id, points]]), 'scorepunten', input.filters, points);
  return file(fileName, MIME.pdf, bytes, 1, points);
}

export async function exportTeamPdf(ctx: HandlerContext, input: ExportInput): Promise<ExportFile> {
  const index = trendIndex(ctx.db);
  const overview = buildTeamOverview(ctx.db, index, input.filters);
  const today = localToday();
  const fileName = `teamoverzicht_${today}.pdf`;
  const bytes = await teamReportPdf(overview, input.filters.raterId === undefined ? null : raterPseudonym(input.filters.raterId), today, dayOf(today));
  // The figures rest on every family in the filters, so each of them is logged.
  const perFamily = countBy(overview.lines, (line) => line.familyId);
  for (const family of familiesInFilters(index, input.filters)) if (!perFamily.has(family.id)) perFamily.set(family.id, 0);
  logExport(ctx, 'export.pdf_team', fileName, perFamily, 'lijnen', input.filters, overview.lines.length);
  return file(fileName, MIME.pdf, bytes, perFamily.size, overview.lines.length);
}
