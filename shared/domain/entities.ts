import type { CaregiverRole, FamilyPhase, RaterRole, VisitPhase } from './vocabulary';

export interface Rater {
  id: number;
  name: string;
  initials: string;
  role: RaterRole;
  active: boolean;
}

export interface Caregiver {
  id: number;
  familyId: number;
  role: CaregiverRole;
  /** A short label such as "moeder (M.)"; never needs a full name. */
  label: string;
}

export interface Visit {
  id: number;
  familyId: number;
  /** ISO date YYYY-MM-DD */
  date: string;
  phase: VisitPhase;
  notes: string;
}

export interface FamilySummary {
  id: number;
  code: string;
  phase: FamilyPhase;
  /** YYYY-MM-DD the current phase started (the dossier's phase history); null when not known. */
  phaseSince: string | null;
  /** YYYY-MM */
  babyBirthMonth: string;
  /** YYYY-MM-DD */
  referralDate: string;
  caregiverCount: number;
  visitCount: number;
  updatedAt: string;
}

export interface Family extends FamilySummary {
  notes: string;
  caregivers: Caregiver[];
  visits: Visit[];
  createdAt: string;
}

export type AccessOutcome = 'ok' | 'refused' | 'error';

export interface AccessLogEntry {
  id: number;
  /** UTC, ISO 8601 */
  at: string;
  raterId: number | null;
  raterName: string | null;
  raterRole: RaterRole | null;
  familyId: number | null;
  familyCode: string | null;
  action: string;
  outcome: AccessOutcome;
  detail: string;
}

/** A rater as the sign-in list shows them: whether they already chose a PIN. */
export interface RaterProfile extends Rater {
  hasPin: boolean;
}

export interface SessionInfo {
  /** The rater signed in on this workstation, or null when nobody is or the workstation is locked. */
  rater: Rater | null;
  /** The profile last used here while the workstation is locked: the lock screen asks for its PIN. */
  lockedProfile: Rater | null;
  /** The signed-in rater must first replace a start PIN (or choose a coordinator password). */
  mustChangePin: boolean;
  /** The workstation locks itself after this many minutes without activity. */
  lockAfterMinutes: number;
  /** True when the database has no raters yet, so the UI starts with "create the first rater". */
  needsFirstRater: boolean;
  appVersion: string;
  schemaVersion: number;
  /**
   * Set when the start-up integrity check failed and the database is open read-only: reads work,
   * every change is refused (error code 'read_only') until a backup is restored; null = writable.
   */
  readOnly: ReadOnlyState | null;
  /**
   * Set on a phone or laptop that reached the intervisie over the network: it is not a workstation
   * (no library, no other families), only this meeting's score card. Null on this computer's windows.
   */
  meeting: { roundId: number; roundName: string; state: 'guest' | 'waiting' | 'admitted' | 'locked' } | null;
}

/** Why the database is open read-only; see SessionInfo.readOnly. */
export interface ReadOnlyState {
  /**
   * integrity_check_failed: the start-up integrity check found damage. log_key_missing: the access
   * log is keyed but its key file (access-log.key) is missing or not this log's, so no row could be
   * added to it verifiably.
   */
  reason: 'integrity_check_failed' | 'log_key_missing';
  /** What SQLite reported (English, technical; for the administrator). */
  detail: string;
  /** When the start-up check found the damage (ISO). */
  detectedAt: string;
  /** A verified backup has been staged (backup.restore); it replaces the database at the next start. */
  restoreStaged: boolean;
}

/**
 * Where each thumbnail is: tile i shows time i × intervalS, on sheet floor(i / (columns × rows)),
 * at cell c = i mod (columns × rows), top-left corner ((c mod columns) × tileWidth,
 * floor(c / columns) × tileHeight). Cells after `count` are black.
 */
export interface SpriteLayout {
  /** Seconds between two thumbnails. */
  intervalS: number;
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
  count: number;
  /** Number of sheet images (one URL each: /media/<id>/sprite/<n>). */
  sheets: number;
}

export interface MediaJob {
  id: number;
  kind: string;
  status: import('./vocabulary').JobStatus;
  /** 0–1 */
  progress: number;
  etaMs: number | null;
  /** Dutch reason when failed or cancelled. */
  error: string | null;
  /** Running, but suspended while another recording is made playable; it goes on by itself. */
  paused: boolean;
  /** The family's code in answers (which are logged); always null in `jobs.changed` events. */
  familyCode: string | null;
  recordingIds: number[];
  createdAt: string;
  updatedAt: string;
}

export interface RecordingSummary {
  id: number;
  familyId: number;
  familyCode: string;
  visitId: number;
  visitDate: string;
  /**
   * The file name the recording was imported under, for coordinators only (null for everyone
   * else): a phone's name for a file may contain a family's name. Bidi controls removed.
   */
  originalName: string | null;
  activity: import('./vocabulary').Activity;
  moment: import('./vocabulary').Moment;
  recordedOn: string;
  caregivers: Caregiver[];
  playbackPlan: import('./vocabulary').PlaybackPlanKind;
  /** Dutch explanation of the playback decision, shown to the user. */
  planReason: string;
  durationMs: number;
  fpsNum: number;
  fpsDen: number;
  width: number;
  height: number;
  /** True as soon as something Chromium can play exists (the original or a finished remux/proxy). */
  playable: boolean;
  /** Changes when a better playable version replaces the current one, so players reload. */
  mediaVersion: string;
  activeJobs: MediaJob[];
}

/**
 * What a player needs of a recording, and nothing about the family: the score card beside the
 * player and the projector use it where date and moment may be hidden (a round blind to the moment).
 */
export interface PlayerMedia {
  recordingId: number;
  playable: boolean;
  /** Changes when a better playable version replaces the current one, so players reload. */
  mediaVersion: string;
  durationMs: number;
  fpsNum: number;
  fpsDen: number;
  width: number;
  height: number;
  sprite: SpriteLayout | null;
  hasPeaks: boolean;
}

export interface Recording extends RecordingSummary {
  notes: string;
  sprite: SpriteLayout | null;
  hasPeaks: boolean;
  /** Where the current rater stopped watching. */
  positionMs: number;
  jobs: MediaJob[];
}
