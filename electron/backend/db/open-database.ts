import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertNotNewer, migrate, type Migration } from './migrations';

export interface OpenDatabaseOptions {
  file: string;
  migrations: Migration[];
  /** Path to a better-sqlite3 binary built for another ABI (Electron); Node's own build otherwise. */
  nativeBinding?: string;
}

export type Db = Database.Database;

/**
 * Opens (or creates) the app's database with the durability settings the product promises:
 * a confirmed change survives a killed process or a power cut.
 */
export function openDatabase({ file, migrations, nativeBinding }: OpenDatabaseOptions): Db {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    // Check the version before any pragma that writes (journal_mode rewrites the header).
    assertNotNewer(db, migrations);
    db.pragma('journal_mode = WAL');
    // better-sqlite3 defaults WAL databases to NORMAL, which can lose the last commits on power loss.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Deleted rows are overwritten with zeros, so an erased family cannot be read back from free pages (AVG art. 17).
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
