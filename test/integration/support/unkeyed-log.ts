import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMigrations } from '../../../electron/backend/db/migrations';
import { openDatabase, type Db } from '../../../electron/backend/db/open-database';
import { MIGRATIONS_DIR } from './temp-backend';

/** The unkeyed chain as the app wrote it from migration 0007 until 0010: sha256(prev + "\n" + row as JSON array). */
export function legacyLink(db: Db, logId: number): void {
  const row = db.prepare('SELECT id, at, rater_id, rater_name, rater_role, family_id, family_code, action, outcome, detail FROM access_log WHERE id = ?').get(logId) as Record<string, unknown>;
  const prev = (db.prepare('SELECT hash FROM access_log_chain ORDER BY log_id DESC LIMIT 1').get() as { hash: string } | undefined)?.hash ?? '0'.repeat(64);
  const canonical = JSON.stringify([row.id, row.at, row.rater_id, row.rater_name, row.rater_role, row.family_id, row.family_code, row.action, row.outcome, row.detail]);
  const hash = createHash('sha256').update(prev).update('\n').update(canonical).digest('hex');
  db.prepare('INSERT INTO access_log_chain (log_id, prev_hash, hash) VALUES (?, ?, ?)').run(logId, prev, hash);
}

export const LIVING_CODE = 'OB-25-101';
export const ERASED_CODE = 'OB-25-102';

/**
 * A data folder as an app from before migration 0010 left it (schema `version`, default 9): a
 * living family, a family erased for good whose code is in clear in the access log, the erasures
 * table and erasures.jsonl, and (from schema 7) the unkeyed hash chain over every row.
 */
export function makeUnkeyedDataDir(dataDir: string, version = 9): { logRows: number } {
  const migrations = loadMigrations(MIGRATIONS_DIR).slice(0, version);
  const db = openDatabase({ file: join(dataDir, 'afstemming.sqlite'), migrations });
  const chained = version >= 7;
  db.prepare(`INSERT INTO families (id, code, baby_birth_month, referral_date, phase, created_at, updated_at) VALUES (1, ?, '2025-01', '2025-02-01', 'aanmelding', '2025-02-01T09:00:00.000Z', '2025-02-01T09:00:00.000Z')`).run(LIVING_CODE);
  const log = (at: string, familyId: number | null, code: string | null, action: string, detail: string) => {
    const id = Number(
      db
        .prepare(`INSERT INTO access_log (at, rater_id, rater_name, rater_role, family_id, family_code, action, outcome, detail) VALUES (?, 1, 'Oude Coördinator', 'coordinator', ?, ?, ?, 'ok', ?)`)
        .run(at, familyId, code, action, detail).lastInsertRowid,
    );
    if (chained) legacyLink(db, id);
  };
  log('2025-02-01T09:00:00.000Z', 1, LIVING_CODE, 'family.create', `code ${LIVING_CODE}; 1 ouder(s)`);
  log('2025-02-02T09:00:00.000Z', 2, ERASED_CODE, 'family.create', `code ${ERASED_CODE}; 1 ouder(s)`);
  log('2025-02-03T09:00:00.000Z', 2, ERASED_CODE, 'family.read', '');
  log('2025-02-04T09:00:00.000Z', 1, LIVING_CODE, 'family.read', '');
  log('2025-02-05T09:00:00.000Z', 2, ERASED_CODE, 'family.erase', `gezin ${ERASED_CODE} definitief verwijderd`);
  log('2025-02-06T09:00:00.000Z', null, null, 'backup.create', '3 bestanden, 1000 bytes');
  if (version >= 7) {
    db.prepare(`INSERT INTO erasures (family_id, family_code, erased_at, erased_by) VALUES (2, ?, '2025-02-05T09:00:00.000Z', 1)`).run(ERASED_CODE);
    writeFileSync(join(dataDir, 'erasures.jsonl'), `${JSON.stringify({ familyId: 2, familyCode: ERASED_CODE, erasedAt: '2025-02-05T09:00:00.000Z' })}\n`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { logRows: 6 };
}
