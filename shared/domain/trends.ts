import type { ScaleKey } from './scales';
import type { Stat } from '../stats/stat-result';
import type { Activity, CaregiverRole, FamilyPhase, Moment, VisitPhase } from './vocabulary';

// What the coordinator's trend view, team overview and exports return.
//
// Which scores count (the same rule everywhere, so screen, PDF and spreadsheet agree):
// only SUBMITTED scores, and only where nobody's independence is at stake — blind scores of
// rounds that have been revealed, plus (in the spreadsheet exports only, marked blind = "nee")
// practice scores. A recording that sits in any round that is still blind is left out entirely,
// consensus included, until that round is revealed.

/** The three measurement moments, in time order; `geen` recordings are shown but never compared. */
export const MEASUREMENT_MOMENTS = ['voormeting', 'nameting', 'follow-up'] as const;
export type MeasurementMoment = (typeof MEASUREMENT_MOMENTS)[number];

/** Filters shared by the trend view, the team overview and every export. All optional. */
export interface TrendFilters {
  /** Recording date from (inclusive), YYYY-MM-DD. */
  from?: string;
  /** Recording date to (inclusive), YYYY-MM-DD. */
  to?: string;
  /** The family's current phase (team views and exports; one family has one phase). */
  phase?: FamilyPhase;
  caregiverRole?: CaregiverRole;
  activity?: Activity;
  /** Only this rater's scores; consensus is then not used, because it is not one rater's score. */
  raterId?: number;
  /** Only these families (the team page's family filter); absent is all. Team views and exports. */
  familyIds?: number[];
}

/**
 * Where a point's value comes from: the consensus of a meeting; the mean of submitted blind
 * scores (labelled as such); nothing yet (a gap); or hidden because the recording is in a round
 * that is still blind.
 */
export type TrendSource = 'consensus' | 'mean' | 'none' | 'blind_round';

export interface TrendPoint {
  recordingId: number;
  /** YYYY-MM-DD */
  recordedOn: string;
  /** Whole months since the baby's birth month (the app stores the month only). */
  ageMonths: number;
  moment: Moment;
  activity: Activity;
  visitPhase: VisitPhase;
  /** Consensus where there is one, else the mean of submitted blind scores; null is a gap. */
  value: number | null;
  source: TrendSource;
  consensus: number | null;
  mean: number | null;
  /** The raters' range (lowest and highest submitted blind score). */
  min: number | null;
  max: number | null;
  /** Submitted blind scores behind `mean`, and how many raters gave them. */
  scoreCount: number;
  raterCount: number;
}

export interface TrendSeries {
  caregiverId: number;
  role: CaregiverRole;
  /** The short label from the family page (screen only; never in a PDF or a spreadsheet). */
  label: string;
  scale: ScaleKey;
  points: TrendPoint[];
  /** Per measurement moment the mean of the point values there; null when nothing is scored. */
  moments: MomentValue[];
}

export interface MomentValue {
  moment: MeasurementMoment;
  value: number | null;
  /** Recordings at this moment with a value, and in all (for "2 of 3 scored"). */
  scoredRecordings: number;
  recordings: number;
}

export interface PhaseSpan {
  phase: VisitPhase;
  /** Date of the first home visit in this phase. */
  from: string;
  /** Date of the first visit of the next phase, or of the last visit of this one. */
  to: string;
}

export interface FamilyTrend {
  family: { id: number; code: string; phase: FamilyPhase; babyBirthMonth: string };
  visits: { id: number; date: string; phase: VisitPhase; ageMonths: number }[];
  phaseSpans: PhaseSpan[];
  series: TrendSeries[];
  filters: TrendFilters;
  /** Name of the rater when filtered on one (screen only). */
  raterName: string | null;
  /** Recordings of this family left out because they are in a round that is still blind. */
  blindRecordingCount: number;
}

/** One caregiver's values per moment on one scale, for the slope chart. */
export interface SlopeLine {
  familyId: number;
  familyCode: string;
  caregiverId: number;
  role: CaregiverRole;
  scale: ScaleKey;
  voormeting: number | null;
  nameting: number | null;
  followUp: number | null;
}

export interface ChangeSummary {
  scale: ScaleKey;
  from: 'voormeting';
  to: 'nameting' | 'follow-up';
  /** Caregivers with a value at both moments. */
  n: number;
  meanFrom: number | null;
  meanTo: number | null;
  /** Mean change with a 95% percentile bootstrap interval (2,000 resamples, fixed seed). */
  meanChange: Stat;
  dz: Stat;
  dav: Stat;
}

export interface WaitingRecording {
  recordingId: number;
  familyId: number;
  familyCode: string;
  recordedOn: string;
  moment: MeasurementMoment;
  activity: Activity;
  /** `blind_round`: in a round that is still blind; `unscored`: no visible value yet. */
  status: 'blind_round' | 'unscored';
}

export type MomentStatus = 'scored' | 'waiting' | 'no_recording';

export interface FamilyMomentGaps {
  familyId: number;
  familyCode: string;
  phase: FamilyPhase;
  voormeting: MomentStatus;
  nameting: MomentStatus;
  followUp: MomentStatus;
}

export interface TeamOverview {
  filters: TrendFilters;
  raterName: string | null;
  familyCount: number;
  lines: SlopeLine[];
  changes: ChangeSummary[];
  /** All families per current phase (not filtered: it is the team's caseload). */
  phaseCounts: { phase: FamilyPhase; count: number }[];
  waiting: { total: number; items: WaitingRecording[] };
  missing: { total: number; items: FamilyMomentGaps[] };
}

/** A file made by the back end, handed to the UI as a download. */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  base64: string;
  /** What it holds, as also written to the access log. */
  familyCount: number;
  rowCount: number;
}
