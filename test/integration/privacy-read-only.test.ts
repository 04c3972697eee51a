import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../../shared/api/client';
import type { MethodName } from '../../shared/api/contract';
import type { Envelope } from '../../shared/api/envelope';
import { createBackend, type Backend } from '../../electron/backend/create-backend';
import { READ_ONLY_MODE } from '../../electron/backend/method-policies';
import type { CallerSession } from '../../electron/backend/features/session/session-registry';
import { READ_ONLY_ACCESS_LOG_FILE } from '../../electron/backend/features/access-log/access-log-repository';
import { fragmentWorld } from './support/fragment-world';
import { seedFamily } from './support/seed';
import { localClient, MIGRATIONS_DIR, signInAs, startTestBackend, tempDir, TEST_PIN, TEST_SECRET_COST } from './support/temp-backend';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

function folder(prefix?: string) {
  const dir = tempDir(prefix);
  cleanups.push(dir.remove);
  return dir.path;
}

function start(dataDir: string): { backend: Backend; api: Api; caller(): CallerSession; call(method: string, input?: unknown): Promise<Envelope<unknown>> } {
  const backend = createBackend({ dataDir, migrationsDir: MIGRATIONS_DIR, appVersion: '0.0.0-test', runJobs: false, secretCost: TEST_SECRET_COST, onInternalError: () => undefined });
  cleanups.push(() => backend.close());
  const client = localClient(backend);
  return { backend, api: client.api, caller: () => client.caller, call: (method, input) => client.dispatch(method, input ?? {}) };
}

const DB = 'afstemming.sqlite';
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Damages the root page of `table` the way a bad sector would. The erasures table is empty and
 * read only at start-up, so every other read still works; `families` breaks the family reads too.
 */
function corrupt(dataDir: string, backend: Backend, table: string) {
  const { rootpage } = backend.db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number };
  const pageSize = backend.db.pragma('page_size', { simple: true }) as number;
  backend.close();
  const fd = openSync(join(dataDir, DB), 'r+');
  writeSync(fd, Buffer.alloc(64, 0xab), 0, 64, (rootpage - 1) * pageSize + (table === 'erasures' ? 0 : 8));
  closeSync(fd);
}

/** Every database file of the data folder (main file, WAL, shared memory) with its hash. */
function databaseFiles(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dataDir)) if (name.startsWith(DB)) out[name] = statSync(join(dataDir, name)).size === 0 ? 'empty' : sha(join(dataDir, name));
  return out;
}

