import { exportColumns, type Cell, type ExportModel } from './export-model';

export type CsvDialect = 'comma' | 'semicolon';

const DIALECTS: Record<CsvDialect, { separator: string; decimal: '.' | ',' }> = {
  comma: { separator: ',', decimal: '.' },
  // What Dutch Excel opens with a double click: semicolons between cells, a decimal comma.
  semicolon: { separator: ';', decimal: ',' },
};

/**
 * A spreadsheet evaluates a cell that starts with = + - @ (or a tab or carriage return that hides
 * one) as a formula, so a note like "=HYPERLINK(…)" could run when a colleague opens the export.
 * A leading apostrophe makes the cell plain text in Excel and LibreOffice.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Text is always quoted (RFC 4180: quotes doubled), so separators and line breaks inside stay put. */
export function csvText(text: string): string {
  return `"${neutralizeFormula(text).replace(/"/g, '""')}"`;
}

function csvNumber(value: number, decimals: number | undefined, decimal: '.' | ','): string {
  const text = decimals === undefined ? String(value) : value.toFixed(decimals);
  return decimal === ',' ? text.replace('.', ',') : text;
}

/**
 * UTF-8 with a byte-order mark (so Excel reads "coöperatie" right), CRLF line ends, a header row,
 * one row per fragment.
 */
export function fragmentsToCsv(model: ExportModel, dialect: CsvDialect): string {
  const { separator, decimal } = DIALECTS[dialect];
  const columns = exportColumns(model, decimal);
  const cell = (value: Cell, decimals?: number) => (typeof value === 'number' ? csvNumber(value, decimals, decimal) : csvText(value));
  const lines = [columns.map((column) => csvText(column.header)).join(separator)];
  for (const fragment of model.fragments) {
    lines.push(columns.map((column) => cell(column.value(fragment, model), column.decimals)).join(separator));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
