import type { z } from 'zod';
import { coreMethods } from './areas/core-methods';
import type { MethodSpec } from './method-spec';

export type { MethodSpec } from './method-spec';

/**
 * Every call the UI can make, assembled from one method table per area. Names are `area.action`.
 * The back end implements exactly these (its handler table is typed against this object), and both
 * transports refuse anything else.
 */
export const contract = {
  ...coreMethods,
  // ...recordingMethods, (video)
  // ...fragmentMethods, (fragments)
  // ...scoringMethods, (scoring)
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
  'data.changed': { area: 'raters' | 'families' | 'session'; id?: number };
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = ['data.changed'];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
