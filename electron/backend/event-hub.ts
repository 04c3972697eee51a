import type { EventName, EventPayloads } from '../../shared/api/contract';

/**
 * Who may hear an event. Absent: every window, tab and device the transport serves (each
 * transport filters further, e.g. the meeting's devices). `raterId`: only sessions signed in as
 * that rater, for events about one person's own work that others must not see (a blind round).
 */
export interface EventAudience {
  raterId: number;
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayloads[E], audience: EventAudience | undefined) => void;

/** Whether a session signed in as `raterId` (null: nobody, or locked) may hear an event for `audience`. */
export function reaches(audience: EventAudience | undefined, raterId: number | null): boolean {
  return audience === undefined || (raterId !== null && raterId === audience.raterId);
}

/** Fans back-end events out to the transports (IPC windows, SSE clients). */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish<E extends EventName>(event: E, payload: EventPayloads[E], audience?: EventAudience): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload, audience);
      } catch {
        // A broken client connection must not stop the others from hearing about changes.
      }
    }
  }
}
