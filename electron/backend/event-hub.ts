import type { EventName, EventPayloads } from '../../shared/api/contract';

export type EventListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

/** Fans back-end events out to the transports (IPC windows, SSE clients). */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // A broken client connection must not stop the others from hearing about changes.
      }
    }
  }
}
