import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fragmentsToXlsx } from './fragment-xlsx';
import { sampleModel } from './sample-export-model';

describe('fragment XLSX', () => {
  it('writes the CSV columns with typed cells and a sheet with the tag set', async () => {
    const bytes = await fragmentsToXlsx(sampleModel(), new Date('2026-03-02T10:00:00Z'));
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a zip, as every .xlsx
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Fragmenten')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 8)).toEqual(['gezin', 'opname_id', 'opnamedatum', 'activiteit', 'meetmoment', 'fps', 'fragment_id', 'beoordelaar']);
    expect(header.slice(-2)).toEqual(['vraag: Wat zie je?', 'vraag: =cmd|calc']);
    expect(sheet.rowCount).toBe(4);
    const first = sheet.getRow(2);
    expect(first.getCell(9).value).toBe(1000); // start_ms as a number
    expect(first.getCell(11).value).toBe(1.5); // duur_s
    // Text stays text: a note that looks like a formula is a string cell, never a formula.
    const note = sheet.getRow(3).getCell(19);
    expect(note.value).toBe('=HYPERLINK("http://x")');
    expect(note.type).toBe(ExcelJS.ValueType.String);
    const tags = workbook.getWorksheet('Labels')!;
    expect(tags.getRow(3).getCell(1).value).toBe('coöperatie');
    expect(tags.getRow(4).getCell(4).value).toBe(1); // archived
  });
});
