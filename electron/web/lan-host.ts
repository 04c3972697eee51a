import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import type { Backend } from '../backend/create-backend';
import type { MeetingListener, MeetingListenerOptions } from '../backend/features/meeting-live/live-meeting';
import type { CallerSession } from '../backend/features/session/session-registry';
import { cookieValue, send, serveCall, serveEvents, serveStatic } from './http-endpoints';

export const MEETING_COOKIE = 'afstemming_meeting';
/** Devices one address may have open at once before it must wait (a phone reloading is one more). */
const GUEST_SESSIONS_PER_ADDRESS = 20;
/** One access-log row per address and kind of refusal per minute: a scanner cannot flood the log. */
const REFUSAL_LOG_INTERVAL_MS = 60_000;
const TLS_HANDSHAKE = 0x16;

export interface LanHostOptions extends MeetingListenerOptions {
  backend: Backend;
  staticDir: string;
}

/**
 * The intervisie's listener on the room's network: HTTPS only, bound to the one address the
 * coordinator chose, answering only its own host name. It serves the renderer, `/api/call` for the
 * meeting's devices (dispatch keeps each to the meeting's calls) and the meeting's events. Never
 * media, downloads or uploads: the clip plays on the projector. It exists only while the meeting
 * runs (electron/backend/features/meeting-live).
 */
export async function startLanHost(options: LanHostOptions): Promise<MeetingListener> {
  const { backend, staticDir, address, hostName, meetingId, roundId } = options;
  const sessions = backend.services.sessions;
  const closeStreams = new Set<() => void>();
  const lastRefusalLogged = new Map<string, number>();
  let origin = '';
  let allowedHosts = new Set<string>();

  const refuse = (res: ServerResponse, req: IncomingMessage, status: number, text: string, kind: string) => {
    logRefusal(req.socket.remoteAddress ?? null, kind, text);
    send(res, status, text);
  };

  function logRefusal(remote: string | null, kind: string, detail: string): void {
    const key = `${remote}:${kind}`;
    const now = Date.now();
    if ((lastRefusalLogged.get(key) ?? 0) > now - REFUSAL_LOG_INTERVAL_MS) return;
    lastRefusalLogged.set(key, now);
    backend.auditTransport({ action: 'meeting.refused_request', detail: `${kind}: ${detail}`.slice(0, 300), address: remote });
  }

  const meetingSession = (req: IncomingMessage): CallerSession | undefined => {
    const session = sessions.find(cookieValue(req, MEETING_COOKIE));
    return session && session.scope.kind === 'meeting' && session.scope.meetingId === meetingId ? session : undefined;
  };

  const https = createHttpsServer({ cert: options.certPem, key: options.keyPem, minVersion: 'TLSv1.2' }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      backend.reportInternalError('lan-host', error);
      if (!res.headersSent) send(res, 500, 'Interne fout.');
      else res.destroy();
    });
  });
  // A handshake that fails (an untrusted certificate, a scanner) must not take the listener down.
  https.on('tlsClientError', (_error, socket) => socket.destroy());

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (!allowedHosts.has(host)) return refuse(res, req, 421, 'Onbekende host.', 'host');
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== `https://${host}`) return refuse(res, req, 403, 'Verzoek van een andere website geweigerd.', 'origin');
    const url = new URL(req.url ?? '/', origin);

    if (url.pathname === '/api/call') {
      let caller = meetingSession(req);
      let setCookie: string | undefined;
      if (!caller) {
        const remote = req.socket.remoteAddress ?? null;
        const open = sessions.list((s) => s.scope.kind === 'meeting' && s.scope.meetingId === meetingId && s.address === remote).length;
        if (open >= GUEST_SESSIONS_PER_ADDRESS) return refuse(res, req, 429, 'Te veel verbindingen vanaf dit apparaat. Wacht even en probeer het opnieuw.', 'sessions');
        caller = sessions.open({ scope: { kind: 'meeting', meetingId, roundId }, address: remote, device: 'apparaat' });
        // Secure: this listener speaks HTTPS only; the cookie lives as long as the browser tab, the session as the meeting.
        setCookie = `${MEETING_COOKIE}=${caller.id}; HttpOnly; Secure; SameSite=Strict; Path=/`;
      }
      const session = caller;
      return serveCall(req, res, async (method, input) => ({
        envelope: await backend.dispatch(method, input, session),
        headers: setCookie ? { 'Set-Cookie': setCookie } : undefined,
      }));
    }
    if (url.pathname === '/api/events') {
      const caller = meetingSession(req);
      if (!caller) return refuse(res, req, 401, 'Neem eerst deel met de code op de projector.', 'events');
      const close = serveEvents(
        req,
        res,
        backend.events,
        (event, payload) => event === 'meeting.changed' && (payload as { roundId: number }).roundId === roundId,
        () => !caller.ended,
        () => caller.raterId,
      );
      closeStreams.add(close);
      req.on('close', () => closeStreams.delete(close));
      return;
    }
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/media/') || url.pathname.startsWith('/downloads/')) {
      return refuse(res, req, 404, 'Niet beschikbaar op een apparaat in de intervisie: de opname speelt op de projector.', 'pad');
    }
    return serveStatic(req, res, staticDir, url.pathname);
  }

  // One port, two protocols: a TLS handshake goes to the HTTPS server, plain HTTP gets a Dutch answer.
  const openSockets = new Set<Socket>();
  const front = createNetServer((socket: Socket) => {
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
    socket.setTimeout(30_000, () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      if (first[0] === TLS_HANDSHAKE) {
        // From here the HTTPS server's own time-outs apply (server-sent events stay open for the meeting).
        socket.setTimeout(0);
        // Paused with the first bytes put back: the TLS socket reads what is buffered, then the handle.
        https.emit('connection', socket);
        return;
      }
      logRefusal(socket.remoteAddress ?? null, 'http', 'gewone HTTP in plaats van HTTPS');
      const body = `Gebruik het beveiligde adres: ${origin} (https). Deze verbinding is geweigerd.\n`;
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
    socket.on('error', () => socket.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port, address, () => {
      front.off('error', reject);
      resolve();
    });
  });
  const port = (front.address() as AddressInfo).port;
  origin = `https://${hostName}:${port}`;
  allowedHosts = new Set([`${hostName}:${port}`, `${address}:${port}`]);

  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        for (const close of closeStreams) close();
        closeStreams.clear();
        https.closeAllConnections();
        front.close(() => resolve());
        // Sockets handed to the HTTPS server are not the net server's to wait for any more.
        for (const socket of openSockets) socket.destroy();
      }),
  };
}
