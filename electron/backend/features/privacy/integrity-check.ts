import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { AppError } from '../../../../shared/api/envelope';

/**
 * `PRAGMA quick_check` before anything else touches the database (migrations, pragmas that
 * write). On failure Afstemming refuses to start with a Dutch message and changes nothing: it
 * never repairs, deletes or overwrites by itself. A restore staged earlier is applied before this
 * check, so restoring a backup remains the way out.
 */
export function assertDatabaseIntact(file: string, nativeBinding?: string): void {
  if (!existsSync(file)) return;
  let problems: string[];
  const db = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    problems = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((row) => row.quick_check).filter((text) => text !== 'ok');
  } catch (error) {
    problems = [error instanceof Error ? error.message : String(error)];
  } finally {
    db.close();
  }
  if (problems.length > 0) {
    throw new AppError(
      'unavailable',
      'De database van Afstemming is beschadigd (de integriteitscontrole bij het starten is mislukt). ' +
        'Afstemming opent hem niet en heeft niets gewijzigd. Zet een back-up terug of neem contact op met de beheerder. ' +
        `Details: ${problems.join('; ').slice(0, 300)}`,
    );
  }
}
