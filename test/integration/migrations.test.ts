import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, schemaVersionOf } from '../../electron/backend/db/migrations';
import { openDatabase } from '../../electron/backend/db/open-database';
import { MIGRATIONS_DIR, tempDir } from './support/temp-backend';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

function scratch() {
  const dir = tempDir();
  cleanups.push(dir.remove);
  return dir.path;
}

/** A migrations folder with the real migrations plus extra test migrations appended. */
function migrationsWith(extra: Record<string, string>): string {
  const dir = scratch();
  for (const file of readdirSync(MIGRATIONS_DIR)) copyFileSync(join(MIGRATIONS_DIR, file), join(dir, file));
  for (const [file, sql] of Object.entries(extra)) writeFileSync(join(dir, file), sql);
  return dir;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const real = loadMigrations(MIGRATIONS_DIR);
const nextNumber = String(real.length + 1).padStart(4, '0');

describe('migrations', () => {
  it('creates a fresh database at the newest version with the durability settings', () => {
    const file = join(scratch(), 'a.sqlite');
    const db = openDatabase({ file, migrations: real });
    expect(schemaVersionOf(db)).toBe(real.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const applied = db.prepare('SELECT version, sha256 FROM schema_migrations ORDER BY version').all();
    expect(applied).toEqual(real.map((m) => ({ version: m.version, sha256: m.sha256 })));
    db.close();
  });

  it('upgrades every older version N-1 → N keeping its data', () => {
    const dir = migrationsWith({
      [`${nextNumber}_test_add_column.sql`]: `ALTER TABLE families ADD COLUMN test_flag INTEGER NOT NULL DEFAULT 7;`,
    });
    const all = loadMigrations(dir);
    for (let version = 1; version < all.length; version += 1) {
      const file = join(scratch(), `v${version}.sqlite`);
      const old = new Database(file);
      migrate(old, all.slice(0, version));
      old.prepare(`INSERT INTO raters (name, initials, role, created_at) VALUES ('A', 'A', 'coordinator', 'x')`).run();
      old.prepare(
        `INSERT INTO families (code, baby_birth_month, referral_date, phase, created_at, updated_at) VALUES ('OB-1', '2026-01', '2026-02-01', 'aanmelding', 'x', 'x')`,
      ).run();
      old.close();

      const db = openDatabase({ file, migrations: all });
      expect(schemaVersionOf(db)).toBe(all.length);
      expect(db.prepare('SELECT code, test_flag FROM families').all()).toEqual([{ code: 'OB-1', test_flag: 7 }]);
      expect(db.prepare('SELECT count(*) AS n FROM raters').get()).toEqual({ n: 1 });
      db.close();
    }
  });

  it('a failing migration leaves the database as it was', () => {
    const file = join(scratch(), 'b.sqlite');
    openDatabase({ file, migrations: real }).close();
    const dir = migrationsWith({
      [`${nextNumber}_test_broken.sql`]: `CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);`,
    });
    expect(() => openDatabase({ file, migrations: loadMigrations(dir) })).toThrow();
    const db = new Database(file, { readonly: true });
    expect(schemaVersionOf(db)).toBe(real.length);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'half_done'`).get()).toBeUndefined();
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: real.length });
    db.close();
  });

  it('refuses a database from a newer version without touching the file', () => {
    const file = join(scratch(), 'c.sqlite');
    const db = openDatabase({ file, migrations: real });
    db.pragma(`user_version = ${real.length + 5}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = sha(file);
    expect(() => openDatabase({ file, migrations: real })).toThrow(/nieuwere versie van Afstemming/);
    expect(sha(file)).toBe(before);
  });

  it('refuses to run when an applied migration was edited afterwards', () => {
    const dir = migrationsWith({});
    const file = join(scratch(), 'd.sqlite');
    openDatabase({ file, migrations: loadMigrations(dir) }).close();
    const first = readdirSync(dir).sort()[0]!;
    writeFileSync(join(dir, first), `${readFileSync(join(dir, first), 'utf8')}\n-- edited\n`);
    expect(() => openDatabase({ file, migrations: loadMigrations(dir) })).toThrow(/is gewijzigd/);
  });

  it('lets an upsert run twice on tables that trigger bookkeeping (no OR IGNORE inside triggers)', () => {
    const file = join(scratch(), 'e.sqlite');
    const db = openDatabase({ file, migrations: real });
    const upsert = db.prepare(
      `INSERT INTO families (code, baby_birth_month, referral_date, phase, notes, created_at, updated_at)
       VALUES ('OB-1', '2026-01', '2026-02-01', 'aanmelding', ?, 'x', 'x')
       ON CONFLICT (code) DO UPDATE SET notes = excluded.notes`,
    );
    upsert.run('een');
    expect(() => upsert.run('twee')).not.toThrow();
    expect(db.prepare('SELECT notes FROM families').get()).toEqual({ notes: 'twee' });
    db.close();
  });

  it('refuses gaps in migration numbers', () => {
    const dir = migrationsWith({ '0042_gap.sql': 'SELECT 1;' });
    expect(() => loadMigrations(dir)).toThrow(/without gaps/);
  });
});

describe('migration 11 (the family dossier)', () => {
  it('gives a family already past aanmelding a start for its phase: its first visit in that phase, else the aanmelding', () => {
    const file = join(scratch(), 'v10.sqlite');
    const old = new Database(file);
    migrate(old, real.slice(0, 10));
    const family = old.prepare(
      `INSERT INTO families (code, baby_birth_month, referral_date, phase, created_at, updated_at) VALUES (?, '2026-01', '2026-02-01', ?, 'x', 'x')`,
    );
    const withVisit = Number(family.run('OB-1', 'begeleiding').lastInsertRowid);
    const withoutVisit = Number(family.run('OB-2', 'evaluatie').lastInsertRowid);
    family.run('OB-3', 'aanmelding');
    const visit = old.prepare(`INSERT INTO visits (family_id, date, phase) VALUES (?, ?, ?)`);
    visit.run(withVisit, '2026-03-20', 'begeleiding');
    visit.run(withVisit, '2026-03-10', 'begeleiding');
    visit.run(withVisit, '2026-02-20', 'introductie');
    old.close();

    const db = openDatabase({ file, migrations: real });
    expect(db.prepare('SELECT family_id, phase, started_on FROM family_phases ORDER BY family_id').all()).toEqual([
      { family_id: withVisit, phase: 'begeleiding', started_on: '2026-03-10' },
      { family_id: withoutVisit, phase: 'evaluatie', started_on: '2026-02-01' },
    ]);
    db.close();
  });
});
