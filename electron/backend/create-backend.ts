import { join } from 'node:path';
import { loadMigrations } from './db/migrations';
import { openDatabase, type Db } from './db/open-database';
import { createDispatch, type Dispatch } from './dispatch';
import { EventHub } from './event-hub';
import { JobQueue } from './features/media-jobs/job-queue';
import { mediaJobExecutors } from './features/recordings/media-executors';
import { createMediaTransport, type MediaTransport } from './features/recordings/media-transport';
import { UploadStore } from './features/recordings/upload-store';
import { videoExportExecutors } from './features/video-exports/video-export-executors';
import { sweepExportFiles } from './features/video-exports/video-export-repository';
import { applyPendingRestore } from './features/privacy/backup';
import { checkDatabaseIntegrity } from './features/privacy/integrity-check';
import { startPrivacy } from './features/privacy/privacy-startup';
import { handlers } from './handlers';
import { MediaLibrary } from './media-library';
import { openDamagedDatabase, type DatabaseDamage } from './read-only';
import type { BackendPorts, BackendServices } from './services';
import { SessionLock } from './features/session/session-lock';
import { DEFAULT_LOCK_AFTER_MINUTES } from '../../shared/domain/pin-rules';

export interface BackendOptions {
  /** The folder that holds the database and the media library. */
  dataDir: string;
  migrationsDir: string;
  appVersion: string;
  /** better-sqlite3 binary for Electron's ABI; omitted under plain Node. */
  nativeBinding?: string;
  /** Native dialogs etc. from the desktop shell; absent in browser mode. */
  ports?: BackendPorts;
  /** Start the media job queue (default true); tests of pure data may leave it off. */
  runJobs?: boolean;
  onInternalError?: (method: string, error: unknown) => void;
  /** Minutes without activity before the workstation locks (default DEFAULT_LOCK_AFTER_MINUTES). */
  lockAfterMinutes?: number;
  /** Tests only: a clock to let time pass, and a cheaper PIN hash cost (log2 N) to stay fast. */
  clock?: () => number;
  secretCost?: number;
}

export interface Backend {
  dispatch: Dispatch;
  events: EventHub;
  db: Db;
  dataDir: string;
  services: BackendServices;
  /** Streaming endpoints (upload, media with ranges) that both transports mount. */
  media: MediaTransport;
  close(): void;
}

export const DATABASE_FILE = 'afstemming.sqlite';

/**
 * Builds the whole back end from plain options; the Electron shell and the web host only add a transport.
 * When the start-up integrity check fails the back end starts read-only (read-only.ts): no
 * migrations, no start-up writes or sweeps, no job queue; dispatch refuses every change.
 */
export function createBackend(options: BackendOptions): Backend {
  const migrations = loadMigrations(options.migrationsDir);
  // A restore staged by backup.restore is swapped in before the database is opened; what it
  // replaces (also a damaged database) is moved aside to before-restore-<time>/, never deleted.
  const restored = applyPendingRestore(options.dataDir);
  const file = join(options.dataDir, DATABASE_FILE);
  const problems = checkDatabaseIntegrity(file, options.nativeBinding);
  const readOnly: DatabaseDamage | null = problems.length
    ? { reason: 'integrity_check_failed', detail: problems.join('; ').slice(0, 500), detectedAt: new Date().toISOString() }
    : null;
  const db = readOnly ? openDamagedDatabase(file, migrations, options.nativeBinding) : openDatabase({ file, migrations, nativeBinding: options.nativeBinding });
  const events = new EventHub();
  const onInternalError = options.onInternalError ?? ((method: string, error: unknown) => console.error(`[afstemming] ${method} failed`, error));
  if (readOnly) onInternalError('startup', new Error(`database damaged, opened read-only: ${readOnly.detail}`));
  const library = new MediaLibrary(options.dataDir);
  if (!readOnly) {
    library.sweepTemp();
    startPrivacy(db, library, options.dataDir, restored, options.nativeBinding);
    sweepExportFiles(db, library);
  }
  const executors = { ...mediaJobExecutors({ db, library }), ...videoExportExecutors({ db, library }) };
  const jobs = new JobQueue(db, events, executors, 1, (error) => onInternalError('media-job', error));
  const services: BackendServices = {
    library,
    jobs,
    uploads: new UploadStore(library),
    ports: options.ports ?? {},
    readOnly,
    session: new SessionLock({
      lockAfterMs: (options.lockAfterMinutes ?? DEFAULT_LOCK_AFTER_MINUTES) * 60_000,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.secretCost ? { secretCost: options.secretCost } : {}),
    }),
  };
  const dispatch = createDispatch({ db, events, handlers, appVersion: options.appVersion, services, onInternalError });
  // Read-only: the queue is never started (it would requeue and run jobs, i.e. write).
  if (options.runJobs !== false && !readOnly) jobs.start();
  return {
    dispatch,
    events,
    db,
    dataDir: options.dataDir,
    services,
    media: createMediaTransport(db, services),
    close: () => {
      jobs.stop();
      if (db.open) db.close();
    },
  };
}
