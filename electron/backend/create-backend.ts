import { mkdirSync } from 'node:fs';
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
import { advanceAnchor, bindLogChain } from './features/privacy/log-chain';
import { readLogKeyFile, recordedKeyId, resolveLogKey, type LogKey } from './features/privacy/log-key';
import { handlers } from './handlers';
import { MediaLibrary } from './media-library';
import { openDamagedDatabase, type DatabaseDamage } from './read-only';
import type { BackendPorts, BackendServices } from './services';
import { SessionRegistry } from './features/session/session-registry';
import { MeetingService } from './features/meeting-live/live-meeting';
import { appendAccess } from './features/access-log/access-log-repository';
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
  /** The intervisie on the network: its port (0 = any free one, for tests) and extra loopback addresses to offer (tests on one machine). */
  meeting?: { port?: number; extraAddresses?: string[]; maxDurationMs?: number };
}

export interface Backend {
  dispatch: Dispatch;
  events: EventHub;
  db: Db;
  dataDir: string;
  services: BackendServices;
  /** Streaming endpoints (upload, media with ranges) that both transports mount. */
  media: MediaTransport;
  /** Locks every window and tab of this computer (the screen locked, the lid closed); joined devices stay. */
  lockWorkstation(): void;
  /** A request a transport refused before any call (the meeting's listener): into the access log. */
  auditTransport(entry: { action: string; detail: string; address: string | null }): void;
  /** A transport's unexpected error: to the log file, never to the user. */
  reportInternalError(where: string, error: unknown): void;
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
  // The access log's key (log-key.ts): a database whose log is keyed opens read-only without its
  // own key, since no row could be added to its chain verifiably; nothing is created or replaced.
  mkdirSync(options.dataDir, { recursive: true });
  const logKey = problems.length ? null : resolveLogKey(options.dataDir, recordedKeyId(file, options.nativeBinding));
  const readOnly: DatabaseDamage | null = problems.length
    ? { reason: 'integrity_check_failed', detail: problems.join('; ').slice(0, 500), detectedAt: new Date().toISOString() }
    : logKey && !logKey.ok
      ? { reason: 'log_key_missing', detail: logKey.detail, detectedAt: new Date().toISOString() }
      : null;
  const db = readOnly ? openDamagedDatabase(file, migrations, options.nativeBinding) : openDatabase({ file, migrations, nativeBinding: options.nativeBinding });
  const events = new EventHub();
  const onInternalError = options.onInternalError ?? ((method: string, error: unknown) => console.error(`[afstemming] ${method} failed`, error));
  if (readOnly) onInternalError('startup', new Error(`database opened read-only (${readOnly.reason}): ${readOnly.detail}`));
  // A damaged database still has its log verified with the key that is there, without writing anything.
  const key = logKey?.ok ? logKey.key : readOnly?.reason === 'integrity_check_failed' ? keyIfReadable(options.dataDir) : null;
  if (key) bindLogChain(db, { key, dataDir: options.dataDir, writable: !readOnly, onError: (error) => onInternalError('access-log-anchor', error) });
  const library = new MediaLibrary(options.dataDir);
  if (!readOnly) {
    library.sweepTemp();
    startPrivacy(db, library, options.dataDir, restored, options.nativeBinding);
    sweepExportFiles(db, library);
  }
  const executors = { ...mediaJobExecutors({ db, library }), ...videoExportExecutors({ db, library }) };
  const jobs = new JobQueue(db, events, executors, 1, (error) => onInternalError('media-job', error));
  const sessions = new SessionRegistry({
    lockAfterMs: (options.lockAfterMinutes ?? DEFAULT_LOCK_AFTER_MINUTES) * 60_000,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.secretCost ? { secretCost: options.secretCost } : {}),
  });
  const meeting = new MeetingService({
    sessions,
    ...(options.ports?.openMeetingListener ? { openListener: options.ports.openMeetingListener } : {}),
    ...options.meeting,
    onAutoStop: (roundId, devicesEnded) => {
      appendAccess(db, { at: new Date().toISOString(), rater: null, familyId: null, action: 'meeting.stop', outcome: 'ok', detail: `ronde ${roundId}: tijd om; ${devicesEnded} apparaat/apparaten afgemeld` });
      events.publish('meeting.changed', { roundId });
    },
  });
  const services: BackendServices = {
    library,
    jobs,
    uploads: new UploadStore(library),
    ports: options.ports ?? {},
    readOnly,
    sessions,
    meeting,
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
    lockWorkstation: () => {
      for (const session of services.sessions.list((s) => s.scope.kind === 'workstation')) services.sessions.lock(session);
      events.publish('data.changed', { area: 'session' });
    },
    reportInternalError: onInternalError,
    auditTransport: ({ action, detail, address }) => {
      try {
        appendAccess(db, { at: new Date().toISOString(), rater: null, familyId: null, action, outcome: 'refused', detail, via: address ? `netwerk (${address})` : 'netwerk' });
      } catch (error) {
        onInternalError('audit', error);
      }
    },
    close: () => {
      // Nothing may keep listening on the network once the app is gone.
      void meeting.stop();
      jobs.stop();
      if (db.open) {
        // The anchor catches up with the last rows now rather than in a callback after the close.
        if (key && !readOnly) {
          try {
            advanceAnchor(db);
          } catch (error) {
            onInternalError('access-log-anchor', error);
          }
        }
        db.close();
      }
    },
  };
}

function keyIfReadable(dataDir: string): LogKey | null {
  const found = readLogKeyFile(dataDir);
  return found.state === 'ok' ? found.key : null;
}
