import type { Cell, Column, Table } from './export-table';

export type CsvDialect = 'comma' | 'semicolon';

const DIALECTS: Record<CsvDialect, { separator: string; decimal: '.' | ',' }> = {
  // R read.csv, SPSS, international Excel.
  comma: { separator: ',', decimal: '.' },
  // What Dutch Excel opens with a double click, and R's read.csv2: semicolons, a decimal comma.
  semicolon: { separator: ';', decimal: ',' },
};

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return hiding one) as
 * a formula, so a value like "=HYPERLINK(…)" could act when a colleague opens the export. A
 * leading apostrophe makes it plain text in Excel and LibreOffice. (Every text in these exports
 * comes from closed vocabularies or the code pattern, so today nothing is changed; this is the
 * guard for tomorrow's column.)
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Text always in double quotes (RFC 4180, quotes doubled), so separators and line breaks stay inside. */
export function csvText(text: string): string {
  return `"${neutralizeFormula(text).replace(/"/g, '""')}"`;
}

export function csvNumber(value: number, decimals: number | undefined, decimal: '.' | ','): string {
  const text = decimals === undefined || Number.isInteger(value) ? String(value) : value.toFixed(decimals);
  return decimal === ',' ? text.replace('.', ',') : text;
}

function csvCell<Row>(column: Column<Row>, value: Cell, decimal: '.' | ','): string {
  // An empty cell (no quotes) is what R reads as NA and SPSS as system-missing.
  if (value === null) return '';
  if (typeof value === 'number') return csvNumber(value, column.decimals, decimal);
  return csvText(value);
}

/**
 * UTF-8 with a byte-order mark (so Excel reads "coöperatie" right; R's read.csv handles it with
 * fileEncoding = "UTF-8-BOM"), CRLF line ends, one header row of ASCII names, quoted text,
 * unquoted numbers, empty cells for missing values.
 */
export function tableToCsv<Row>(table: Table<Row>, dialect: CsvDialect): string {
  const { separator, decimal } = DIALECTS[dialect];
  const lines: string[] = [table.columns.map((column) => csvText(column.header)).join(separator)];
  for (const row of table.rows) {
    let line = '';
    for (let i = 0; i < table.columns.length; i++) {
      const column = table.columns[i]!;
      if (i > 0) line += separator;
      line += csvCell(column, column.value(row), decimal);
    }
    lines.push(line);
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
