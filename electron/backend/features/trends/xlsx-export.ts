// The only module of the trend feature that knows exceljs: tables in, bytes out.
import ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import { neutralizeFormula } from './csv-export';
import type { Column, Table } from './export-table';

export interface Sheet<Row> extends Table<Row> {
  /** Column widths in characters, by header; a default otherwise. */
  widths?: Record<string, number>;
}

export interface NoteSheet {
  name: string;
  /** Lines of text, one per row (first column). */
  lines: string[];
}

function cellValue<Row>(column: Column<Row>, row: Row): string | number | null {
  const value = column.value(row);
  if (value === null) return null;
  if (typeof value === 'number') {
    // Rounded in the data, not only in the display, so SPSS and R read what Excel shows.
    return column.decimals === undefined ? value : Number(value.toFixed(column.decimals));
  }
  // Typed string cells are never evaluated by a spreadsheet; the apostrophe still guards a later
  // save-as-CSV (and changes no value that can occur today).
  return neutralizeFormula(value);
}

/**
 * One workbook with the given data sheets (numbers as numbers, missing values as empty cells) and
 * an explanation sheet. Written with exceljs's streaming writer and shared strings off: the
 * team-wide export has 100,000 rows, and the in-memory workbook is several times slower.
 */
export async function tablesToXlsx(sheets: readonly Sheet<unknown>[], notes: NoteSheet, createdAt: Date): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  // Styles off as well: with them on, exceljs hashes a style for every one of 1.5 million cells,
  // which triples the time. The header row is frozen and filterable instead of bold.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: false });
  workbook.creator = 'Afstemming';
  workbook.created = createdAt;
  workbook.modified = createdAt;

  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((column) => ({ header: column.header, key: column.header, width: sheet.widths?.[column.header] ?? Math.max(10, column.header.length + 2) }));
    for (const row of sheet.rows) worksheet.addRow(sheet.columns.map((column) => cellValue(column, row))).commit();
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
    worksheet.commit();
  }

  const explanation = workbook.addWorksheet(notes.name);
  explanation.columns = [{ width: 120 }];
  for (const line of notes.lines) explanation.addRow([neutralizeFormula(line)]).commit();
  explanation.commit();

  await workbook.commit();
  return stampZip(Buffer.concat(chunks), createdAt);
}

/**
 * The zip inside an .xlsx records the clock time of every entry, so two exports of the same data
 * would differ byte for byte. Setting every entry to the export's own date makes the file a pure
 * function of the data and the day: reproducible, and comparable in tests (which is how the
 * blindness test proves no hidden score leaks into an export).
 */
export function stampZip(zip: Buffer, date: Date): Buffer {
  const dosTime = 0; // 00:00:00
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const endOfDirectory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOfDirectory < 0) throw new Error('xlsx: no zip directory');
  const entries = zip.readUInt16LE(endOfDirectory + 10);
  let at = zip.readUInt32LE(endOfDirectory + 16);
  for (let entry = 0; entry < entries; entry++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('xlsx: broken zip directory');
    zip.writeUInt16LE(dosTime, at + 12);
    zip.writeUInt16LE(dosDate, at + 14);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) === 0x04034b50) {
      zip.writeUInt16LE(dosTime, local + 10);
      zip.writeUInt16LE(dosDate, local + 12);
    }
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}
