/** How every CSV export of the app writes its cells (fragments, trends, agreement). */
export type CsvDialect = 'comma' | 'semicolon';

export const CSV_DIALECTS: Record<CsvDialect, { separator: string; decimal: '.' | ',' }> = {
  // R read.csv, SPSS, international Excel.
  comma: { separator: ',', decimal: '.' },
  // What Dutch Excel opens with a double click, and R's read.csv2: semicolons, a decimal comma.
  semicolon: { separator: ';', decimal: ',' },
};

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return hiding one) as a
 * formula, so a note like "=HYPERLINK(…)" could act when a colleague opens the export. A leading
 * apostrophe makes the cell plain text in Excel and LibreOffice.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Text always in double quotes (RFC 4180, quotes doubled), so separators and line breaks stay inside. */
export function csvText(text: string): string {
  return `"${neutralizeFormula(text).replace(/"/g, '""')}"`;
}

/** A number with a fixed number of decimals when given, in the dialect's decimal sign. */
export function csvNumber(value: number, decimals: number | undefined, decimal: '.' | ','): string {
  const text = decimals === undefined ? String(value) : value.toFixed(decimals);
  return decimal === ',' ? text.replace('.', ',') : text;
}
