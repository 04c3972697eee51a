import type { Caregiver, PlayerMedia } from './entities';
import type { AnchorTexts, ScaleKey } from './scales';
import type { Activity, Moment } from './vocabulary';
import type { Stat } from '../stats/stat-result';

// What the scoring and rounds methods return. Other raters' values and rationales only ever
// appear in `MeetingItem.scores` and `OtherSheet`, which the back end fills through the blindness rule.

export type SheetStatus = 'draft' | 'submitted';
export type RoundKind = 'round' | 'meeting';
export type RevealRule = 'all_submitted' | 'coordinator';

export interface AnchorSet {
  scale: ScaleKey;
  /** Row id; a score stores it as the version that was on screen. */
  versionId: number;
  version: number;
  texts: AnchorTexts;
  createdAt: string;
  createdByName: string | null;
}

/** A recording as scoring needs it: who is in view and when it was made; never a name. */
export interface RecordingBrief {
  id: number;
  familyId: number;
  familyCode: string;
  activity: Activity;
  moment: Moment;
  recordedOn: string;
  durationMs: number;
  caregivers: Caregiver[];
  /** Tells two recordings of one visit apart in a meeting and its minutes: "OB-26-014 #42". */
  clipCode: string;
  masked: false;
}

/**
 * The same recording in a round that keeps raters blind to the measurement moment, until its
 * reveal: family, date and moment are left out and the clip code is a neutral "Clip B".
 */
export interface MaskedRecordingBrief extends Omit<RecordingBrief, 'familyId' | 'familyCode' | 'moment' | 'recordedOn' | 'masked'> {
  familyId: null;
  familyCode: null;
  moment: null;
  recordedOn: null;
  masked: true;
}

/** What a score card, a round agenda or "my scores" show of a recording. */
export type ShownRecording = RecordingBrief | MaskedRecordingBrief;

export interface ScoreEntry {
  caregiverId: number;
  scale: ScaleKey;
  value: number | null;
  rationale: string;
  /** The anchor-text version on screen when the value was chosen. */
  anchorVersionId: number | null;
  anchorVersion: number | null;
  updatedAt: string;
}

export interface SheetEvent {
  kind: 'submitted' | 'reopened';
  reason: string;
  at: string;
  raterName: string | null;
}

/** Where a rater can score a recording: a round they are assigned to, or practice (roundId null). */
export interface SheetOption {
  roundId: number | null;
  roundName: string | null;
  revealed: boolean;
  status: SheetStatus | 'none';
}

/** The current rater's own sheet for one recording in one context. */
export interface ScoreSheet {
  recording: ShownRecording;
  /** The clip beside the card at a workstation; null on a device in the intervisie (the clip plays on the projector). */
  player: PlayerMedia | null;
  roundId: number | null;
  roundName: string | null;
  /** False for practice: shown as "niet blind" everywhere. */
  blind: boolean;
  revealed: boolean;
  options: SheetOption[];
  status: SheetStatus | 'none';
  submittedAt: string | null;
  /** True when nothing may change: submitted, or the round has been revealed. */
  locked: boolean;
  /** Dutch reason when locked. */
  lockReason: string | null;
  scores: ScoreEntry[];
  anchors: AnchorSet[];
  history: SheetEvent[];
}

/** One of my sheets, for "my scores". */
export interface MySheetSummary {
  recording: ShownRecording;
  roundId: number | null;
  roundName: string | null;
  blind: boolean;
  status: SheetStatus;
  submittedAt: string | null;
  updatedAt: string;
  scores: { caregiverId: number; scale: ScaleKey; value: number | null }[];
}

/** Another rater's submitted sheet on a recording, only when the blindness rule allows it. */
export interface OtherSheet {
  raterId: number;
  raterName: string;
  roundId: number | null;
  roundName: string | null;
  blind: boolean;
  submittedAt: string;
  scores: { caregiverId: number; scale: ScaleKey; value: number | null; rationale: string; anchorVersion: number | null }[];
}

export interface RaterName {
  id: number;
  name: string;
  initials: string;
}

export interface RoundSummary {
  id: number;
  name: string;
  heldOn: string;
  kind: RoundKind;
  revealRule: RevealRule;
  revealedAt: string | null;
  recordingCount: number;
  raterCount: number;
  /** Submitted sheets of the round, out of raters × recordings. Counts only, never values. */
  submittedCount: number;
  expectedCount: number;
  /** Raters see neutral clip codes instead of family, date and moment until the reveal. */
  blindMoment: boolean;
  mine: { assigned: boolean; submitted: number; total: number };
}

export type RoundRecording = ShownRecording & {
  position: number;
  /** The round's neutral letter ("B") when it hides the moment: what the projector shows the room. */
  neutralCode: string | null;
  /** Names only: who has submitted this recording in the round, and who has not yet. */
  submittedBy: RaterName[];
  pending: RaterName[];
  myStatus: SheetStatus | 'none' | 'not_assigned';
};

export interface RoundDetail extends RoundSummary {
  notes: string;
  revealedByName: string | null;
  raters: RaterName[];
  recordings: RoundRecording[];
}

export interface MeetingScore {
  raterId: number;
  raterName: string;
  raterInitials: string;
  value: number;
  rationale: string;
  anchorVersion: number | null;
}

export interface MeetingItem {
  recordingId: number;
  activity: Activity;
  clipCode: string;
  familyCode: string;
  recordedOn: string;
  moment: Moment;
  caregiverId: number;
  caregiverLabel: string;
  scale: ScaleKey;
  scores: MeetingScore[];
  median: number | null;
  min: number | null;
  max: number | null;
  /** max − min; the meeting discusses the largest first. */
  spread: number | null;
  discussion: string;
  consensus: { value: number; at: string; byName: string | null; agreedBy: RaterName[] } | null;
}

export interface ScaleAgreement {
  scale: ScaleKey;
  /** Items (recording × caregiver) and raters the figures rest on. */
  itemCount: number;
  raterCount: number;
  /** ICC(2,1): two-way random, absolute agreement, single rater. */
  icc: Stat;
  /** Mean linear-weighted Cohen's kappa over the rater pairs that were computable; n = most items a pair shares. */
  kappaLinearMean: { value: number; pairs: number; n: number } | null;
  kappaNotComputable: string | null;
  alphaOrdinal: Stat;
  alphaInterval: Stat;
  percentExact: Stat;
  percentWithin1: Stat;
}

export interface Meeting {
  round: RoundDetail;
  revealed: boolean;
  /** Empty until the reveal; ordered by spread, largest first. */
  items: MeetingItem[];
  /** Per scale, from submitted blind scores of this round only (never practice, never consensus). */
  agreement: ScaleAgreement[];
  /**
   * Recordings whose other raters' scores stay hidden although this round is revealed, because the
   * recording is also in another round that is still blind.
   */
  hiddenRecordingIds: number[];
  /** The projector's player for every recording of the round (no family data in it). */
  media: PlayerMedia[];
}
