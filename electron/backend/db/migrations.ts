import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { AppError, msg } from '../../../shared/api/envelope';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  sha256: string;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads `NNNN_name.sql` files; versions must run 1, 2, 3… without gaps so order is never ambiguous. */
export function loadMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new Error(`Migration file name must look like 0001_name.sql: ${file}`);
      const sql = readFileSync(join(dir, file), 'utf8');
      return {
        version: Number(match[1]),
        name: match[2]!,
        sql,
        sha256: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 1..n without gaps; found ${migration.version} at position ${index + 1}`);
    }
  });
  return migrations;
}

export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Refuses a database made by a newer app before anything is written to it, so the user can
 * still open it with the newer version.
 */
export function assertNotNewer(db: Database.Database, migrations: Migration[]): void {
  const current = schemaVersionOf(db);
  if (current > migrations.length) {
    throw new AppError(
      'unavailable',
      msg(
        `Deze database is gemaakt door een nieuwere versie van Afstemming (schema ${current}; deze versie kent t/m ${migrations.length}). ` +
          'Werk Afstemming bij om hem te openen. De database is niet gewijzigd.',
        `This database was made by a newer version of Afstemming (schema ${current}; this version knows up to ${migrations.length}). ` +
          'Update Afstemming to open it. The database has not been changed.',
      ),
    );
  }
}

/**
 * Applies pending migrations, each in one transaction together with `user_version` and its hash,
 * and refuses to run when an already applied migration file has been edited since.
 */
export function migrate(db: Database.Database, migrations: Migration[]): { from: number; to: number } {
  assertNotNewer(db, migrations);
  const from = schemaVersionOf(db);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)`);

  const applied = db.prepare('SELECT version, name, sha256 FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    sha256: string;
  }[];
  for (const row of applied) {
    const known = migrations[row.version - 1];
    if (!known || known.sha256 !== row.sha256) {
      throw new AppError(
        'unavailable',
        msg(
          `Migratie ${String(row.version).padStart(4, '0')}_${row.name} is gewijzigd nadat hij op deze database is toegepast. ` +
            'Afstemming opent de database niet; neem contact op met de beheerder. De database is niet gewijzigd.',
          `Migration ${String(row.version).padStart(4, '0')}_${row.name} was changed after it was applied to this database. ` +
            'Afstemming does not open the database; contact your administrator. The database has not been changed.',
        ),
      );
    }
  }

  const record = db.prepare('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)');
  for (const migration of migrations.slice(from)) {
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, migration.sha256, new Date().toISOString());
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { from, to: schemaVersionOf(db) };
}
