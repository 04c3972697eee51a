import { z } from 'zod';
import type { AccessLogEntry } from '../../domain/entities';
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

const folder = z.string().trim().min(1, say('Vul een map in.', 'Enter a folder.')).max(1000, say('Dit pad is te lang.', 'This path is too long.'));

/** Privacy and durability (coordinator only): erasure, the log's hash chain and overviews, backup and restore. */
export const privacyMethods = {
  'families.erase': method<ErasureResult>()(
    'Verwijder een gezin definitief met al zijn gegevens en video’s; typ de gezinscode ter bevestiging.',
    z.strictObject({ id, confirmCode: z.string().trim().min(1, say('Typ de gezinscode ter bevestiging.', 'Type the family code to confirm.')).max(40) }),
  ),
  'accessLog.verify': method<LogChainReport>()('Controleer de hashketen van het toegangslogboek.', z.strictObject({})),
  'accessLog.overview': method<AccessLogEntry[]>()(
    'Toegangslogboek per gezin of per beoordelaar over een periode.',
    z
      .strictObject({
        familyId: id.optional(),
        raterId: id.optional(),
        from: calendarDate.optional(),
        to: calendarDate.optional(),
        limit: z.number().int().min(1).max(5000).optional(),
      })
      .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, { message: say('De begindatum ligt na de einddatum.', 'The start date is after the end date.'), path: ['to'] }),
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
