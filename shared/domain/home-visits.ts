import type { Visit } from './entities';
import type { Activity } from './vocabulary';

/**
 * The home visit as the begeleider logs it (issue 16, point 2): on top of date, phase and notes,
 * how long it took, who was there, what was filmed and the answers to the per-visit questions.
 */

/** A visit takes at least a minute and at most a (long) working day. */
export const VISIT_MINUTES_MIN = 1;
export const VISIT_MINUTES_MAX = 600;

export interface VisitAnswer {
  questionId: number;
  text: string;
  updatedAt: string;
}

export interface HomeVisit extends Visit {
  /** Null: not filled in (visits logged before this existed). */
  durationMinutes: number | null;
  /** The family's caregivers who were there. */
  presentCaregiverIds: number[];
  /** Others present, in a few words ("oma, tolk"). */
  othersPresent: string;
  /** The activity filmed, when something was. */
  activity: Activity | null;
  activityNote: string;
  /** Only answered questions; an archived question keeps its answers here. */
  answers: VisitAnswer[];
}

/** A question the begeleider answers after every home visit; archived, never deleted. */
export interface VisitQuestion {
  id: number;
  text: string;
  position: number;
  archived: boolean;
}
