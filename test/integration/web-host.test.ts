import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, startWebHost, type WebHost } from '../../electron/web/web-host';
import { openBrowserClient } from './support/browser-client';
import { seedFamily, seedRecording } from './support/seed';
import { createRater, startTestBackend, tempDir, TEST_PIN, withCoordinator, type TestBackend } from './support/temp-backend';

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

type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** Raw HTTP, so the test controls headers (fetch refuses to set Host). */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) {
  return new Promise<RawResponse>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
const cookieFrom = (res: RawResponse) => String(res.headers['set-cookie']).split(';')[0]!;

async function openSession(): Promise<string> {
  const res = await raw(`/?token=${tokenOf(host.newLink())}`);
  expect(res.status).toBe(303);
  return cookieFrom(res);
}

const call = (method: string, input: unknown, headers: Record<string, string>) =>
  raw('/api/call', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ method, input }) });

describe('browser-mode host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('swaps a one-time link for an HttpOnly SameSite session cookie with a lifetime, and strips the token', async () => {
    const res = await raw(`/?token=${tokenOf(host.url)}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(String(res.headers['set-cookie'])).toMatch(new RegExp(`^${SESSION_COOKIE}=[\\w-]+; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200$`));
    const page = await raw('/', { headers: { cookie: cookieFrom(res) } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Afstemming</title>');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'.*script-src 'self'/);
    expect(page.headers['permissions-policy']).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  });

  it('spends a link once, and only on the start page', async () => {
    const link = tokenOf(host.newLink());
    expect((await raw(`/assets/app.js?token=${link}`)).status).toBe(401);
    expect((await raw(`/?token=${link}`)).status).toBe(303);
    const again = await raw(`/?token=${link}`);
    expect(again.status).toBe(401);
    expect(again.body).toMatch(/al gebruikt of verlopen/);
  });

  it('refuses every request without a live session', async () => {
    expect((await raw('/')).status).toBe(401);
    expect((await raw('/?token=wrong')).status).toBe(401);
    expect((await raw('/assets/app.js')).status).toBe(401);
    expect((await call('session.get', {}, {})).status).toBe(401);
    expect((await call('session.get', {}, { cookie: `${SESSION_COOKIE}=guessed` })).status).toBe(401);
    expect((await raw('/api/events')).status).toBe(401);
  });

  it('redirects localhost to 127.0.0.1, where the cookie lives, instead of refusing every call', async () => {
    const link = tokenOf(host.newLink());
    const res = await raw(`/?token=${link}`, { headers: { host: `localhost:${host.port}` } });
    expect(res.status).toBe(307);
    expect(res.headers.location).toBe(`${host.origin}/?token=${link}`);
    // The link still works on 127.0.0.1 afterwards: the redirect did not spend it.
    expect((await raw(`/?token=${link}`)).status).toBe(303);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const cookie = await openSession();
    expect((await raw('/', { headers: { cookie, host: 'evil.example' } })).status).toBe(421);
    expect((await call('session.get', {}, { cookie, origin: 'https://evil.example' })).status).toBe(403);
  });

  it('dispatches API calls with the error envelope, and answers an oversized body with a readable 413', async () => {
    const cookie = await openSession();
    const ok = await call('session.get', {}, { cookie });
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { needsFirstRater: true } });
    const unknown = await call('families.drop', {}, { cookie });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const bad = await raw('/api/call', { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{nope' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatchObject({ message: expect.stringMatching(/geen geldige JSON/), messageEn: 'The request is not valid JSON.' });
    const notJson = await raw('/api/call', { method: 'POST', headers: { 'content-type': 'text/plain', cookie }, body: '{}' });
    expect(notJson.status).toBe(415);
    // No catch here: a reset connection (what happened before) fails the test.
    const huge = await raw('/api/call', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ method: 'session.get', input: { x: 'y'.repeat(33 * 1024 * 1024) } }),
    });
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).error.message).toMatch(/te groot/);
  });

  it('never serves files outside the build folder', async () => {
    const cookie = await openSession();
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/%00', '/assets/nope.js']) {
      const res = await raw(path, { headers: { cookie } });
      expect([404, 400]).toContain(res.status);
      expect(res.body).not.toContain('"name"');
    }
    const spa = await raw('/families/3', { headers: { cookie } });
    expect(spa.body).toContain('<title>Afstemming</title>');
  });

  it('pushes events over server-sent events', async () => {
    const cookie = await openSession();
    const received = new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { cookie } }, (res) => {
        let text = '';
        let asked = false;
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          // The change is made once the stream says it is connected, not after a guessed pause.
          if (!asked && text.includes(': verbonden') && (asked = true)) void call('raters.create', { name: 'Eerste', initials: 'E', role: 'coordinator', pin: TEST_PIN }, { cookie });
          if (text.includes('event: data.changed')) {
            resolve(text);
            req.destroy();
          }
        });
      });
      req.end();
    });
    expect(await received).toMatch(/event: data.changed\ndata: \{"area":"raters","id":\d+\}/);
  });
});

describe('a session per browser tab', () => {
  it('keeps two tabs apart: each has its own rater, and signing out or locking one leaves the other', async () => {
    const coordinator = await withCoordinator(t.api);
    const rater = await createRater(t.api, { name: 'Bram Bakker', initials: 'BB', role: 'rater' });
    const anna = await openBrowserClient(host);
    const bram = await openBrowserClient(host);
    await anna.signIn(coordinator.id);
    await bram.signIn(rater.id);
    expect((await anna.api.call('session.get', {})).rater?.id).toBe(coordinator.id);
    expect((await bram.api.call('session.get', {})).rater?.id).toBe(rater.id);
    // A coordinator-only call works in Anna's tab and is refused in Bram's, at the same moment.
    expect(await anna.api.call('accessLog.verify', {})).toMatchObject({ ok: true });
    await expect(bram.api.call('accessLog.verify', {})).rejects.toMatchObject({ body: { code: 'forbidden' } });

    await bram.api.call('session.lock', {});
    expect((await bram.api.call('session.get', {})).rater).toBeNull();
    expect((await anna.api.call('session.get', {})).rater?.id).toBe(coordinator.id);

    const before = anna.cookie();
    await anna.api.call('session.signOut', {});
    // The cookie from before the sign-out grants nothing any more.
    expect((await call('session.get', {}, { cookie: before })).status).toBe(401);
    expect((await anna.api.call('session.get', {})).rater).toBeNull();
    // Bram's tab is locked but still his: it asks his PIN, not Anna's.
    expect((await bram.api.call('session.get', {})).lockedProfile?.id).toBe(rater.id);
  });

  it('gives a fresh session id at sign-in, so a cookie seen before it is worthless', async () => {
    const coordinator = await withCoordinator(t.api);
    const tab = await openBrowserClient(host);
    const before = tab.cookie();
    await tab.signIn(coordinator.id);
    expect(tab.cookie()).not.toBe(before);
    expect((await call('families.list', {}, { cookie: before })).status).toBe(401);
    expect(JSON.parse((await call('families.list', {}, { cookie: tab.cookie() })).body)).toMatchObject({ ok: true });
  });

  it('answers If-Range with an old date with the whole file, and never follows a symbolic link in the library', async () => {
    await withCoordinator(t.api);
    const tab = await openBrowserClient(host);
    await tab.signIn((await t.api.call('session.get', {})).rater!.id);
    const family = await seedFamily(t.api, 'OB-26-001');
    const recordingId = seedRecording(t.backend, { familyId: family.id, caregiverIds: [family.caregivers[0]!.id] });
    const { file_name: fileName } = t.backend.db
      .prepare('SELECT m.file_name FROM recordings r JOIN media_files m ON m.sha256 = r.media_sha256 WHERE r.id = ?')
      .get(recordingId) as { file_name: string };
    const planted = t.backend.services.library.original(fileName);
    writeFileSync(planted, Buffer.alloc(5000, 7));
    const ranged = await tab.fetch(`/media/${recordingId}`, { headers: { range: 'bytes=0-99' } });
    expect(ranged.status).toBe(206);
    const stale = await tab.fetch(`/media/${recordingId}`, { headers: { range: 'bytes=0-99', 'if-range': 'Tue, 01 Jan 2019 00:00:00 GMT' } });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(5000);

    rmSync(planted);
    symlinkSync(join(t.dataDir, 'afstemming.sqlite'), planted);
    const followed = await tab.fetch(`/media/${recordingId}`);
    expect(followed.status).toBe(404);
  });
});
