/** Closed vocabularies of the domain; the UI translates each key, the database checks them. */
export const RATER_ROLES = ['rater', 'coordinator'] as const;
export type RaterRole = (typeof RATER_ROLES)[number];

export const CAREGIVER_ROLES = ['moeder', 'vader', 'partner', 'anders'] as const;
export type CaregiverRole = (typeof CAREGIVER_ROLES)[number];

/** Phases of a family's path through the intervention; `afgesloten` means the case is closed. */
export const FAMILY_PHASES = ['aanmelding', 'introductie', 'begeleiding', 'evaluatie', 'follow-up', 'afgesloten'] as const;
export type FamilyPhase = (typeof FAMILY_PHASES)[number];

/** A home visit happens during an active phase, never in `afgesloten`. */
export const VISIT_PHASES = ['aanmelding', 'introductie', 'begeleiding', 'evaluatie', 'follow-up'] as const;
export type VisitPhase = (typeof VISIT_PHASES)[number];