describe('a damaged database opens read-only', () => {
  it('runs every read, refuses every change with read_only, and leaves the database file byte for byte as it was', async () => {
    const dataDir = folder();
    const backupTarget = folder('afstemming-backup-target-');
    const t = startTestBackend(dataDir);
    const world = await fragmentWorld(t);
    const roundId = world.blindRound([world.recordingId], [world.coordinator, world.rater]);
    const revealedRoundId = world.blindRound([world.recordingId], [world.coordinator, world.rater]);
    world.reveal(revealedRoundId);
    const backup = await t.api.call('backup.create', { targetDir: backupTarget });
    corrupt(dataDir, t.backend, 'erasures');
    const before = databaseFiles(dataDir);
    expect(Object.keys(before)).toEqual([DB]);

    const { backend, api, call, caller } = start(dataDir);
    expect(backend.db.readonly).toBe(true);
    // A start always locks; signing in still works (its attempt counters live in memory then).
    await signInAs(api, world.coordinator.id);
    expect(backend.services.readOnly).toMatchObject({ reason: 'integrity_check_failed' });

    const filters = { filters: { roundIds: [], moments: [], raterIds: [] } };
    // A valid input for every method that runs while read-only; a method without one fails the test below.
    const samples: Partial<Record<MethodName, unknown>> = {
      'session.get': {},
      'raters.list': {},
      'families.list': {},
      'families.suggestCode': {},
      'families.get': { id: world.familyId },
      'accessLog.forFamily': { familyId: world.familyId },
      'dossier.get': { familyId: world.familyId },
      'dossier.exportPdf': { familyId: world.familyId },
      'dossier.exportXlsx': { familyId: world.familyId },
      'visits.list': { familyId: world.familyId },
      'visitQuestions.list': { includeArchived: true },
      'feedbackSessions.get': { visitId: world.visitId },
      'feedbackSessions.candidates': { visitId: world.visitId },
      'goals.forFamily': { familyId: world.familyId },
      'evaluation.questions': { includeArchived: true },
      'evaluation.form': { familyId: world.familyId },
      'evaluation.summary': {},
      'evaluation.exportCsv': { dialect: 'semicolon' },
      'recordings.list': { familyId: world.familyId },
      'recordings.get': { id: world.recordingId },
      'jobs.list': { includeFinished: true },
      'tags.list': { includeArchived: true },
      'questions.list': { includeArchived: true },
      'fragments.list': { recordingId: world.recordingId },
      'fragments.export': { recordingId: world.recordingId, format: 'csv' },
      'trends.family': { familyId: world.familyId },
      'trends.team': {},
      'trends.exportCsv': { dialect: 'semicolon' },
      'trends.exportXlsx': {},
      'trends.exportFamilyPdf': { familyId: world.familyId },
      'trends.exportTeamPdf': {},
      'videoExports.list': { recordingId: world.recordingId },
      'scoring.anchors': {},
      'scoring.anchorVersions': { scale: 'sensitivity' },
      'scoring.recordings': {},
      'scoring.sheet': { recordingId: world.recordingId, roundId },
      'scoring.mine': {},
      'scoring.forRecording': { recordingId: world.recordingId },
      'rounds.list': {},
      'rounds.get': { roundId },
      'rounds.meeting': { roundId },
      'rounds.minutesPdf': { roundId: revealedRoundId },
      'agreement.overview': filters,
      'agreement.exportCsv': { ...filters, dialect: 'comma' },
      'accessLog.verify': {},
      'accessLog.overview': { familyId: world.familyId },
      'accessLog.exportCsv': { familyId: world.familyId },
      'backup.verify': { dir: backup.dir },
      'backup.restore': { dir: backup.dir },
      'meeting.setup': {},
      // Last: who is active lives in an in-memory copy of the settings while read-only.
      'session.touch': {},
      'session.lock': {},
      'session.selectRater': { raterId: world.rater.id, pin: TEST_PIN },
      'session.signOut': {},
    };
    const methods = Object.keys(READ_ONLY_MODE) as MethodName[];
    const runs = methods.filter((m) => READ_ONLY_MODE[m] === 'runs');
    expect(runs.filter((m) => !(m in samples)), 'methods marked "runs" without a sample input here').toEqual([]);

    const outcomes: Record<string, string> = {};
    for (const method of methods.filter((m) => READ_ONLY_MODE[m] === 'refused')) {
      const answer = await call(method, {});
      outcomes[method] = answer.ok ? 'ok' : answer.error.code;
    }
    for (const method of Object.keys(samples) as MethodName[]) {
      const answer = await call(method, samples[method]);
      outcomes[method] = answer.ok ? 'ok' : `${answer.error.code}: ${answer.error.message}`;
    }
    expect(outcomes).toEqual(Object.fromEntries(methods.map((m) => [m, READ_ONLY_MODE[m] === 'runs' ? 'ok' : 'read_only'])));

    const refusal = await call('families.create', { code: 'OB-26-999', babyBirthMonth: '2026-01', referralDate: '2026-02-01', caregivers: [] });
    expect(refusal).toMatchObject({ ok: false, error: { code: 'read_only', message: expect.stringMatching(/beschadigd.*alleen-lezen.*niets gewijzigd.*Zet back-up terug/) } });
    // Uploads are refused too: nothing could import them.
    const upload = await backend.media.receiveUpload((await import('node:stream')).Readable.from([Buffer.from('x')]), 'a.mp4', caller());
    expect(upload).toMatchObject({ ok: false, error: { code: 'read_only' } });

    backend.close();
    const after = databaseFiles(dataDir);
    // SQLite's read-only connection may create an empty WAL and its shared memory; the database itself is untouched.
    expect(after[DB]).toBe(before[DB]);
    expect(after[`${DB}-wal`] ?? 'empty').toBe('empty');
    // The access log could not be written: its rows wait in a side file (reads, refusals, the restore).
    const side = readFileSync(join(dataDir, READ_ONLY_ACCESS_LOG_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { action: string; outcome: string });
    expect(side).toContainEqual(expect.objectContaining({ action: 'family.read', outcome: 'ok' }));
    expect(side).toContainEqual(expect.objectContaining({ action: 'family.create', outcome: 'refused' }));
  });

  it('offers the restore: staged while read-only, swapped in at the next start, the damaged database kept aside', async () => {
    const dataDir = folder();
    const backupTarget = folder('afstemming-backup-target-');
    const first = start(dataDir);
    const coordinator = await first.api.call('raters.create', { name: 'Coördinator Test', initials: 'CT', role: 'coordinator', pin: TEST_PIN });
    await signInAs(first.api, coordinator.id);
    for (let i = 0; i < 30; i++) await seedFamily(first.api, `OB-26-${String(100 + i)}`);
    const backup = await first.api.call('backup.create', { targetDir: backupTarget });
    await seedFamily(first.api, 'OB-26-777'); // after the backup: lost by the restore, as the user is told
    corrupt(dataDir, first.backend, 'erasures');
    const damaged = sha(join(dataDir, DB));

    const second = start(dataDir);
    const session = await second.api.call('session.get', {});
    expect(session.readOnly).toMatchObject({ reason: 'integrity_check_failed', restoreStaged: false });
    expect(session.readOnly!.detail).not.toBe('');
    expect(session.lockedProfile?.id).toBe(coordinator.id);
    await signInAs(second.api, coordinator.id);
    expect((await second.api.call('families.list', {})).map((f) => f.code)).toContain('OB-26-777');
    expect((await second.api.call('backup.verify', { dir: backup.dir })).ok).toBe(true);
    expect(await second.api.call('backup.restore', { dir: backup.dir })).toMatchObject({ restartRequired: true });
    expect((await second.api.call('session.get', {})).readOnly).toMatchObject({ restoreStaged: true });
    second.backend.close();
    expect(sha(join(dataDir, DB))).toBe(damaged);

    const third = start(dataDir);
    expect(third.backend.db.readonly).toBe(false);
    expect((await third.api.call('session.get', {})).readOnly).toBeNull();
    await signInAs(third.api, coordinator.id);
    const codes = (await third.api.call('families.list', {})).map((f) => f.code);
    expect(codes).toHaveLength(30);
    expect(codes).not.toContain('OB-26-777');
    // The damaged database is kept aside exactly as it was, never deleted.
    const aside = readdirSync(dataDir).filter((name) => name.startsWith('before-restore-'));
    expect(aside).toHaveLength(1);
    expect(sha(join(dataDir, aside[0]!, DB))).toBe(damaged);
    // The rows logged while read-only are in the log now, chained, after the restore row.
    const log = await third.api.call('accessLog.overview', {});
    const actions = log.rows.map((row) => `${row.action}:${row.detail}`);
    expect(actions.some((a) => a.startsWith('backup.restore:') && a.includes('klaargezet'))).toBe(true);
    expect(actions.some((a) => a.startsWith('backup.restored:'))).toBe(true);
    expect((await third.api.call('accessLog.verify', {})).ok).toBe(true);
    expect(existsSync(join(dataDir, READ_ONLY_ACCESS_LOG_FILE))).toBe(false);
    expect(readdirSync(dataDir).some((name) => name.startsWith('access-log-read-only-imported-'))).toBe(true);
    // Writable again.
    await seedFamily(third.api, 'OB-26-888');
  });

  it('a damaged families table: session.get still reports read-only and nothing is written', async () => {
    const dataDir = folder();
    const first = start(dataDir);
    const coordinator = await first.api.call('raters.create', { name: 'Coördinator Test', initials: 'CT', role: 'coordinator', pin: TEST_PIN });
    await signInAs(first.api, coordinator.id);
    for (let i = 0; i < 30; i++) await seedFamily(first.api, `OB-26-${String(300 + i)}`);
    corrupt(dataDir, first.backend, 'families');
    const damaged = sha(join(dataDir, DB));

    const second = start(dataDir);
    expect((await second.api.call('session.get', {})).readOnly).toMatchObject({ reason: 'integrity_check_failed' });
    // Wrong PINs still lock the profile while read-only (counted in memory).
    for (let n = 0; n < 5; n++) await second.call('session.selectRater', { raterId: coordinator.id, pin: `fout-${n}` });
    expect(await second.call('session.selectRater', { raterId: coordinator.id, pin: TEST_PIN })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Te veel onjuiste pogingen/) },
    });
    expect(await second.call('visits.add', { familyId: 1, date: '2026-03-01', phase: 'introductie' })).toMatchObject({ ok: false, error: { code: 'read_only' } });
    await second.call('families.list', {});
    second.backend.close();
    expect(sha(join(dataDir, DB))).toBe(damaged);
  });
});

describe('a database that cannot be read at all', () => {
  it('is refused at start with a Dutch message and left exactly as it was', async () => {
    const dataDir = folder();
    const first = start(dataDir);
    await first.api.call('raters.create', { name: 'Coördinator Test', initials: 'CT', role: 'coordinator', pin: TEST_PIN });
    first.backend.close();
    const fd = openSync(join(dataDir, DB), 'r+');
    writeSync(fd, Buffer.alloc(16, 0xab), 0, 16, 0); // the header
    closeSync(fd);
    const damaged = sha(join(dataDir, DB));
    expect(() => createBackend({ dataDir, migrationsDir: MIGRATIONS_DIR, appVersion: 't', runJobs: false, onInternalError: () => undefined })).toThrow(
      /zo beschadigd dat hij niet te openen is.*niets gewijzigd/,
    );
    expect(sha(join(dataDir, DB))).toBe(damaged);
  });
});
