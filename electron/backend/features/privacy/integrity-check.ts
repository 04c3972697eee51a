import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';

/**
 * `PRAGMA quick_check` before anything else touches the database (migrations, pragmas that
 * write). Returns the problems SQLite reports (empty when intact or when there is no database yet).
 *
 * The check opens the file read-only: a read-write connection would checkpoint a left-over WAL
 * into the (possibly damaged) main file when it closes. On failure create-backend opens the
 * database read-only and offers the restore; Afstemming never repairs, deletes or overwrites by
 * itself. A restore staged earlier is applied before this check, so restoring stays the way out.
 */
export function checkDatabaseIntegrity(file: string, nativeBinding?: string): string[] {
  if (!existsSync(file)) return [];
  let problems: string[];
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    problems = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((row) => row.quick_check).filter((text) => text !== 'ok');
  } catch (error) {
    problems = [error instanceof Error ? error.message : String(error)];
  } finally {
    db?.close();
  }
  return problems;
}
