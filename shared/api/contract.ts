import type { z } from 'zod';
import { coreMethods } from './areas/core-methods';
import { fragmentMethods } from './areas/fragment-methods';
import { recordingMethods } from './areas/recording-methods';
import { scoringMethods } from './areas/scoring-methods';
import { trendMethods } from './areas/trend-methods';
import { videoExportMethods } from './areas/video-export-methods';
import { privacyMethods } from './areas/privacy-methods';
import { agreementMethods } from './areas/agreement-methods';
import { meetingMethods } from './areas/meeting-methods';
import { dossierMethods } from './areas/dossier-methods';
import { visitMethods } from './areas/visit-methods';
import { feedbackSessionMethods } from './areas/feedback-session-methods';
import { goalMethods } from './areas/goal-methods';
import { evaluationMethods } from './areas/evaluation-methods';
import type { MediaJob } from '../domain/entities';
import type { MethodSpec } from './method-spec';

export type { MethodSpec } from './method-spec';

/**
 * Every call the UI can make, assembled from one method table per area. Names are `area.action`.
 * The back end implements exactly these (its handler table is typed against this object), and both
 * transports refuse anything else.
 */
export const contract = {
  ...coreMethods,
  ...recordingMethods,
  ...fragmentMethods,
  ...scoringMethods,
  ...trendMethods,
  ...videoExportMethods,
  ...privacyMethods,
  ...agreementMethods,
  ...meetingMethods,
  ...dossierMethods,
  ...visitMethods,
  ...feedbackSessionMethods,
  ...goalMethods,
  ...evaluationMethods,
} as const satisfies Record<string, MethodSpec>;


export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller sends (before defaults and trimming). */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (after validation). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Contract[M]['__output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events the back end pushes to every window; payloads are small hints, the UI refetches. */
export interface EventPayloads {
  /**
   * `jobs`: a job ended that is not a recording's own media job (a video export); a media job's
   * end is `recordings` (it changes what the recording can play). The UI maps each area to the
   * queries it refetches (renderer/src/api/invalidation.ts).
   */
  'data.changed': { area: 'raters' | 'families' | 'dossier' | 'feedback' | 'goals' | 'evaluation' | 'session' | 'recordings' | 'jobs' | 'fragments' | 'scoring'; id?: number };
  /** Progress of a media job; sent often, so it carries everything a progress bar needs. */
  'jobs.changed': MediaJob;
  /**
   * Something in the live intervisie changed (a device joined, someone submitted, the reveal, the
   * clip on the projector). The only event a joined device hears; it refetches its state.
   */
  'meeting.changed': { roundId: number };
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = ['data.changed', 'jobs.changed', 'meeting.changed'];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
