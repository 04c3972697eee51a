import type { SessionLock } from './features/session/session-lock';
import type { JobQueue } from './features/media-jobs/job-queue';
import type { UploadStore } from './features/recordings/upload-store';
import type { MediaLibrary } from './media-library';
import type { DatabaseDamage } from './read-only';

/** Native things only a desktop shell has; the back end receives them at start-up (absent in browser mode). */
export interface BackendPorts {
  /** Shows the native "open video" dialog and returns the chosen absolute paths (empty when cancelled). */
  pickVideoFiles?: () => Promise<string[]>;
  /** Shows the native "choose folder" dialog (backups); null when cancelled. */
  pickFolder?: () => Promise<string | null>;
}

export interface BackendServices {
  library: MediaLibrary;
  jobs: JobQueue;
  uploads: UploadStore;
  ports: BackendPorts;
  /** Who is signed in right now (in memory only) and when the workstation locks itself. */
  session: SessionLock;
  /** Set when the start-up integrity check failed: the database is open read-only (see read-only.ts). */
  readOnly: DatabaseDamage | null;
}
