import type { FamilyPhase } from './vocabulary';

/**
 * The family's intervention dossier (the babyformulier), first part: the phases it went through
 * with their dates, the aanmelding's structured fields, and the begeleider's logbook with the
 * agreements made with the parents (issue 16, points 1 and 4).
 */

/** Why the family was referred: the target groups of the intervention, or something else. */
export const INDICATIONS = ['psychiatrisch', 'lvb', 'beide', 'anders'] as const;
export type Indication = (typeof INDICATIONS)[number];

/** What became of an agreement with the parents; reviewed at follow-up. */
export const AGREEMENT_STATUSES = ['open', 'nagekomen', 'niet-nagekomen', 'vervallen'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** The contra-indications checked at intake; either one keeps the family in aanmelding. */
export const CONTRA_INDICATIONS = ['highStress', 'unsafe'] as const;
export type ContraIndication = (typeof CONTRA_INDICATIONS)[number];

/**
 * A phase may be entered a little ahead (the introductie is planned for next week), never far:
 * a date months ahead is a typing error, and it would make the family look further than it is.
 */
export const PHASE_FUTURE_MARGIN_DAYS = 14;

/** One phase the family entered; it ends where the next one starts. */
export interface PhaseStep {
  phase: FamilyPhase;
  /** YYYY-MM-DD; aanmelding starts at the referral date. Null: in this phase from before phases had dates. */
  startedOn: string | null;
  /** The next phase's start, or null for the current phase. */
  endedOn: string | null;
}

export interface ContraIndicationOverride {
  /** Which contra-indications the coordinator weighed; a contra-indication checked later is not covered. */
  covers: ContraIndication[];
  byName: string | null;
  at: string;
  /** The coordinator's reason: in the dossier, never in the access log. */
  reason: string;
}

export interface Intake {
  /** Verwijzer: who referred the family (an organisation or role, not a person's full name). */
  referrer: string;
  indication: Indication | null;
  /** Free text for 'anders', or a specification. */
  indicationNote: string;
  highStress: boolean;
  highStressNote: string;
  unsafe: boolean;
  unsafeNote: string;
  override: ContraIndicationOverride | null;
}

export interface LogbookEntry {
  id: number;
  familyId: number;
  /** YYYY-MM-DD */
  date: string;
  text: string;
  /** Null: an ordinary entry; otherwise an agreement with the parents and what became of it. */
  agreement: AgreementStatus | null;
  authorInitials: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface FamilyDossier {
  familyId: number;
  referralDate: string;
  currentPhase: FamilyPhase;
  phases: PhaseStep[];
  intake: Intake;
  /** Contra-indications checked and not covered by an override: moving past aanmelding is refused. */
  blockedBy: ContraIndication[];
  /** Newest first. */
  logbook: LogbookEntry[];
}

/** The date `days` calendar days after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
