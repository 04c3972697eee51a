import type { ScaleKey } from './scales';
import type { CaregiverRole, Moment } from './vocabulary';

/**
 * The family's guidance goals (begeleidingsdoelen, issue 16 point 3): written by the begeleider
 * from the scored video, linked to the scores and fragments that motivated them, with a dated
 * status history and an evaluation at afsluiting.
 */

export const GOAL_STATUSES = ['open', 'in-behandeling', 'bereikt'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const GOAL_TEXT_MAX = 1000;
export const GOAL_EVALUATION_MAX = 4000;

/** What a link names: a fragment, one rater's score, or a round's consensus score. */
export type GoalLinkTarget =
  | { kind: 'fragment'; fragmentId: number }
  | { kind: 'score'; sheetId: number; caregiverId: number; scale: ScaleKey }
  | { kind: 'consensus'; roundId: number; recordingId: number; caregiverId: number; scale: ScaleKey };

/** A score as a goal shows it; the moment is null while a round hides it from the raters. */
export interface GoalScore {
  scale: ScaleKey;
  value: number;
  moment: Moment | null;
  recordedOn: string | null;
  caregiverRole: CaregiverRole;
  /** The rater's name, or null for a consensus score. */
  raterName: string | null;
  roundName: string | null;
}

export interface GoalFragment {
  recordingId: number;
  startMs: number;
  endMs: number;
  note: string;
  /** Null while a round hides the recording's date and moment. */
  recordedOn: string | null;
}

/**
 * One link with what it shows. `hidden`: the caller may not see it (now): another rater's score
 * while its round is blind, or a score reopened for a change. It is still there for whoever may.
 */
export type GoalLink = { id: number; target: GoalLinkTarget } & (
  | { hidden: true }
  | { hidden: false; score: GoalScore; fragment?: undefined }
  | { hidden: false; fragment: GoalFragment; score?: undefined }
);

export interface GoalStatusEvent {
  status: GoalStatus;
  /** YYYY-MM-DD */
  date: string;
  byInitials: string | null;
}

export interface Goal {
  id: number;
  familyId: number;
  text: string;
  status: GoalStatus;
  /** Oldest first; the first is the day the goal was set. */
  history: GoalStatusEvent[];
  evaluation: string;
  evaluatedOn: string | null;
  links: GoalLink[];
  authorInitials: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Something of this family the caller may link a goal to. */
export type GoalLinkOption = { target: GoalLinkTarget } & ({ score: GoalScore; fragment?: undefined } | { fragment: GoalFragment; score?: undefined });

export interface FamilyGoals {
  familyId: number;
  goals: Goal[];
  /** Whether an evaluation may be written: the family has reached the evaluatie phase. */
  canEvaluate: boolean;
  /** The earliest and latest date a status may carry. */
  earliestDate: string;
  latestDate: string;
  options: GoalLinkOption[];
}

/** The same target, compared field by field. */
export function sameTarget(a: GoalLinkTarget, b: GoalLinkTarget): boolean {
  return JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
}
