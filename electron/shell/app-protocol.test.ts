import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from './app-protocol';

const dir = mkdtempSync(join(tmpdir(), 'afstemming-app-proto-'));
mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
writeFileSync(join(dir, 'dist', 'index.html'), '<title>A</title>');
writeFileSync(join(dir, 'dist', 'assets', 'a.js'), 'x');
writeFileSync(join(dir, 'secret.txt'), 'secret');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const handle = createAppProtocolHandler(join(dir, 'dist'), null);
const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app:// protocol handler', () => {
  it('serves the build with the CSP header', async () => {
    const res = await get('app://afstemming/index.html');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<title>A</title>');
    const csp = res.headers.get('content-security-policy')!;
    for (const directive of ["default-src 'none'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect((await get('app://afstemming/assets/a.js')).headers.get('content-type')).toMatch(/javascript/);
  });

  it.each(['app://afstemming/../secret.txt', 'app://afstemming/%2e%2e/secret.txt', 'app://afstemming/assets/..%2f..%2fsecret.txt', 'app://afstemming/%00'])(
    'never leaves the build folder: %s',
    async (url) => {
      const res = await get(url);
      expect(await res.text()).not.toBe('secret');
    },
  );

  it('refuses other hosts and methods', async () => {
    expect((await get('app://evil/index.html')).status).toBe(403);
    expect((await get('app://afstemming/index.html', 'POST')).status).toBe(403);
  });
});
