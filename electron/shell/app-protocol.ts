import { readFile } from 'node:fs/promises';
import { SECURITY_HEADERS } from '../../shared/security/content-security-policy';
import { resolveStaticFile } from '../web/static-files';
import { isAppUrl } from './app-origin';

/**
 * Serves the renderer build on app://afstemming/ with the CSP as a real header (a meta tag cannot
 * set frame-ancestors). Pure Fetch API in and out, so it is tested under Node.
 */
export async function handleAppRequest(request: Request, rendererDir: string): Promise<Response> {
  if (!isAppUrl(request.url) || (request.method !== 'GET' && request.method !== 'HEAD')) {
    return new Response('Niet toegestaan.', { status: 403, headers: SECURITY_HEADERS });
  }
  const file = resolveStaticFile(rendererDir, new URL(request.url).pathname);
  if (!file) return new Response('Niet gevonden.', { status: 404, headers: SECURITY_HEADERS });
  const body = request.method === 'HEAD' ? null : await readFile(file.path);
  return new Response(body, {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': 'no-store' },
  });
}
