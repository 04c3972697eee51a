import type { ApiTransport } from '../../../shared/api/client';
import type { Envelope } from '../../../shared/api/envelope';

/** What the Electron preload exposes on `window.afstemming`; nothing else crosses the bridge. */
export interface PreloadBridge {
  call(method: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    afstemming?: PreloadBridge;
  }
}

function httpTransport(): ApiTransport {
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const ensureSource = () => {
    if (source) return;
    source = new EventSource('/api/events');
  };

  return {
    async call(method, input) {
      let response: Response;
      try {
        response = await fetch('/api/call', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ method, input }),
        });
      } catch {
        return { ok: false, error: { code: 'unavailable', message: 'Afstemming is niet bereikbaar. Draait `npm run web` nog?' } };
      }
      if (response.status === 401) {
        return { ok: false, error: { code: 'forbidden', message: 'Geen toegang: open Afstemming opnieuw via de link met toegangscode.' } };
      }
      return (await response.json()) as Envelope<unknown>;
    },
    on(event, listener) {
      ensureSource();
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        source!.addEventListener(event, (message) => {
          const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
          for (const fn of listeners.get(event) ?? []) fn(payload);
        });
      }
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}

/** The UI never knows which shell it runs in: the preload bridge if present, HTTP otherwise. */
export function detectTransport(): ApiTransport {
  const bridge = window.afstemming;
  if (bridge) return { call: (m, i) => bridge.call(m, i), on: (e, l) => bridge.on(e, l) };
  return httpTransport();
}
