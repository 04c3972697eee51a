import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/create-backend';
import { openDatabase } from '../../electron/backend/db/open-database';
import { loadMigrations } from '../../electron/backend/db/migrations';
import { refused } from './support/fragment-world';
import { seedFamily } from './support/seed';
import { MIGRATIONS_DIR, startTestBackend, tempDir, withCoordinator, type TestBackend, signInAs, createRater } from './support/temp-backend';

let t: TestBackend;
beforeEach(async () => {
  t = startTestBackend();
});
afterEach(() => t.close());

describe('access-log hash chain', () => {
  it('chains every row and reports the first row changed behind the app’s back', async () => {
    await withCoordinator(t.api);
    const family = await seedFamily(t.api, 'OB-26-801');
    await t.api.call('families.get', { id: family.id });
    const intact = await t.api.call('accessLog.verify', {});
    expect(intact).toMatchObject({ ok: true, firstBrokenId: null });
    expect(intact.checkedRows).toBeGreaterThan(3);

    const db = t.backend.db;
    const target = (db.prepare(`SELECT id FROM access_log WHERE action = 'family.read' ORDER BY id LIMIT 1`).get() as { id: number }).id;
    // The triggers forbid this; a tamperer drops them first.
    expect(() => db.prepare(`UPDATE access_log SET detail = 'niets gezien' WHERE id = ?`).run(target)).toThrow(/append-only/);
    db.exec('DROP TRIGGER access_log_no_update');
    db.prepare(`UPDATE access_log SET rater_name = 'Iemand anders' WHERE id = ?`).run(target);
    const broken = await t.api.call('accessLog.verify', {});
    expect(broken).toMatchObject({ ok: false, firstBrokenId: target });
    expect(broken.reason).toMatch(/gewijzigd/);
  });

  it('reports a deleted row and a row inserted without the app', async () => {
    await withCoordinator(t.api);
    const family = await seedFamily(t.api, 'OB-26-802');
    await t.api.call('families.get', { id: family.id });
    const db = t.backend.db;
    db.exec('DROP TRIGGER access_log_no_delete');
    const ids = (db.prepare('SELECT id FROM access_log ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    db.prepare('DELETE FROM access_log WHERE id = ?').run(ids[2]);
    expect(await t.api.call('accessLog.verify', {})).toMatchObject({ ok: false, firstBrokenId: ids[3] });

    const t2 = startTestBackend();
    try {
      await withCoordinator(t2.api);
      t2.backend.db.prepare(`INSERT INTO access_log (at, action, outcome) VALUES ('2026-01-01T00:00:00.000Z', 'family.read', 'ok')`).run();
      const forged = (t2.backend.db.prepare('SELECT max(id) AS id FROM access_log').get() as { id: number }).id;
      expect(await t2.api.call('accessLog.verify', {})).toMatchObject({ ok: false, firstBrokenId: forged });
    } finally {
      t2.close();
    }
  });

  it('chains rows written before migration 0007 once, at start-up', () => {
    const dir = tempDir();
    try {
      const all = loadMigrations(MIGRATIONS_DIR);
      const old = openDatabase({ file: join(dir.path, 'afstemming.sqlite'), migrations: all.slice(0, 6) });
      old.prepare(`INSERT INTO access_log (at, action, outcome, detail) VALUES ('2026-01-01T00:00:00.000Z', 'family.read', 'ok', 'oud')`).run();
      old.prepare(`INSERT INTO access_log (at, action, outcome, detail) VALUES ('2026-01-02T00:00:00.000Z', 'family.read', 'ok', 'oud')`).run();
      old.close();
      const backend = createBackend({ dataDir: dir.path, migrationsDir: MIGRATIONS_DIR, appVersion: 't', runJobs: false });
      try {
        expect(backend.db.prepare('SELECT count(*) AS n FROM access_log_chain').get()).toEqual({ n: 2 });
      } finally {
        backend.close();
      }
      const raw = new Database(join(dir.path, 'afstemming.sqlite'));
      expect(raw.prepare('SELECT log_id FROM access_log_chain ORDER BY log_id').all()).toEqual([{ log_id: 1 }, { log_id: 2 }]);
      raw.close();
    } finally {
      dir.remove();
    }
  });

  it('only a coordinator may verify', async () => {
    const coordinator = await withCoordinator(t.api);
    const rater = await createRater(t.api, { name: 'Bea', initials: 'B', role: 'rater' });
    await signInAs(t.api, rater.id);
    expect((await refused(t.api.call('accessLog.verify', {}))).code).toBe('forbidden');
    expect((await refused(t.api.call('accessLog.overview', {}))).code).toBe('forbidden');
    await signInAs(t.api, coordinator.id);
  });
});

describe('access-log overviews', () => {
  it('filters per family, per rater and by period, and logs each reading', async () => {
    const coordinator = await withCoordinator(t.api);
    const rater = await createRater(t.api, { name: 'Bea', initials: 'B', role: 'rater' });
    const a = await seedFamily(t.api, 'OB-26-811');
    const b = await seedFamily(t.api, 'OB-26-812');
    await signInAs(t.api, rater.id);
    await t.api.call('families.get', { id: b.id });
    await signInAs(t.api, coordinator.id);

    const ofA = await t.api.call('accessLog.overview', { familyId: a.id });
    expect(ofA.length).toBeGreaterThan(0);
    expect(ofA.every((row) => row.familyId === a.id)).toBe(true);
    expect(ofA[0]).toMatchObject({ action: 'access_log.overview', raterId: coordinator.id, familyCode: 'OB-26-811' });

    const ofRater = await t.api.call('accessLog.overview', { raterId: rater.id });
    expect(ofRater.map((row) => [row.action, row.familyCode])).toContainEqual(['family.read', 'OB-26-812']);
    expect(ofRater.every((row) => row.raterId === rater.id)).toBe(true);

    const today = new Date().toISOString().slice(0, 10);
    expect((await t.api.call('accessLog.overview', { familyId: b.id, from: today, to: today })).length).toBeGreaterThan(0);
    expect(await t.api.call('accessLog.overview', { familyId: b.id, from: '2020-01-01', to: '2020-12-31' })).toEqual([]);
    expect((await refused(t.api.call('accessLog.overview', { from: '2026-02-01', to: '2026-01-01' }))).code).toBe('invalid_input');

    const readings = t.backend.db.prepare(`SELECT detail FROM access_log WHERE action = 'access_log.overview' AND outcome = 'ok'`).all() as { detail: string }[];
    expect(readings.length).toBe(4);
    expect(readings.map((r) => r.detail)).toContain(`overzicht beoordelaar ${rater.id}, periode … t/m …`);
    expect((await t.api.call('accessLog.verify', {})).ok).toBe(true);
  });
});
