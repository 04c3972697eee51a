import { appendFileSync, cpSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../shared/api/client';
import { ApiError } from '../../shared/api/envelope';
import type { Family } from '../../shared/domain/entities';
import { createBackend, type Backend } from '../../electron/backend/create-backend';
import { makeClip } from '../fixtures/clips';
import { refused } from './support/fragment-world';
import { rememberedRater } from '../../electron/backend/features/session/session-handlers';
import { localClient, type LocalClient, MIGRATIONS_DIR, signInAs, tempDir, TEST_SECRET_COST, withCoordinator } from './support/temp-backend';

let data: ReturnType<typeof tempDir>;
let target: ReturnType<typeof tempDir>;
let backend: Backend;
let client: LocalClient;
let api: Api;

function start() {
  backend = createBackend({ dataDir: data.path, migrationsDir: MIGRATIONS_DIR, appVersion: '0.0.0-test', secretCost: TEST_SECRET_COST, onInternalError: () => undefined });
  client = localClient(backend);
  api = client.api;
}

/** A restart locks the workstation; the coordinator signs in again, as after any restart. */
async function startSignedIn() {
  start();
  const who = rememberedRater(backend.db);
  if (who) await signInAs(api, who.id);
}

beforeEach(async () => {
  data = tempDir();
  target = tempDir('afstemming-backup-target-');
  start();
  await withCoordinator(api);
});
afterEach(() => {
  backend.close();
  data.remove();
  target.remove();
});

async function family(code: string): Promise<Family> {
  const f = await api.call('families.create', { code, babyBirthMonth: '2026-01', referralDate: '2026-02-01', caregivers: [{ role: 'moeder', label: 'moeder' }] });
  await api.call('visits.add', { familyId: f.id, date: '2026-03-01', phase: 'introductie' });
  return api.call('families.get', { id: f.id });
}

async function importInto(f: Family, path: string) {
  const upload = await backend.media.receiveUpload(createReadStream(path), encodeURIComponent(basename(path)), client.caller);
  if (!upload.ok) throw new ApiError(upload.error);
  return api.call('recordings.importUpload', {
    uploadId: upload.value.uploadId,
    familyId: f.id,
    visitId: f.visits[0]!.id,
    caregiverIds: [f.caregivers[0]!.id],
    activity: 'bad',
    moment: 'voormeting',
    recordedOn: '2026-03-01',
  });
}

const originals = () => readdirSync(join(data.path, 'library', 'originals')).sort();

describe('backup and restore', () => {
  it('backs up while running, verifies, restores at the next start and applies later erasures again', async () => {
    const shared = await makeClip({ durationS: 2, width: 160, height: 120, fps: 25, vcodec: 'h264', acodec: 'aac', container: 'mp4' });
    const own = await makeClip({ durationS: 3, width: 160, height: 120, fps: 25, vcodec: 'h264', acodec: 'aac', container: 'mp4' });
    const a = await family('OB-26-901');
    const b = await family('OB-26-902');
    await importInto(a, shared);
    await importInto(a, own);
    const recB = await importInto(b, shared);
    await backend.services.jobs.whenIdle();
    const originalsAtBackup = originals();
    expect(originalsAtBackup).toHaveLength(2);

    // Refused: a relative path, a folder inside the data folder, a folder that does not exist.
    expect((await refused(api.call('backup.create', { targetDir: 'back-ups' }))).code).toBe('invalid_input');
    expect((await refused(api.call('backup.create', { targetDir: join(data.path, 'library') }))).message).toMatch(/buiten de gegevensmap/);
    expect((await refused(api.call('backup.create', { targetDir: join(target.path, 'nope') }))).code).toBe('not_found');
    expect((await refused(api.call('backup.create', {}))).message).toMatch(/pad van de map/);

    const summary = await api.call('backup.create', { targetDir: target.path });
    expect(summary.dir.startsWith(target.path)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(summary.dir, 'manifest.json'), 'utf8')) as {
      files: { path: string; sha256: string; size: number }[];
      accessLogAnchor: { logId: number; mac: string; keyId: string; sig: string };
    };
    const headRow = backend.db.prepare('SELECT mac FROM access_log_mac WHERE log_id = ?').get(manifest.accessLogAnchor.logId) as { mac: string };
    expect(headRow.mac).toBe(manifest.accessLogAnchor.mac);
    expect(manifest.accessLogAnchor.sig).toMatch(/^[0-9a-f]{64}$/);
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toContain('afstemming.sqlite');
    // The key travels with the backup, beside the database, not in it; readable by this user only.
    expect(paths).toContain('access-log.key');
    expect(readFileSync(join(summary.dir, 'access-log.key'))).toEqual(readFileSync(join(data.path, 'access-log.key')));
    if (process.platform !== 'win32') expect(statSync(join(summary.dir, 'access-log.key')).mode & 0o777).toBe(0o600);
    for (const name of originalsAtBackup) expect(paths).toContain(`library/originals/${name}`);
    expect(paths.some((p) => p.startsWith('library/derived/'))).toBe(true);
    expect(manifest.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256) && f.size > 0)).toBe(true);
    expect(await api.call('backup.verify', { dir: summary.dir })).toMatchObject({ ok: true, problems: [] });
    expect(backend.db.prepare(`SELECT count(*) AS n FROM access_log WHERE action = 'backup.create' AND outcome = 'ok'`).get()).toEqual({ n: 1 });

    // A damaged copy is reported and never restored: nothing is staged, nothing replaced.
    const damaged = join(target.path, 'damaged');
    cpSync(summary.dir, damaged, { recursive: true });
    appendFileSync(join(damaged, 'library', 'originals', originalsAtBackup[0]!), 'x');
    const check = await api.call('backup.verify', { dir: damaged });
    expect(check.ok).toBe(false);
    expect(check.problems.join(' ')).toContain(`Gewijzigd of beschadigd: library/originals/${originalsAtBackup[0]}`);
    expect((await refused(api.call('backup.restore', { dir: damaged }))).message).toMatch(/niet in orde; er is niets teruggezet/);
    expect(existsSync(join(data.path, 'restore-pending'))).toBe(false);

    // After the backup: family A is erased, family C is added.
    await api.call('families.erase', { id: a.id, confirmCode: 'OB-26-901' });
    await family('OB-26-903');
    expect(originals()).toHaveLength(1);

    const staged = await api.call('backup.restore', { dir: summary.dir });
    expect(staged).toMatchObject({ restartRequired: true, backupCreatedAt: summary.createdAt });
    // Nothing changes until the restart.
    expect((await api.call('families.list', {})).map((f) => f.code).sort()).toEqual(['OB-26-902', 'OB-26-903']);

    backend.close();
    await startSignedIn();
    // The backup's state (C is gone) without the family erased after it (A stays erased).
    expect((await api.call('families.list', {})).map((f) => f.code)).toEqual(['OB-26-902']);
    expect(originals()).toHaveLength(1);
    expect((await api.call('recordings.list', { familyId: b.id })).map((r) => r.id)).toEqual([recB.id]);
    const res = await backend.media.serveMedia(new Request(`http://x/media/${recB.id}`, { headers: { range: 'bytes=0-99' } }), client.caller);
    expect(res.status).toBe(206);
    const erasedRef = (backend.db.prepare('SELECT family_code FROM erasures').all() as { family_code: string }[]).map((r) => r.family_code);
    expect(erasedRef).toEqual([expect.stringMatching(/^gewist:[0-9a-f]{32}$/)]);
    // What the restore replaced is kept aside, never deleted by the app; the staged copy is gone.
    expect(readdirSync(data.path).some((name) => name.startsWith('before-restore-'))).toBe(true);
    expect(existsSync(join(data.path, 'restore-pending'))).toBe(false);
    expect((await api.call('accessLog.verify', {})).ok).toBe(true);
    // Log rows written after the backup (the erasure, family C) are carried over, then the restore itself.
    const actions = (backend.db.prepare('SELECT action, family_code, detail FROM access_log ORDER BY id').all() as { action: string; family_code: string | null; detail: string }[]);
    const carried = actions.filter((row) => row.action === 'family.create' && row.family_code === 'OB-26-903');
    expect(carried).toHaveLength(1);
    const restoredRow = actions.find((row) => row.action === 'backup.restored');
    expect(restoredRow?.detail).toMatch(/^back-up van .* teruggezet; \d+ logregels van na de back-up overgenomen$/);
    expect(actions.filter((row) => row.action === 'family.erase' && row.family_code === erasedRef[0]).map((r) => r.detail)).toEqual([
      'gezin definitief verwijderd',
      'gezin definitief verwijderd (opnieuw toegepast na terugzetten)',
    ]);
    // The restored backup still had family A's code in clear; the re-applied erasure replaced it everywhere.
    expect(actions.filter((row) => row.family_code === 'OB-26-901' || row.detail.includes('OB-26-901'))).toEqual([]);
  });

  it('does not erase a new family that reuses an erased code', async () => {
    const a = await family('OB-26-911');
    await api.call('families.erase', { id: a.id, confirmCode: 'OB-26-911' });
    const again = await family('OB-26-911');
    backend.close();
    await startSignedIn();
    expect((await api.call('families.get', { id: again.id })).code).toBe('OB-26-911');
  });

  it('refuses a manifest that names a file outside the library', async () => {
    const summary = await api.call('backup.create', { targetDir: target.path });
    const manifestPath = join(summary.dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: { path: string; size: number; sha256: string }[] };
    manifest.files.push({ path: '../../evil.sh', size: 1, sha256: '0'.repeat(64) });
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const check = await api.call('backup.verify', { dir: summary.dir });
    expect(check.ok).toBe(false);
    expect(check.problems).toContain('Ongeldig pad in het manifest: ../../evil.sh');
    expect((await refused(api.call('backup.restore', { dir: summary.dir }))).code).toBe('invalid_input');
  });

  it('finishes a restore that a crash interrupted halfway', async () => {
    await family('OB-26-921');
    const summary = await api.call('backup.create', { targetDir: target.path });
    await family('OB-26-922');
    await api.call('backup.restore', { dir: summary.dir });
    backend.close();
    // The crash: the database was already swapped in, the library not yet.
    const aside = join(data.path, 'crashed-aside');
    mkdirSync(aside);
    for (const name of ['afstemming.sqlite', 'afstemming.sqlite-wal', 'afstemming.sqlite-shm']) {
      if (existsSync(join(data.path, name))) renameSync(join(data.path, name), join(aside, name));
    }
    renameSync(join(data.path, 'restore-pending', 'afstemming.sqlite'), join(data.path, 'afstemming.sqlite'));
    await startSignedIn();
    expect((await api.call('families.list', {})).map((f) => f.code)).toEqual(['OB-26-921']);
    expect(existsSync(join(data.path, 'restore-pending'))).toBe(false);
    rmSync(aside, { recursive: true, force: true });
  });
});
