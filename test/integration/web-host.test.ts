import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web/web-host';
import { startTestBackend, tempDir, type TestBackend } from './support/temp-backend';

let t: TestBackend;
let host: WebHost;
let staticDir: string;

beforeEach(async () => {
  t = startTestBackend();
  staticDir = tempDir().path;
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Afstemming</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  host = await startWebHost({ backend: t.backend, staticDir });
});
afterEach(async () => {
  await host.close();
  t.close();
});

/** Raw HTTP, so the test controls headers (fetch refuses to set Host). */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const auth = () => ({ authorization: `Bearer ${host.token}` });
const call = (method: string, input: unknown, headers: Record<string, string> = auth()) =>
  raw('/api/call', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ method, input }) });

describe('browser-mode host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('swaps the token in the link for an HttpOnly SameSite cookie and strips it from the URL', async () => {
    const res = await raw(`/?token=${host.token}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(String(res.headers['set-cookie'])).toMatch(/afstemming_token=.+; HttpOnly; SameSite=Strict/);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const page = await raw('/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Afstemming</title>');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'.*script-src 'self'/);
  });

  it('refuses every request without the right token', async () => {
    expect((await raw('/')).status).toBe(401);
    expect((await raw('/?token=wrong')).status).toBe(401);
    expect((await raw('/assets/app.js')).status).toBe(401);
    expect((await call('session.get', {}, {})).status).toBe(401);
    expect((await call('session.get', {}, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await raw('/api/events')).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    expect((await raw('/', { headers: { ...auth(), host: 'evil.example' } })).status).toBe(421);
    expect((await call('session.get', {}, { ...auth(), origin: 'https://evil.example' })).status).toBe(403);
  });

  it('dispatches API calls with the error envelope', async () => {
    const ok = await call('session.get', {});
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { needsFirstRater: true } });
    const unknown = await call('families.drop', {});
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const bad = await raw('/api/call', { method: 'POST', headers: { 'content-type': 'application/json', ...auth() }, body: '{nope' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(/geen geldige JSON/);
    const notJson = await raw('/api/call', { method: 'POST', headers: { 'content-type': 'text/plain', ...auth() }, body: '{}' });
    expect(notJson.status).toBe(415);
    const huge = await raw('/api/call', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth() },
      body: JSON.stringify({ method: 'session.get', input: { x: 'y'.repeat(33 * 1024 * 1024) } }),
    }).catch(() => ({ status: 413 }));
    expect(huge.status).toBe(413);
  });

  it('never serves files outside the build folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/%00', '/assets/nope.js']) {
      const res = await raw(path, { headers: auth() });
      expect([404, 400]).toContain(res.status);
      expect(res.body).not.toContain('"name"');
    }
    const spa = await raw('/families/3', { headers: auth() });
    expect(spa.body).toContain('<title>Afstemming</title>');
  });

  it('pushes events over server-sent events', async () => {
    const received = new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: auth() }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('event: data.changed')) {
            resolve(text);
            req.destroy();
          }
        });
      });
      req.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    await call('raters.create', { name: 'Eerste', initials: 'E', role: 'coordinator', pin: '2468-1357' });
    expect(await received).toMatch(/event: data.changed\ndata: \{"area":"raters","id":\d+\}/);
  });
});
