import { createHash } from 'node:crypto';
import { openSync, readFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/create-backend';
import { seedFamily } from './support/seed';
import { localClient, startTestBackend, tempDir, withCoordinator, MIGRATIONS_DIR } from './support/temp-backend';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('start-up integrity check', () => {
  it('opens a damaged database read-only, says so in Dutch and leaves the file exactly as it was', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const t = startTestBackend(dir.path);
    await withCoordinator(t.api);
    for (let i = 0; i < 30; i++) await seedFamily(t.api, `OB-26-${String(300 + i)}`);
    const { rootpage } = t.backend.db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'families'`).get() as { rootpage: number };
    const pageSize = t.backend.db.pragma('page_size', { simple: true }) as number;
    t.backend.close();

    const file = join(dir.path, 'afstemming.sqlite');
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(64, 0xab), 0, 64, (rootpage - 1) * pageSize + 8);
    closeSync(fd);
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');

    // Start-up no longer refuses: it opens read-only and offers the restore (privacy-read-only.test.ts).
    const damaged = createBackend({ dataDir: dir.path, migrationsDir: MIGRATIONS_DIR, appVersion: 't', runJobs: false, onInternalError: () => undefined });
    try {
      expect(damaged.db.readonly).toBe(true);
      const session = await localClient(damaged).dispatch('session.get', {});
      expect(session).toMatchObject({ ok: true, value: { readOnly: { reason: 'integrity_check_failed' } } });
      expect(await localClient(damaged).dispatch('families.create', {})).toMatchObject({
        ok: false,
        error: { code: 'read_only', message: expect.stringMatching(/database is beschadigd.*niets gewijzigd/) },
      });
    } finally {
      damaged.close();
    }
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });

  it('opens an intact database as usual', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const t = startTestBackend(dir.path);
    await withCoordinator(t.api);
    t.backend.close();
    const again = createBackend({ dataDir: dir.path, migrationsDir: MIGRATIONS_DIR, appVersion: 't', runJobs: false });
    expect(again.db.readonly).toBe(false);
    expect(await localClient(again).dispatch('session.get', {})).toMatchObject({ ok: true, value: { readOnly: null } });
    again.close();
  });
});
