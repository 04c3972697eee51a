import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { EventName, EventPayloads } from '../../shared/api/contract';
import { errorBody, msg, type Envelope } from '../../shared/api/envelope';
import { SECURITY_HEADERS } from '../../shared/security/content-security-policy';
import { reaches, type EventHub } from '../backend/event-hub';
import { resolveStaticFile, streamFile } from './static-files';

// The pieces both HTTP hosts are made of: the browser-mode host on 127.0.0.1 and the meeting's
// HTTPS listener on the LAN. Each host decides who the caller is and what it may reach; these
// only speak HTTP.

// Big enough for an ELAN file (the contract allows 20 MB); videos never come through here.
export const MAX_BODY_BYTES = 32 * 1024 * 1024;
const HEARTBEAT_MS = 20_000;

export function send(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8', headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

export const sendJson = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', headers);

export function cookieValue(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

class BodyTooLarge extends Error {}

/** Reads a request body up to MAX_BODY_BYTES; a larger one is refused before or while it arrives. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData);
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A 413 that the client can read: answer first, then stop the upload. Destroying the socket while
 * the client is still sending (what happened before) shows up as a connection reset instead.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  // Swallow what is still coming (bounded in bytes and time), so the client reads the answer.
  let drained = 0;
  const stop = setTimeout(() => req.socket.destroy(), 10_000).unref();
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > 2 * MAX_BODY_BYTES) req.socket.destroy();
  });
  req.on('end', () => clearTimeout(stop));
  req.resume();
  sendJson(res, 413, { ok: false, error: errorBody('invalid_input', msg(
    'Het verzoek is te groot (maximaal 32 MB).',
    'The request is too large (at most 32 MB).',
  )) }, { Connection: 'close' });
}

export type CallHandler = (method: unknown, input: unknown) => Promise<{ envelope: Envelope<unknown>; headers?: Record<string, string> }>;

/** POST /api/call: JSON in, the dispatch envelope out. */
export async function serveCall(req: IncomingMessage, res: ServerResponse, call: CallHandler): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, 'Alleen POST.');
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'Alleen JSON.');
  let payload: unknown;
  try {
    payload = JSON.parse(await readBody(req));
  } catch (error) {
    if (error instanceof BodyTooLarge) return refuseTooLarge(req, res);
    return sendJson(res, 400, { ok: false, error: errorBody('invalid_input', msg('Het verzoek is geen geldige JSON.', 'The request is not valid JSON.')) });
  }
  const { method, input } = (typeof payload === 'object' && payload !== null ? payload : {}) as { method?: unknown; input?: unknown };
  const { envelope, headers } = await call(method, input);
  sendJson(res, 200, envelope, headers);
}

export type EventFilter = <E extends EventName>(event: E, payload: EventPayloads[E]) => boolean;

/**
 * GET /api/events: server-sent events, only those `filter` lets through for this caller. `isAlive`
 * is asked before each event; a stream whose caller is gone (signed out, meeting stopped) closes.
 * `raterOf` names who the caller is signed in as now: an event meant for one rater (its audience,
 * e.g. progress of their own export) reaches only a stream of that rater.
 */
export function serveEvents(
  req: IncomingMessage,
  res: ServerResponse,
  events: EventHub,
  filter: EventFilter,
  isAlive: () => boolean,
  raterOf: () => number | null,
): () => void {
  if (req.method !== 'GET') {
    send(res, 405, 'Alleen GET.');
    return () => undefined;
  }
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  res.write(': verbonden\n\n');
  const close = () => {
    clearInterval(heartbeat);
    unsubscribe();
    res.end();
  };
  const unsubscribe = events.subscribe((event, payload, audience) => {
    if (!isAlive()) return close();
    if (reaches(audience, raterOf()) && filter(event, payload)) res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const heartbeat = setInterval(() => (isAlive() ? res.write(': hartslag\n\n') : close()), HEARTBEAT_MS);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
  return close;
}

export function serveStatic(req: IncomingMessage, res: ServerResponse, staticDir: string, pathname: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Niet toegestaan.');
  const file = resolveStaticFile(staticDir, pathname);
  if (!file) return send(res, 404, 'Niet gevonden.');
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': file.contentType,
    'Content-Length': String(file.size),
    'Cache-Control': file.immutable ? 'private, max-age=31536000, immutable' : 'no-store',
  });
  if (req.method === 'HEAD') return void res.end();
  streamFile(file).pipe(res);
}

/** Media and downloads: a Fetch API handler of the back end, streamed out with our security headers. */
export async function serveFetch(req: IncomingMessage, res: ServerResponse, url: URL, serve: (request: Request) => Promise<Response>): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Niet toegestaan.');
  const headers = new Headers();
  for (const name of ['range', 'if-range'] as const) {
    const value = req.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  const response = await serve(new Request(url, { method: req.method, headers }));
  // A seek aborts the previous request, often while it was still being answered: nobody would
  // read or cancel its body then, and the file it opens would stay open until garbage collection.
  if (res.destroyed || req.socket.destroyed) return void (await response.body?.cancel().catch(() => undefined));
  const outHeaders: Record<string, string> = { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' };
  response.headers.forEach((value, key) => (outHeaders[key] = value));
  res.writeHead(response.status, outHeaders);
  if (!response.body || req.method === 'HEAD') return void res.end();
  const body = Readable.fromWeb(response.body as NodeReadableStream);
  res.on('close', () => body.destroy());
  body.pipe(res);
}
