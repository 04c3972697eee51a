import { ACCESS_ACTIONS, accessActionName, splitVia } from '../../../../shared/domain/access-actions';
import { CSV_DIALECTS, csvText } from '../../../../shared/domain/csv-cells';
import type { AccessLogEntry } from '../../../../shared/domain/entities';
import { formatLocalDateTimeForSheet } from '../../../../shared/domain/local-time';
import { KIND_WORDS, OUTCOME_WORDS } from './access-overview-repository';

/**
 * The access log for a privacy officer's spreadsheet: what Dutch Excel opens with a double click
 * (semicolons, UTF-8 with a byte-order mark, CRLF), Dutch headers and action names, times in the
 * reader's zone as "dd-mm-jjjj uu:mm:ss" (which Excel-NL reads as a date and time), and the stored
 * code next to the name so a row can still be matched with the database. Every cell is quoted
 * text with the formula guard (a detail is free text).
 */
const ROLE_WORDS = { coordinator: 'coördinator', rater: 'beoordelaar' } as const;

export function accessLogCsvHeader(timeZone: string): string {
  const { separator } = CSV_DIALECTS.semicolon;
  return [`Tijdstip (${timeZone})`, 'Wie', 'Rol', 'Via apparaat', 'Gezin', 'Handeling', 'Soort handeling', 'Uitkomst', 'Details', 'Code handeling', 'Regelnummer']
    .map(csvText)
    .join(separator);
}

export function accessLogCsvLine(row: AccessLogEntry, timeZone: string): string {
  const { separator } = CSV_DIALECTS.semicolon;
  const { detail, via } = splitVia(row.detail);
  const kind = ACCESS_ACTIONS[row.action]?.kind;
  return [
    formatLocalDateTimeForSheet(row.at, timeZone),
    row.raterName ?? '',
    row.raterRole ? (ROLE_WORDS[row.raterRole] ?? row.raterRole) : '',
    via ?? '',
    row.familyCode ?? '',
    accessActionName(row.action, 'nl'),
    kind ? KIND_WORDS[kind] : '',
    OUTCOME_WORDS[row.outcome] ?? row.outcome,
    detail,
    row.action,
    String(row.id),
  ]
    .map(csvText)
    .join(separator);
}

export function accessLogCsv(rows: Iterable<AccessLogEntry>, timeZone: string): { content: string; rowCount: number } {
  const lines = [accessLogCsvHeader(timeZone)];
  for (const row of rows) lines.push(accessLogCsvLine(row, timeZone));
  return { content: `\uFEFF${lines.join('\r\n')}\r\n`, rowCount: lines.length - 1 };
}
