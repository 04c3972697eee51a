import { join } from 'node:path';
import { loadMigrations } from './db/migrations';
import { openDatabase, type Db } from './db/open-database';
import { createDispatch, type Dispatch } from './dispatch';
import { EventHub } from './event-hub';
import { handlers } from './handlers';

export interface BackendOptions {
  /** The folder that holds the database and (later) the media library. */
  dataDir: string;
  migrationsDir: string;
  appVersion: string;
  /** better-sqlite3 binary for Electron's ABI; omitted under plain Node. */
  nativeBinding?: string;
  onInternalError?: (method: string, error: unknown) => void;
}

export interface Backend {
  dispatch: Dispatch;
  events: EventHub;
  db: Db;
  dataDir: string;
  close(): void;
}

export const DATABASE_FILE = 'afstemming.sqlite';

/** Builds the whole back end from plain options; the Electron shell and the web host only add a transport. */
export function createBackend(options: BackendOptions): Backend {
  const migrations = loadMigrations(options.migrationsDir);
  const db = openDatabase({ file: join(options.dataDir, DATABASE_FILE), migrations, nativeBinding: options.nativeBinding });
  const events = new EventHub();
  const dispatch = createDispatch({
    db,
    events,
    handlers,
    appVersion: options.appVersion,
    onInternalError: options.onInternalError ?? ((method, error) => console.error(`[afstemming] ${method} failed`, error)),
  });
  return {
    dispatch,
    events,
    db,
    dataDir: options.dataDir,
    close: () => {
      if (db.open) db.close();
    },
  };
}
