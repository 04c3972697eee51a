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

export interface SessionInfo {
  rater: Rater | null;
  /** True when the database has no raters yet, so the UI starts with "create the first rater". */
  needsFirstRater: boolean;
  appVersion: string;
  schemaVersion: number;
}
