import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const gate = (target: string) => spawnSync(process.execPath, ['scripts/electronegativity-gate.mjs', target], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });

describe('electronegativity gate (CI)', () => {
  it('passes the real Electron shell', () => {
    const run = gate('electron');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('fails when a window turns off context isolation, sandbox and web security and no handlers exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'afstemming-insecure-shell-'));
    try {
      cpSync(join(ROOT, 'scripts/electronegativity-canary/insecure-window.js'), join(dir, 'main.js'));
      const run = gate(dir);
      expect(run.status).toBe(1);
      for (const check of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']) {
        expect(run.stderr).toContain(check);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
