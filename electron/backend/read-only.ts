import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError, msg, type Bilingual } from '../../shared/api/envelope';
import type { ReadOnlyState } from '../../shared/domain/entities';
import { assertNotNewer, type Migration } from './db/migrations';
import type { Db } from './db/open-database';
import { MANIFEST_FILE, PENDING_RESTORE_DIR } from './features/privacy/backup';
import type { BackendServices } from './services';

/**
 * Read-only mode (issue "Privacy and durability"): when `PRAGMA quick_check` fails at start-up, or
 * the access log is keyed and its key file is missing or another one (log-key.ts), the
 * back end still starts, but on a read-only connection, so nothing it does can change the damaged
 * file. It skips migrations, the erasure re-apply, the job queue and every start-up sweep that
 * deletes files. Dispatch refuses each method that READ_ONLY_MODE (method-policies.ts) marks
 * 'refused' before it runs, with error code 'read_only'. Reads, backup.verify and backup.restore
 * keep working: the restore is staged and swapped in at the next start, when the damaged database
 * is moved aside (before-restore-<time>/), never deleted.
 *
 * Access-log rows cannot go into a read-only database; appendAccess writes them to
 * READ_ONLY_ACCESS_LOG_FILE next to it instead, and the next writable start appends them to the
 * log (see access-log-repository.ts).
 */
export interface DatabaseDamage {
  reason: ReadOnlyState['reason'];
  detail: string;
  detectedAt: string;
}

export const READ_ONLY_MESSAGE = msg(
  'De database is beschadigd en staat op alleen-lezen; er is niets gewijzigd. ' +
    'Een coördinator kan een back-up terugzetten (Logboek en back-up › Zet back-up terug); start Afstemming daarna opnieuw.',
  'The database is damaged and is read-only; nothing has been changed. ' +
    'A coordinator can restore a backup (Log and backup › Restore backup); then start Afstemming again.',
);

export const LOG_KEY_MISSING_MESSAGE = msg(
  'Het sleutelbestand van het toegangslogboek (access-log.key) ontbreekt of hoort niet bij deze database; Afstemming staat daarom op alleen-lezen en er is niets gewijzigd. ' +
    'Zet het sleutelbestand terug in de gegevensmap, of laat een coördinator een back-up terugzetten (die bevat zijn sleutel); start Afstemming daarna opnieuw.',
  'The key file of the access log (access-log.key) is missing or does not belong to this database; Afstemming is therefore read-only and nothing has been changed. ' +
    'Put the key file back in the data folder, or have a coordinator restore a backup (which contains its key); then start Afstemming again.',
);

export const readOnlyMessage = (damage: Pick<DatabaseDamage, 'reason'> | null): Bilingual =>
  damage?.reason === 'log_key_missing' ? LOG_KEY_MISSING_MESSAGE : READ_ONLY_MESSAGE;

export const readOnlyRefusal = (damage: Pick<DatabaseDamage, 'reason'> | null = null) => new AppError('read_only', readOnlyMessage(damage));

/**
 * Opens a damaged database without any possibility to write to it (SQLite's read-only open flag;
 * it also never checkpoints a WAL into the file). Only the workstation's `settings` (who is the
 * active rater) get an in-memory TEMP copy that shadows the table, so choosing who you are still
 * works, e.g. to let a coordinator restore a backup; it is forgotten when the app closes.
 */
export function openDamagedDatabase(file: string, migrations: Migration[], nativeBinding?: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      // Not even the schema can be read (e.g. a destroyed header): there is nothing to show.
      const details = `Details: ${(error instanceof Error ? error.message : String(error)).slice(0, 300)}`;
      throw new AppError(
        'unavailable',
        msg(
          'De database van Afstemming is zo beschadigd dat hij niet te openen is. Afstemming heeft niets gewijzigd. ' +
            `Zet met de hand een back-up terug of neem contact op met de beheerder. ${details}`,
          'The Afstemming database is so badly damaged that it cannot be opened. Afstemming has changed nothing. ' +
            `Restore a backup by hand or contact your administrator. ${details}`,
        ),
      );
    }
    assertNotNewer(db, migrations);
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    db.exec('CREATE TEMP TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    try {
      db.exec('INSERT INTO temp.settings (key, value) SELECT key, value FROM main.settings');
    } catch {
      // The settings themselves are unreadable: start with nobody chosen.
    }
    // Signing in counts wrong PINs; in memory here, so the lockout still works while read-only.
    db.exec(`CREATE TEMP TABLE rater_secrets (rater_id INTEGER PRIMARY KEY, secret_hash TEXT NOT NULL, must_change INTEGER NOT NULL DEFAULT 0,
      failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until TEXT, changed_at TEXT NOT NULL)`);
    try {
      db.exec(`INSERT INTO temp.rater_secrets SELECT rater_id, secret_hash, must_change, failed_attempts, locked_until, changed_at FROM main.rater_secrets`);
    } catch {
      // No PINs readable (or a database from before PINs): profiles choose one, kept in memory.
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** What session.get reports; null when the database is writable. */
export function readOnlyState(services: Pick<BackendServices, 'readOnly' | 'library'>): ReadOnlyState | null {
  if (!services.readOnly) return null;
  const dataDir = dirname(services.library.root);
  return { ...services.readOnly, restoreStaged: existsSync(join(dataDir, PENDING_RESTORE_DIR, MANIFEST_FILE)) };
}
