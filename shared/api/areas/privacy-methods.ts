import { z } from 'zod';
import { ACCESS_ACTION_KINDS } from '../../domain/access-actions';
import type { AccessLogEntry } from '../../domain/entities';
import { isTimeZone } from '../../domain/local-time';
import { method, type MethodSpec } from '../method-spec';
import { calendarDate, id } from '../schemas';
import { say } from '../validation-messages';

export interface ErasureResult {
  erased: true;
  familyCode: string;
  /** Library files removed (originals, derived files, exports); a video another family still uses stays. */
  filesRemoved: number;
}

export interface LogChainReport {
  ok: boolean;
  checkedRows: number;
  /** The first access-log row that does not fit the hash chain, or null when the chain is intact. */
  firstBrokenId: number | null;
  /** Dutch: what was found (rows removed at the end, a row changed, the anchor missing …); null when intact. */
  reason: string | null;
  /** The row the anchor outside the database points at (the head it last saw), or null when there is no usable anchor. */
  anchorLogId: number | null;
}

export interface BackupSummary {
  /** The folder the backup was written to (a new subfolder of the chosen folder). */
  dir: string;
  createdAt: string;
  files: number;
  bytes: number;
}

export interface BackupCheck {
  ok: boolean;
  dir: string;
  createdAt: string | null;
  files: number;
  /** Dutch descriptions of every missing, changed or unexpected file. */
  problems: string[];
}

export interface RestoreResult {
  /** The restore is staged; it takes effect when Afstemming starts again. */
  restartRequired: true;
  backupCreatedAt: string;
}

/** One page of the overview, newest first, with how many rows the filters match in all. */
export interface AccessLogPage {
  rows: AccessLogEntry[];
  /** Matching rows up to `upToId`. */
  total: number;
  offset: number;
  limit: number;
  /**
   * The newest row this listing counts (every reading adds a row, so without it the next page
   * would shift by one). Send it back with the next page's offset.
   */
  upToId: number;
}

/** The filtered log as a CSV file (Dutch Excel: semicolons, UTF-8 with BOM, Dutch headers and names). */
export interface AccessLogCsv {
  fileName: string;
  mimeType: string;
  /** The file's text, starting with a UTF-8 byte-order mark. */
  content: string;
  rowCount: number;
}

/** The most rows one CSV export holds; more asks for a narrower filter rather than a file Excel cannot open. */
export const ACCESS_LOG_EXPORT_MAX_ROWS = 200_000;

const accessLogFilters = {
  familyId: id.optional(),
  raterId: id.optional(),
  /** Calendar dates in `timeZone`, both inclusive. */
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  kind: z.enum(ACCESS_ACTION_KINDS, { error: say('Onbekende soort handeling.', 'Unknown kind of action.') }).optional(),
  outcome: z.enum(['ok', 'refused', 'error'], { error: say('Onbekende uitkomst.', 'Unknown outcome.') }).optional(),
  /** The reader's IANA time zone (the period's dates, the CSV's times); the back end's own when absent. */
  timeZone: z.string().max(64).refine(isTimeZone, say('Onbekende tijdzone.', 'Unknown time zone.')).optional(),
};
const periodInOrder = <T extends { from?: string; to?: string }>(f: T) => f.from === undefined || f.to === undefined || f.from <= f.to;
const periodError = { message: say('De begindatum ligt na de einddatum.', 'The start date is after the end date.'), path: ['to'] };

export type AccessLogFilters = z.output<typeof accessLogFilterSchema>;
const accessLogFilterSchema = z.strictObject(accessLogFilters).refine(periodInOrder, periodError);

const folder = z.string().trim().min(1, say('Vul een map in.', 'Enter a folder.')).max(1000, say('Dit pad is te lang.', 'This path is too long.'));

/** Privacy and durability (coordinator only): erasure, the log's hash chain and overviews, backup and restore. */
export const privacyMethods = {
  'families.erase': method<ErasureResult>()(
    'Verwijder een gezin definitief met al zijn gegevens en video’s; typ de gezinscode ter bevestiging.',
    z.strictObject({ id, confirmCode: z.string().trim().min(1, say('Typ de gezinscode ter bevestiging.', 'Type the family code to confirm.')).max(40) }),
  ),
  'accessLog.verify': method<LogChainReport>()('Controleer de hashketen van het toegangslogboek.', z.strictObject({})),
  'accessLog.overview': method<AccessLogPage>()(
    'Toegangslogboek gefilterd op gezin, beoordelaar, periode, soort handeling en uitkomst; nieuwste eerst, per pagina.',
    z
      .strictObject({
        ...accessLogFilters,
        limit: z.number().int().min(1).max(1000).default(500),
        offset: z.number().int().min(0).max(100_000_000).default(0),
        upToId: id.optional(),
      })
      .refine(periodInOrder, periodError),
  ),
  'accessLog.exportCsv': method<AccessLogCsv>()(
    'Het gefilterde toegangslogboek als CSV voor Excel (puntkomma, UTF-8 met BOM, Nederlandse kolomnamen en handelingen, lokale tijd).',
    accessLogFilterSchema,
  ),
  'backup.create': method<BackupSummary>()(
    'Maak een back-up (database en videobibliotheek) in een map; zonder map kiest de desktop-app er een.',
    z.strictObject({ targetDir: folder.optional() }),
  ),
  'backup.verify': method<BackupCheck>()('Controleer een back-up met zijn manifest (SHA-256 van elk bestand).', z.strictObject({ dir: folder })),
  'backup.restore': method<RestoreResult>()(
    'Zet een gecontroleerde back-up terug; wordt actief bij de volgende start van Afstemming.',
    z.strictObject({ dir: folder }),
  ),
} as const satisfies Record<string, MethodSpec>;
