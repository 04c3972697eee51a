import type { Db } from '../../db/open-database';

export interface RaterSecret {
  raterId: number;
  secretHash: string;
  mustChange: boolean;
  failedAttempts: number;
  lockedUntil: string | null;
}

interface SecretRow {
  rater_id: number;
  secret_hash: string;
  must_change: number;
  failed_attempts: number;
  locked_until: string | null;
}

export function findSecret(db: Db, raterId: number): RaterSecret | null {
  const row = db
    .prepare('SELECT rater_id, secret_hash, must_change, failed_attempts, locked_until FROM rater_secrets WHERE rater_id = ?')
    .get(raterId) as SecretRow | undefined;
  return row
    ? {
        raterId: row.rater_id,
        secretHash: row.secret_hash,
        mustChange: row.must_change === 1,
        failedAttempts: row.failed_attempts,
        lockedUntil: row.locked_until,
      }
    : null;
}

/** Sets a new secret and clears any lockout: used for a first PIN, a change, and a coordinator's reset. */
export function storeSecret(db: Db, raterId: number, secretHash: string, mustChange: boolean, now: string): void {
  db.prepare(
    `INSERT INTO rater_secrets (rater_id, secret_hash, must_change, failed_attempts, locked_until, changed_at)
     VALUES (?, ?, ?, 0, NULL, ?)
     ON CONFLICT (rater_id) DO UPDATE SET secret_hash = excluded.secret_hash, must_change = excluded.must_change,
       failed_attempts = 0, locked_until = NULL, changed_at = excluded.changed_at`,
  ).run(raterId, secretHash, mustChange ? 1 : 0, now);
}

export function recordFailure(db: Db, raterId: number, lockedUntil: string | null): void {
  db.prepare('UPDATE rater_secrets SET failed_attempts = failed_attempts + 1, locked_until = ? WHERE rater_id = ?').run(
    lockedUntil,
    raterId,
  );
}

export function recordSuccess(db: Db, raterId: number): void {
  db.prepare('UPDATE rater_secrets SET failed_attempts = 0, locked_until = NULL WHERE rater_id = ?').run(raterId);
}

export function requireNewSecret(db: Db, raterId: number): void {
  db.prepare('UPDATE rater_secrets SET must_change = 1 WHERE rater_id = ?').run(raterId);
}

export function secretStates(db: Db): Map<number, { hasSecret: boolean; mustChange: boolean }> {
  const rows = db.prepare('SELECT rater_id, must_change FROM rater_secrets').all() as { rater_id: number; must_change: number }[];
  return new Map(rows.map((row) => [row.rater_id, { hasSecret: true, mustChange: row.must_change === 1 }]));
}
