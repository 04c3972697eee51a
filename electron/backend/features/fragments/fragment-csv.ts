import { CSV_DIALECTS as DIALECTS, csvNumber, csvText, type CsvDialect } from '../../../../shared/domain/csv-cells';
import { exportColumns, type Cell, type ExportModel } from './export-model';

export { csvText, neutralizeFormula, type CsvDialect } from '../../../../shared/domain/csv-cells';

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
