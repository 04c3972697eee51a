import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/open-database';
import { appendAccess, importReadOnlyAccessLog } from '../access-log/access-log-repository';
import { DATABASE_FILE_NAME, type AppliedRestore } from './backup';
import type { MediaLibrary } from '../../media-library';
import { advanceAnchor, chainRow, logKeyOf } from './log-chain';
import { completeKeying } from './log-keying';
import { familyCodeRef } from './log-key';
import { codeRefOf, pseudonymiseErasureRegister, readErasureRegister } from './erasure-register';
import { checkpointAfterErasure, eraseFamilyRows, removeErasedFiles } from './erasure-repository';

/**
 * Applies every erasure of the register (erasures.jsonl, outside the database) whose family is
 * back, e.g. after restoring a backup made before the erasure. A family counts as "the erased one"
 * only with the same id and keyed code and created no later than the erasure, so a new family
 * that reuses the code is left alone.
 */
export function reapplyErasures(db: Db, library: MediaLibrary, dataDir: string): string[] {
  const reapplied: string[] = [];
  const key = logKeyOf(db);
  const find = db.prepare('SELECT code FROM families WHERE id = ? AND created_at <= ?');
  for (const record of readErasureRegister(dataDir)) {
    const family = find.get(record.familyId, record.erasedAt) as { code: string } | undefined;
    if (!family || familyCodeRef(key, family.code) !== codeRefOf(key, record)) continue;
    const plan = db.transaction(() => eraseFamilyRows(db, library, { familyId: record.familyId, at: new Date().toISOString(), actor: null, reason: 'opnieuw toegepast na terugzetten' })).immediate();
    if (plan) {
      removeErasedFiles(plan);
      reapplied.push(plan.familyCodeRef);
    }
  }
  if (reapplied.length) checkpointAfterErasure(db);
  return reapplied;
}

/**
 * After a restore, the access-log rows written after the backup exist only in the replaced
 * database. NEN 7513 wants them kept, so they are appended again (same content, new ids, chained),
 * followed by one row that records the restore.
 */
export function carryOverAccessLog(db: Db, restored: AppliedRestore, nativeBinding?: string): number {
  const oldFile = join(restored.asideDir, DATABASE_FILE_NAME);
  let carried = 0;
  let unreadable = '';
  if (existsSync(oldFile)) {
    let old: Database.Database | null = null;
    try {
      // Read-only: the replaced database may be the damaged one, kept aside exactly as it was.
      old = new Database(oldFile, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
      const from = (db.prepare('SELECT ifnull(max(id), 0) AS id FROM access_log').get() as { id: number }).id;
      const rows = old
        .prepare('SELECT at, rater_id, rater_name, rater_role, family_id, family_code, action, outcome, detail FROM access_log WHERE id > ? ORDER BY id')
        .all(from) as Record<string, unknown>[];
      const insert = db.prepare(
        `INSERT INTO access_log (at, rater_id, rater_name, rater_role, family_id, family_code, action, outcome, detail)
         VALUES (@at, @rater_id, @rater_name, @rater_role, @family_id, @family_code, @action, @outcome, @detail)`,
      );
      db.transaction(() => {
        for (const row of rows) chainRow(db, Number(insert.run(row).lastInsertRowid));
      }).immediate();
      carried = rows.length;
    } catch (error) {
      // A damaged database may not give its log back; the restore itself must not fail on that.
      unreadable = `; de logregels van de vervangen database waren niet leesbaar (${(error instanceof Error ? error.message : String(error)).slice(0, 200)})`;
    } finally {
      old?.close();
    }
  }
  appendAccess(db, {
    at: new Date().toISOString(),
    rater: null,
    familyId: null,
    action: 'backup.restored',
    outcome: 'ok',
    detail: `back-up van ${restored.restoredFrom} teruggezet; ${carried} logregels van na de back-up overgenomen${unreadable}`,
  });
  return carried;
}

/**
 * Start-up work of the privacy feature, after the database is open and migrated and the log key
 * is bound (never while it is read-only). The anchor is moved on at the end: after a crash it may
 * trail the head by the last commit, and it only moves from a point that is still on the chain.
 */
export function startPrivacy(db: Db, library: MediaLibrary, dataDir: string, restored: AppliedRestore | null = null, nativeBinding?: string): void {
  pseudonymiseErasureRegister(dataDir, logKeyOf(db));
  // The old unkeyed hashes and clear codes it replaced must not linger in the WAL either.
  if (completeKeying(db, dataDir)) checkpointAfterErasure(db);
  if (restored) carryOverAccessLog(db, restored, nativeBinding);
  importReadOnlyAccessLog(db, dataDir);
  reapplyErasures(db, library, dataDir);
  advanceAnchor(db);
}
