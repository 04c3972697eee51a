import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Column } from './export-table';
import { tablesToXlsx } from './xlsx-export';

const columns: Column<{ code: string; value: number | null }>[] = [
  { header: 'family_code', kind: 'text', value: (r) => r.code, help: '' },
  { header: 'mean', kind: 'number', decimals: 2, value: (r) => r.value, help: '' },
];
const rows = [
  { code: 'OB-26-001', value: 13 / 3 },
  { code: '=HYPERLINK("x")', value: null },
];
const make = () => tablesToXlsx([{ name: 'data', columns, rows } as never], { name: 'toelichting', lines: ['uitleg'] }, new Date('2026-11-23T00:00:00Z'));

/** Every entry's DOS date and time from the zip's central directory. */
function entryStamps(zip: Buffer): [number, number][] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  const stamps: [number, number][] = [];
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    stamps.push([zip.readUInt16LE(at + 14), zip.readUInt16LE(at + 12)]);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return stamps;
}

describe('tablesToXlsx', () => {
  it('writes numbers as numbers rounded in the data, empty cells for missing values, and neutralized formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await make()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('data')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'family_code', 'mean']);
    expect(sheet.getRow(2).values).toEqual([undefined, 'OB-26-001', 4.33]);
    expect(sheet.getRow(3).values).toEqual([undefined, `'=HYPERLINK("x")`]);
    expect(workbook.getWorksheet('toelichting')!.getRow(1).values).toEqual([undefined, 'uitleg']);
  });

  it('gives every zip entry the export day, so the same data give the same bytes', async () => {
    const first = await make();
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const second = await make();
    const day = ((2026 - 1980) << 9) | (11 << 5) | 23;
    expect(new Set(entryStamps(first).map(([date, time]) => `${date}/${time}`))).toEqual(new Set([`${day}/0`]));
    expect(second.equals(first)).toBe(true);
  });
});
