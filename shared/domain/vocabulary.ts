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

/** What the filmed moment shows. */
export const ACTIVITIES = ['bad', 'voeden', 'verschonen', 'spelen', 'anders'] as const;
export type Activity = (typeof ACTIVITIES)[number];

/** Measurement moments of the intervention; `geen` is a recording outside the measurements. */
export const MOMENTS = ['voormeting', 'nameting', 'follow-up', 'geen'] as const;
export type Moment = (typeof MOMENTS)[number];

/** How a recording becomes playable in Chromium: as it is, by stream copy, or by a new proxy. */
export const PLAYBACK_PLANS = ['as_is', 'remux', 'proxy'] as const;
export type PlaybackPlanKind = (typeof PLAYBACK_PLANS)[number];

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
