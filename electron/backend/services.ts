import type { MeetingService, OpenMeetingListener } from './features/meeting-live/live-meeting';
import type { SessionRegistry } from './features/session/session-registry';
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
  /** Opens the meeting's HTTPS listener on one LAN address (electron/web/lan-host.ts); absent where nothing may listen. */
  openMeetingListener?: OpenMeetingListener;
}

export interface BackendServices {
  library: MediaLibrary;
  jobs: JobQueue;
  uploads: UploadStore;
  ports: BackendPorts;
  /** Every caller's session (in memory only): who is signed in where, and when each locks itself. */
  sessions: SessionRegistry;
  /** The intervisie offered on the room's network, if one runs (in memory only). */
  meeting: MeetingService;
  /** Set when the start-up integrity check failed: the database is open read-only (see read-only.ts). */
  readOnly: DatabaseDamage | null;
}
