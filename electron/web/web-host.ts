import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { SECURITY_HEADERS } from '../../shared/security/content-security-policy';
import type { Backend } from '../backend/create-backend';
import { resolveStaticFile, streamFile } from './static-files';

export interface WebHostOptions {
  backend: Backend;
  /** The renderer build (renderer/dist). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** A fixed token for tests; a fresh random one per run otherwise. */
  token?: string;
}

export interface WebHost {
  /** The URL to open once: it carries the token, which is swapped for a cookie at once. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'afstemming_token';
// Big enough for an ELAN file (the contract allows 20 MB); videos never come through here.
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const HEARTBEAT_MS = 20_000;

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookieToken(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return null;
}

function send(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too_large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Browser mode: serves the renderer, the API (`POST /api/call`) and events (`GET /api/events`, SSE)
 * on 127.0.0.1 only. Every request must carry the per-run token (cookie or bearer header), and the
 * Host header must be ours, so neither another local user's page nor DNS rebinding can reach it.
 */
export async function startWebHost({ backend, staticDir, port = 0, token = randomBytes(24).toString('base64url') }: WebHostOptions): Promise<WebHost> {
  const sseClients = new Set<ServerResponse>();
  let origin = '';
  let allowedHosts = new Set<string>();

  const unsubscribe = backend.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Interne fout.');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, 'Onbekende host.');
    const url = new URL(req.url ?? '/', origin);

    const queryToken = url.searchParams.get('token');
    if (req.method === 'GET' && queryToken !== null) {
      if (!sameSecret(queryToken, token)) return send(res, 401, 'Ongeldige toegangscode. Open de link die `npm run web` toonde.');
      url.searchParams.delete('token');
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: `${url.pathname}${url.search}${url.hash}`,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    const presented = bearer ?? cookieToken(req);
    if (!presented || !sameSecret(presented, token)) {
      return send(res, 401, 'Geen toegang. Open Afstemming via de link die `npm run web` toonde (met de toegangscode).');
    }
    // A cross-site page may send the cookie-less request but never reads the answer; still refuse it early.
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) return send(res, 403, 'Verzoek van een andere website geweigerd.');

    if (url.pathname === '/api/call') return handleCall(req, res);
    if (url.pathname === '/api/upload') return handleUpload(req, res);
    if (url.pathname.startsWith('/media/')) return handleMedia(req, res, url);
    if (url.pathname.startsWith('/downloads/')) return handleMedia(req, res, url, backend.media.serveDownload);
    if (url.pathname === '/api/events') return handleEvents(req, res);
    if (url.pathname.startsWith('/api/')) return send(res, 404, 'Onbekend adres.');
    return handleStatic(req, res, url.pathname);
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'Alleen POST.');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'Alleen JSON.');
    let payload: unknown;
    try {
      payload = JSON.parse(await readBody(req));
    } catch (error) {
      const tooLarge = error instanceof Error && error.message === 'too_large';
      const message = tooLarge ? 'Het verzoek is te groot.' : 'Het verzoek is geen geldige JSON.';
      return send(res, tooLarge ? 413 : 400, JSON.stringify({ ok: false, error: { code: 'invalid_input', message } }), 'application/json');
    }
    const { method, input } = (typeof payload === 'object' && payload !== null ? payload : {}) as { method?: unknown; input?: unknown };
    const envelope = await backend.dispatch(method, input);
    send(res, 200, JSON.stringify(envelope), 'application/json; charset=utf-8');
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'Alleen POST.');
    const name = req.headers['x-file-name'];
    const envelope = await backend.media.receiveUpload(req, typeof name === 'string' ? name : null);
    send(res, 200, JSON.stringify(envelope), 'application/json; charset=utf-8');
  }

  /** Media and downloads: a Fetch API handler of the back end, streamed out with our security headers. */
  async function handleMedia(req: IncomingMessage, res: ServerResponse, url: URL, serve = backend.media.serveMedia): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Niet toegestaan.');
    const headers = new Headers();
    if (typeof req.headers.range === 'string') headers.set('range', req.headers.range);
    const response = await serve(new Request(new URL(url.pathname, origin), { method: req.method, headers }));
    // A seek aborts the previous request, often while it was still being answered: nobody would
    // read or cancel its body then, and the file it opens would stay open until garbage collection.
    if (res.destroyed || req.socket.destroyed) return void (await response.body?.cancel().catch(() => undefined));
    const outHeaders: Record<string, string> = { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' };
    response.headers.forEach((value, key) => (outHeaders[key] = value));
    res.writeHead(response.status, outHeaders);
    if (!response.body || req.method === 'HEAD') return void res.end();
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
    res.on('close', () => body.destroy());
    body.pipe(res);
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') return send(res, 405, 'Alleen GET.');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': verbonden\n\n');
    sseClients.add(res);
    const heartbeat = setInterval(() => res.write(': hartslag\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      sseClients.delete(res);
    });
  }

  function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): void {
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

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${actualPort}`;
  allowedHosts = new Set([`127.0.0.1:${actualPort}`, `localhost:${actualPort}`]);

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port: actualPort,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const client of sseClients) client.end();
        sseClients.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

