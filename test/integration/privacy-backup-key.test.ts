import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/create-backend';
import { rememberedRater } from '../../electron/backend/features/session/session-handlers';
import type { Api } from '../../shared/api/client';
import { refused } from './support/fragment-world';
import { seedFamily } from './support/seed';
import { ERASED_CODE, makeUnkeyedDataDir } from './support/unkeyed-log';
import { localClient, MIGRATIONS_DIR, signInAs, tempDir, TEST_SECRET_COST, withCoordinator } from './support/temp-backend';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((fn) => fn()));

function folder(prefix?: string) {
  const dir = tempDir(prefix);
  cleanups.push(dir.remove);
  return dir.path;
}

function start(dataDir: string): { backend: Backend; api: Api; close(): void } {
  const backend = createBackend({ dataDir, migrationsDir: MIGRATIONS_DIR, appVersion: '0.0.0-test', runJobs: false, secretCost: TEST_SECRET_COST, onInternalError: () => undefined });
  let open = true;
  const close = () => {
    if (open) backend.close();
    open = false;
  };
  cleanups.push(close);
  return { backend, api: localClient(backend).api, close };
}

async function restartSignedIn(dataDir: string) {
  const app = start(dataDir);
  const who = rememberedRater(app.backend.db);
  if (who) await signInAs(app.api, who.id);
  return app;
}

const keyOf = (dir: string) => (JSON.parse(readFileSync(join(dir, 'access-log.key'), 'utf8')) as { keyId: string }).keyId;
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Rewrites a backup's manifest hashes after its files were changed (what anyone can do without the key). */
function rehash(dir: string) {
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { files: { path: string; size: number; sha256: string }[] };
  for (const file of manifest.files) {
    const abs = join(dir, ...file.path.split('/'));
    file.size = readFileSync(abs).length;
    file.sha256 = sha(abs);
  }
  writeFileSync(path, JSON.stringify(manifest, null, 2));
}

