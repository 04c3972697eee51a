import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SECURITY_HEADERS } from '../../shared/security/content-security-policy';
import type { Backend } from '../backend/create-backend';
import type { CallerSession } from '../backend/features/session/session-registry';
import { cookieValue, send, serveCall, serveEvents, serveFetch, serveStatic } from './http-endpoints';

export interface WebHostOptions {
  backend: Backend;
  /** The renderer build (renderer/dist). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface WebHost {
  /** A link to open once: its token is swapped for a session cookie at once and is worthless after. */
  url: string;
  origin: string;
  port: number;
  /** Another one-time link (a second browser, or after the session cookie expired). */
  newLink(): string;
  close(): Promise<void>;
}

export const SESSION_COOKIE = 'afstemming_session';
const LINK_LIFETIME_MS = 24 * 60 * 60_000;

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const sessionCookie = (session: CallerSession, maxAgeS: number) =>
  `${SESSION_COOKIE}=${session.id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeS}`;

/** The session a call ended in: a sign-in or sign-out hands the caller a fresh one. */
function latest(session: CallerSession): CallerSession {
  let current = session;
  while (current.replacedBy) current = current.replacedBy;
  return current;
}

/**
 * Browser mode: serves the renderer, the API (`POST /api/call`), events (`GET /api/events`, SSE),
 * media and downloads on 127.0.0.1 only. A one-time link opens a session; from then on every
 * request must carry that session's HttpOnly cookie, and the Host header must be ours, so neither
 * another local user's page nor DNS rebinding can reach it. Every browser tab that opened a link is
 * its own caller, with its own signed-in rater.
 */
export async function startWebHost({ backend, staticDir, port = 0 }: WebHostOptions): Promise<WebHost> {
  const sessions = backend.services.sessions;
  const links = new Map<string, number>();
  const closeStreams = new Set<() => void>();
  let origin = '';
  let hostName = '';
  let localhostName = '';
  const maxAgeS = Math.floor(sessions.maxAgeMs / 1000);

  const newLink = () => {
    const token = randomBytes(24).toString('base64url');
    links.set(token, Date.now() + LINK_LIFETIME_MS);
    return `${origin}/?token=${token}`;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      backend.reportInternalError('web-host', error);
      if (!res.headersSent) send(res, 500, 'Interne fout.');
      else res.destroy();
    });
  });

  /** Spends a link's token: true once, false for unknown, used or expired tokens. */
  function spendLink(presented: string): boolean {
    for (const [token, expires] of links) {
      if (expires < Date.now()) links.delete(token);
      else if (sameSecret(presented, token)) {
        links.delete(token);
        return true;
      }
    }
    return false;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    const url = new URL(req.url ?? '/', origin);
    // localhost is this computer too, but its cookie would be another site's: continue on 127.0.0.1.
    if (host === localhostName && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(307, { ...SECURITY_HEADERS, Location: `${origin}${url.pathname}${url.search}`, 'Cache-Control': 'no-store' });
      return void res.end();
    }
    if (host !== hostName) return send(res, 421, 'Onbekende host.');

    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && req.method === 'GET' && url.pathname === '/') {
      if (!spendLink(queryToken)) {
        return send(res, 401, 'Deze link is al gebruikt of verlopen. Vraag een nieuwe link in het venster waarin Afstemming draait (druk daar op Enter).');
      }
      const session = sessions.open({ scope: { kind: 'workstation' }, address: req.socket.remoteAddress ?? null, device: 'browser' });
      res.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': sessionCookie(session, maxAgeS), Location: '/', 'Cache-Control': 'no-store' });
      return void res.end();
    }

    const caller = sessions.find(cookieValue(req, SESSION_COOKIE));
    if (!caller || caller.scope.kind !== 'workstation') {
      return send(res, 401, 'Geen toegang of de sessie is verlopen. Open Afstemming via een nieuwe link uit het venster waarin het draait.');
    }
    // A cross-site page may send the cookie-less request but never reads the answer; still refuse it early.
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) return send(res, 403, 'Verzoek van een andere website geweigerd.');

    if (url.pathname === '/api/call') {
      return serveCall(req, res, async (method, input) => {
        const envelope = await backend.dispatch(method, input, caller);
        const now = latest(caller);
        const headers: Record<string, string> = now !== caller ? { 'Set-Cookie': sessionCookie(now, maxAgeS) } : {};
        return { envelope, headers };
      });
    }
    if (url.pathname === '/api/upload') {
      if (req.method !== 'POST') return send(res, 405, 'Alleen POST.');
      const name = req.headers['x-file-name'];
      const envelope = await backend.media.receiveUpload(req, typeof name === 'string' ? name : null, caller);
      return send(res, 200, JSON.stringify(envelope), 'application/json; charset=utf-8');
    }
    if (url.pathname.startsWith('/media/')) return serveFetch(req, res, url, (request) => backend.media.serveMedia(request, caller));
    if (url.pathname.startsWith('/downloads/')) return serveFetch(req, res, url, (request) => backend.media.serveDownload(request, caller));
    if (url.pathname === '/api/events') {
      const close = serveEvents(
        req,
        res,
        backend.events,
        () => true,
        () => !latest(caller).ended,
        () => latest(caller).raterId,
      );
      closeStreams.add(close);
      req.on('close', () => closeStreams.delete(close));
      return;
    }
    if (url.pathname.startsWith('/api/')) return send(res, 404, 'Onbekend adres.');
    return serveStatic(req, res, staticDir, url.pathname);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${actualPort}`;
  hostName = `127.0.0.1:${actualPort}`;
  localhostName = `localhost:${actualPort}`;

  return {
    url: newLink(),
    origin,
    port: actualPort,
    newLink,
    close: () =>
      new Promise<void>((resolve) => {
        for (const close of closeStreams) close();
        closeStreams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
