import type { ApiTransport } from '../../../shared/api/client';
import { errorBody, msg, type Envelope } from '../../../shared/api/envelope';

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
  let answered = false;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  // The event stream needs the session cookie that the first answer sets (a device in the
  // intervisie has none before), and a stream the host closed for good (session ended, meeting
  // stopped) is opened again after the next answer, for the session that answer belongs to.
  const ensureSource = () => {
    if (source || !answered || listeners.size === 0) return;
    const opened = new EventSource('/api/events');
    source = opened;
    opened.onerror = () => {
      if (opened.readyState === EventSource.CLOSED && source === opened) source = null;
    };
    for (const event of listeners.keys()) subscribe(opened, event);
  };
  const subscribe = (target: EventSource, event: string) =>
    target.addEventListener(event, (message) => {
      const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
      for (const fn of listeners.get(event) ?? []) fn(payload);
    });

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
        // Only the intervisie's listener on the room's network speaks HTTPS in browser mode.
        const message =
          window.location.protocol === 'https:'
            ? msg(
                'De intervisie is niet meer bereikbaar: hij is gestopt, of dit apparaat is niet meer op het netwerk van de ruimte.',
                'The peer review meeting can no longer be reached: it has stopped, or this device is no longer on the network of the room.',
              )
            : msg('Afstemming is niet bereikbaar. Draait `npm run web` nog?', 'Afstemming cannot be reached. Is `npm run web` still running?');
        return { ok: false, error: errorBody('unavailable', message) };
      }
      if (response.status === 401) {
        return {
          ok: false,
          error: errorBody('forbidden', msg(
            'Geen toegang: open Afstemming opnieuw via de link met toegangscode.',
            'No access: open Afstemming again through the link with the access code.',
          )),
        };
      }
      let envelope: Envelope<unknown>;
      try {
        envelope = (await response.json()) as Envelope<unknown>;
      } catch {
        // Not an envelope (a plain-text 4xx/5xx from the host): say so instead of an unhandled rejection.
        return { ok: false, error: errorBody('unavailable', msg(
          `Afstemming gaf een onverwacht antwoord (status ${response.status}).`,
          `Afstemming gave an unexpected answer (status ${response.status}).`,
        )) };
      }
      answered = true;
      ensureSource();
      return envelope;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        if (source) subscribe(source, event);
      }
      set.add(listener);
      ensureSource();
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