describe('the log key and anchor in backups', () => {
  it('restores a backup on a new machine with the backup’s own key: the log verifies, the erasure stays applied', async () => {
    const oldMachine = folder();
    const target = folder('afstemming-backup-target-');
    const old = start(oldMachine);
    await withCoordinator(old.api);
    const erased = await seedFamily(old.api, 'OB-26-951');
    await seedFamily(old.api, 'OB-26-952');
    const summary = await old.api.call('backup.create', { targetDir: target });
    await old.api.call('families.erase', { id: erased.id, confirmCode: 'OB-26-951' });
    old.close();

    // The new machine: installed fresh (its own key), then the coordinator restores the backup.
    const newMachine = folder();
    const fresh = start(newMachine);
    await withCoordinator(fresh.api, 'Nieuwe Coördinator');
    const freshKey = keyOf(newMachine);
    expect(freshKey).not.toBe(keyOf(oldMachine));
    await fresh.api.call('backup.restore', { dir: summary.dir });
    fresh.close();
    // The erasure register of the old machine comes along (as it would when copying the folder).
    writeFileSync(join(newMachine, 'erasures.jsonl'), readFileSync(join(oldMachine, 'erasures.jsonl')));

    const restored = await restartSignedIn(newMachine);
    expect(keyOf(newMachine)).toBe(keyOf(oldMachine));
    const aside = readdirSync(newMachine).find((name) => name.startsWith('before-restore-'))!;
    expect(keyOf(join(newMachine, aside))).toBe(freshKey);
    expect(existsSync(join(newMachine, aside, 'access-log.anchor'))).toBe(true);
    expect((await restored.api.call('families.list', {})).map((f) => f.code)).toEqual(['OB-26-952']);
    expect(await restored.api.call('accessLog.verify', {})).toMatchObject({ ok: true });
    const db = restored.backend.db;
    expect(db.prepare(`SELECT count(*) AS n FROM access_log WHERE family_code = 'OB-26-951' OR detail LIKE '%OB-26-951%'`).get()).toEqual({ n: 0 });
  });

  it('refuses a backup without its key, or whose signed head was changed', async () => {
    const data = folder();
    const target = folder('afstemming-backup-target-');
    const app = start(data);
    await withCoordinator(app.api);
    const summary = await app.api.call('backup.create', { targetDir: target });

    const path = join(summary.dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as { accessLogAnchor: { logId: number } };
    writeFileSync(path, JSON.stringify({ ...manifest, accessLogAnchor: { ...manifest.accessLogAnchor, logId: manifest.accessLogAnchor.logId - 1 } }));
    const check = await app.api.call('backup.verify', { dir: summary.dir });
    expect(check).toMatchObject({ ok: false, problems: ['Het laatste punt van het toegangslogboek in het manifest is niet met de sleutel van deze back-up ondertekend.'] });

    writeFileSync(path, JSON.stringify(manifest));
    rmSync(join(summary.dir, 'access-log.key'));
    const withoutKey = JSON.parse(readFileSync(path, 'utf8')) as { files: { path: string }[] };
    withoutKey.files = withoutKey.files.filter((file) => file.path !== 'access-log.key');
    writeFileSync(path, JSON.stringify(withoutKey));
    expect((await app.api.call('backup.verify', { dir: summary.dir })).problems).toEqual([
      'Het sleutelbestand van het toegangslogboek (access-log.key) ontbreekt in deze back-up: het teruggezette logboek zou niet te controleren zijn.',
    ]);
    expect((await refused(app.api.call('backup.restore', { dir: summary.dir }))).message).toMatch(/niet in orde; er is niets teruggezet/);
  });

  it('finds it when the log in a backup was cut short before the restore', async () => {
    const data = folder();
    const target = folder('afstemming-backup-target-');
    const app = start(data);
    await withCoordinator(app.api);
    const family = await seedFamily(app.api, 'OB-26-961');
    await app.api.call('families.get', { id: family.id });
    const summary = await app.api.call('backup.create', { targetDir: target });
    const anchor = (JSON.parse(readFileSync(join(summary.dir, 'manifest.json'), 'utf8')) as { accessLogAnchor: { logId: number } }).accessLogAnchor;

    // In the backup: the last rows and their links gone, the manifest's file hashes made to fit.
    const copy = new Database(join(summary.dir, 'afstemming.sqlite'));
    copy.exec('DROP TRIGGER access_log_no_delete; DROP TRIGGER access_log_mac_no_delete');
    copy.prepare('DELETE FROM access_log WHERE id > ?').run(anchor.logId - 2);
    copy.prepare('DELETE FROM access_log_mac WHERE log_id > ?').run(anchor.logId - 2);
    copy.close();
    rehash(summary.dir);
    expect((await app.api.call('backup.verify', { dir: summary.dir })).ok).toBe(true);
    await app.api.call('backup.restore', { dir: summary.dir });
    app.close();

    const restored = await restartSignedIn(data);
    const found = await restored.api.call('accessLog.verify', {});
    expect(found).toMatchObject({ ok: false, anchorLogId: anchor.logId, reason: expect.stringMatching(/regels verwijderd/) });
  });

  it('restores a backup from before keys: its log is linked with this installation’s key and its erased codes replaced', async () => {
    // An old backup: schema 9, unkeyed chain, an erased family's code in clear in the database and the register.
    const oldData = folder();
    makeUnkeyedDataDir(oldData);
    const backupDir = join(folder('afstemming-backup-target-'), 'afstemming-backup-2025-02-07T09-00-00-000Z');
    mkdirSync(backupDir);
    const files = ['afstemming.sqlite', 'erasures.jsonl'].map((name) => {
      writeFileSync(join(backupDir, name), readFileSync(join(oldData, name)));
      return { path: name, size: readFileSync(join(backupDir, name)).length, sha256: sha(join(backupDir, name)) };
    });
    writeFileSync(
      join(backupDir, 'manifest.json'),
      JSON.stringify({ format: 'afstemming-backup', version: 1, createdAt: '2025-02-07T09:00:00.000Z', appVersion: '0.9.0', schemaVersion: 9, accessLogHead: null, files }),
    );

    const data = folder();
    const app = start(data);
    await withCoordinator(app.api);
    const key = keyOf(data);
    expect(await app.api.call('backup.verify', { dir: backupDir })).toMatchObject({ ok: true });
    await app.api.call('backup.restore', { dir: backupDir });
    app.close();

    const restored = start(data);
    expect(keyOf(data)).toBe(key);
    const db = restored.backend.db;
    expect(db.prepare(`SELECT outcome FROM access_log WHERE action = 'access_log.keyed'`).get()).toEqual({ outcome: 'ok' });
    expect(db.prepare(`SELECT count(*) AS n FROM access_log WHERE family_code = ? OR detail LIKE ?`).get(ERASED_CODE, `%${ERASED_CODE}%`)).toEqual({ n: 0 });
    expect(readFileSync(join(data, 'erasures.jsonl'), 'utf8')).not.toContain(ERASED_CODE);
    await withCoordinator(restored.api);
    expect(await restored.api.call('accessLog.verify', {})).toMatchObject({ ok: true });
  });
});
