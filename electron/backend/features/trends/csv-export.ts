import { CSV_DIALECTS as DIALECTS, csvNumber, csvText, type CsvDialect } from '../../../../shared/domain/csv-cells';
import type { Cell, Column, Table } from './export-table';

export { csvNumber, csvText, neutralizeFormula, type CsvDialect } from '../../../../shared/domain/csv-cells';

function csvCell<Row>(column: Column<Row>, value: Cell, decimal: '.' | ','): string {
  // An empty cell (no quotes) is what R reads as NA and SPSS as system-missing.
  if (value === null) return '';
  // Whole numbers stay whole (a score is 7, not 7.00).
  if (typeof value === 'number') return csvNumber(value, Number.isInteger(value) ? undefined : column.decimals, decimal);
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
