import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { SECURITY_HEADERS } from '../../shared/security/content-security-policy';
import type { MediaTransport } from '../backend/features/recordings/media-transport';
import type { CallerSession } from '../backend/features/session/session-registry';
import { resolveStaticFile } from '../web/static-files';
import { isAppUrl } from './app-origin';

const refuse = (status: number, text: string) => new Response(text, { status, headers: SECURITY_HEADERS });

/**
 * Serves app://afstemming/: the renderer build with the CSP as a real header (a meta tag cannot set
 * frame-ancestors), uploads, media by recording id with byte ranges and video-export downloads by
 * job id: the same endpoints the browser-mode host has. Pure Fetch API in and out, so it is tested under Node.
 */
export function createAppProtocolHandler(rendererDir: string, media: MediaTransport | null, callerOf: () => CallerSession | null = () => null) {
  return async (request: Request): Promise<Response> => {
    if (!isAppUrl(request.url)) return refuse(403, 'Niet toegestaan.');
    const { pathname } = new URL(request.url);

    // The app is one window: its media requests run in that window's session.
    const caller = callerOf();
    if (pathname === '/api/upload' && media && caller) {
      if (request.method !== 'POST' || !request.body) return refuse(405, 'Alleen POST.');
      const body = Readable.fromWeb(request.body as NodeReadableStream);
      const envelope = await media.receiveUpload(body, request.headers.get('x-file-name'), caller);
      return new Response(JSON.stringify(envelope), { headers: { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' } });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(403, 'Niet toegestaan.');
    if ((pathname.startsWith('/media/') || pathname.startsWith('/downloads/')) && media && caller) {
      const response = await (pathname.startsWith('/media/') ? media.serveMedia(request, caller) : media.serveDownload(request, caller));
      const headers = new Headers(response.headers);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
      return new Response(response.body, { status: response.status, headers });
    }

    const file = resolveStaticFile(rendererDir, pathname);
    if (!file) return refuse(404, 'Niet gevonden.');
    const body = request.method === 'HEAD' ? null : await readFile(file.path);
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': 'no-store' },
    });
  };
}
