// The only module that knows exceljs: the rest of the back end sees a model in, bytes out.
import ExcelJS from 'exceljs';
import { exportColumns, type ExportModel } from './export-model';

const HEADER_FILL = 'FFE8EEF4';

/**
 * One sheet of fragments with the same columns as the CSV (numbers as numbers, so SPSS, R and
 * Excel need no conversion) and one sheet with the tag set and its colours.
 *
 * No apostrophe against formula injection here, unlike the CSV: every text goes in as a typed
 * string cell, which spreadsheet programs never evaluate, and an apostrophe would show as text.
 */
export async function fragmentsToXlsx(model: ExportModel, createdAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Afstemming';
  workbook.created = createdAt;
  workbook.modified = createdAt;

  const columns = exportColumns(model, '.');
  const sheet = workbook.addWorksheet('Fragmenten', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: Math.min(60, Math.max(10, column.header.length + 2, column.header === 'notitie' ? 40 : 0)),
    ...(column.decimals !== undefined ? { style: { numFmt: `0.${'0'.repeat(column.decimals)}` } } : {}),
  }));
  for (const fragment of model.fragments) sheet.addRow(columns.map((column) => column.value(fragment, model)));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };

  const legend = workbook.addWorksheet('Labels');
  legend.columns = [
    { header: 'label', width: 32 },
    { header: 'kleur', width: 10 },
    { header: 'sneltoets', width: 10 },
    { header: 'gearchiveerd', width: 13 },
    { header: 'omschrijving', width: 80 },
  ];
  legend.getRow(1).font = { bold: true };
  for (const tag of model.tags) {
    const row = legend.addRow([tag.name, tag.color, tag.shortcut ?? '', tag.archived ? 1 : 0, tag.description]);
    row.getCell(2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${tag.color.slice(1).toUpperCase()}` } };
  }

  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes);
}
