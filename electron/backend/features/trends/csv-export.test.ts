import { describe, expect, it } from 'vitest';
import { csvNumber, csvText, neutralizeFormula, tableToCsv } from './csv-export';
import type { Column } from './export-table';

describe('formula injection', () => {
  it('prefixes an apostrophe to text that a spreadsheet would run', () => {
    for (const hostile of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralizeFormula(hostile)).toBe(`'${hostile}`);
    for (const safe of ['OB-26-001', 'moeder', "'al veilig", ' =spatie eerst', '']) expect(neutralizeFormula(safe)).toBe(safe);
  });

  it('quotes text and doubles quotes inside', () => {
    expect(csvText('zei "ja"; en, toen')).toBe('"zei ""ja""; en, toen"');
    expect(csvText('=1+1')).toBe(`"'=1+1"`);
  });
});

describe('tableToCsv', () => {
  const columns: Column<{ code: string; score: number | null; mean: number | null }>[] = [
    { header: 'family_code', kind: 'text', value: (r) => r.code, help: '' },
    { header: 'score', kind: 'number', value: (r) => r.score, help: '' },
    { header: 'mean', kind: 'number', decimals: 2, value: (r) => r.mean, help: '' },
  ];
  const rows = [
    { code: 'OB-26-001', score: 7, mean: 13 / 3 },
    { code: '=cmd', score: null, mean: 5 },
  ];

  it('writes the comma dialect with a BOM, CRLF, quoted text, bare numbers and empty missing values', () => {
    expect(tableToCsv({ name: 't', columns, rows }, 'comma')).toBe('\uFEFF"family_code","score","mean"\r\n"OB-26-001",7,4.33\r\n"\'=cmd",,5\r\n');
  });

  it('writes the Dutch Excel dialect with semicolons and a decimal comma', () => {
    expect(tableToCsv({ name: 't', columns, rows }, 'semicolon')).toBe('\uFEFF"family_code";"score";"mean"\r\n"OB-26-001";7;4,33\r\n"\'=cmd";;5\r\n');
  });

  it('formats numbers per dialect', () => {
    expect(csvNumber(-1.5, 2, ',')).toBe('-1,50');
    expect(csvNumber(3, 2, ',')).toBe('3,00'); // whole numbers stay whole in tableToCsv (see the dialect tests above)
    expect(csvNumber(0.125, undefined, '.')).toBe('0.125');
  });
});
