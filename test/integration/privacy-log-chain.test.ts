import Database from 'better-sqlite3';
import { createHash, createHmac } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/create-backend';
import { rememberedRater } from '../../electron/backend/features/session/session-handlers';
import { LOG_ANCHOR_FILE } from '../../electron/backend/features/privacy/log-anchor';
import { LOG_KEY_FILE } from '../../electron/backend/features/privacy/log-key';
import type { Api } from '../../shared/api/client';
import { refused } from './support/fragment-world';
import { seedFamily } from './support/seed';
import { ERASED_CODE, LIVING_CODE, makeUnkeyedDataDir } from './support/unkeyed-log';
import { createRater, localClient, MIGRATIONS_DIR, signInAs, startTestBackend, tempDir, TEST_SECRET_COST, withCoordinator } from './support/temp-backend';

const DB = 'afstemming.sqlite';
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((fn) => fn()));

function folder() {
  const dir = tempDir();
  cleanups.push(dir.remove);
  return dir.path;
}

interface Running {
  backend: Backend;
  api: Api;
  close(): void;
}

/** The real back end on a data folder that outlives it (restarts, tampering while it is closed). */
function start(dataDir: string): Running {
  const backend = createBackend({ dataDir, migrationsDir: MIGRATIONS_DIR, appVersion: '0.0.0-test', runJobs: false, secretCost: TEST_SECRET_COST, onInternalError: () => undefined });
  let open = true;
  const close = () => {
    if (open) backend.close();
    open = false;
  };
  cleanups.push(close);
  return { backend, api: localClient(backend).api, close };
}

/** A restart locks the workstation: the coordinator signs in again. */
async function restart(previous: Running, dataDir: string): Promise<Running> {
  previous.close();
  const next = start(dataDir);
  const who = rememberedRater(next.backend.db);
  if (who && !next.backend.db.readonly) await signInAs(next.api, who.id);
  return next;
}

/** Someone with the database file but without the key: the app is closed, triggers are dropped, rows changed with SQL. */
function tamper(dataDir: string, sql: (db: Database.Database) => void) {
  const db = new Database(join(dataDir, DB));
  db.exec('DROP TRIGGER IF EXISTS access_log_no_update; DROP TRIGGER IF EXISTS access_log_no_delete; DROP TRIGGER IF EXISTS access_log_mac_no_update; DROP TRIGGER IF EXISTS access_log_mac_no_delete;');
  sql(db);
  db.close();
}

const lastId = (db: Database.Database) => (db.prepare('SELECT max(id) AS id FROM access_log').get() as { id: number }).id;

async function usedLog(dataDir: string) {
  const app = start(dataDir);
  await withCoordinator(app.api);
  const family = await seedFamily(app.api, 'OB-26-801');
  for (let i = 0; i < 3; i++) await app.api.call('families.get', { id: family.id });
  return { app, family };
}

describe('the keyed access log', () => {
  it('is intact after normal use, with its key (this user only) and its anchor beside the database', async () => {
    const dataDir = folder();
    const { app } = await usedLog(dataDir);
    const report = await app.api.call('accessLog.verify', {});
    expect(report).toMatchObject({ ok: true, firstBrokenId: null, reason: null });
    expect(report.checkedRows).toBeGreaterThan(5);
    // The verify itself was logged after the check: the anchor names the row before it.
    expect(report.anchorLogId).toBe(lastId(app.backend.db) - 1);
    if (process.platform !== 'win32') expect(statSync(join(dataDir, LOG_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // The secret is nowhere in the database.
    const secret = (JSON.parse(readFileSync(join(dataDir, LOG_KEY_FILE), 'utf8')) as { secret: string }).secret;
    app.close();
    expect(readFileSync(join(dataDir, DB)).includes(Buffer.from(secret))).toBe(false);
    expect(readFileSync(join(dataDir, DB)).includes(Buffer.from(secret, 'hex'))).toBe(false);
  });

  it('finds the last rows deleted together with their links, also after a restart and new rows', async () => {
    const dataDir = folder();
    let { app } = await usedLog(dataDir);
    const last = lastId(app.backend.db);
    app.close();
    tamper(dataDir, (db) => {
      db.prepare('DELETE FROM access_log WHERE id > ?').run(last - 3);
      db.prepare('DELETE FROM access_log_mac WHERE log_id > ?').run(last - 3);
    });
    app = await restart(app, dataDir);
    const found = await app.api.call('accessLog.verify', {});
    expect(found).toMatchObject({ ok: false, anchorLogId: last });
    // AUTOINCREMENT: the sign-in after the restart got a new id, so the anchor's row is gone while the log goes on.
    expect(found.reason).toMatch(/aan het eind van het logboek zijn regels verwijderd/i);
    expect(found.firstBrokenId).toBe(last);

    // Nothing changes on failure: the anchor stays where it was, however many rows follow.
    for (let i = 0; i < 3; i++) await app.api.call('raters.list', {});
    app = await restart(app, dataDir);
    expect(await app.api.call('accessLog.verify', {})).toMatchObject({ ok: false, firstBrokenId: last, anchorLogId: last });
  });

  it('finds the last rows deleted when the sequence is reset too (the log now ends before the anchor)', async () => {
    const dataDir = folder();
    const { app } = await usedLog(dataDir);
    const db = app.backend.db;
    const last = lastId(db);
    // While the app runs, with its own connection: the next verify must not move the anchor back.
    db.exec('DROP TRIGGER access_log_no_delete; DROP TRIGGER access_log_mac_no_delete');
    db.prepare('DELETE FROM access_log WHERE id > ?').run(last - 2);
    db.prepare('DELETE FROM access_log_mac WHERE log_id > ?').run(last - 2);
    const found = await app.api.call('accessLog.verify', {});
    expect(found).toMatchObject({ ok: false, firstBrokenId: last - 1, anchorLogId: last });
    expect(found.reason).toBe(
      `Aan het eind van het logboek zijn regels verwijderd: volgens het anker buiten de database loopt het tot en met regel ${last}, maar de laatste regel is ${last - 2}.`,
    );
  });

  it('finds a row edited and every later link recomputed without the key', async () => {
    const dataDir = folder();
    const used = await usedLog(dataDir);
    let app = used.app;
    const family = used.family;
    app.close();
    let target = 0;
    tamper(dataDir, (db) => {
      target = (db.prepare(`SELECT id FROM access_log WHERE action = 'family.read' AND family_id = ? ORDER BY id LIMIT 1`).get(family.id) as { id: number }).id;
      db.prepare(`UPDATE access_log SET rater_name = 'Iemand anders' WHERE id = ?`).run(target);
      // Recompute the link of that row and of every later one: with sha256 as before, and with an
      // HMAC under a guessed key. Neither fits; the anchor's link is left as it was.
      const rows = db.prepare('SELECT * FROM access_log WHERE id >= ? ORDER BY id').all(target) as Record<string, unknown>[];
      let prev = (db.prepare('SELECT mac FROM access_log_mac WHERE log_id < ? ORDER BY log_id DESC LIMIT 1').get(target) as { mac: string }).mac;
      for (const row of rows) {
        const content = JSON.stringify(Object.values(row));
        const mac = row.id === target ? createHash('sha256').update(`${prev}\n${content}`).digest('hex') : createHmac('sha256', 'geraden').update(`${prev}\n${content}`).digest('hex');
        db.prepare('UPDATE access_log_mac SET prev_mac = ?, mac = ? WHERE log_id = ?').run(prev, mac, row.id);
        prev = mac;
      }
    });
    app = await restart(app, dataDir);
    const found = await app.api.call('accessLog.verify', {});
    expect(found).toMatchObject({ ok: false, firstBrokenId: target });
    expect(found.reason).toBe(`Regel ${target} is gewijzigd nadat hij is vastgelegd: zijn schakel past niet bij de inhoud, en zonder de sleutel is die niet opnieuw te maken.`);
  });

  it('finds a row deleted in the middle and a row added without the app', async () => {
    const dataDir = folder();
    let { app } = await usedLog(dataDir);
    const ids = (app.backend.db.prepare('SELECT id FROM access_log ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    app.close();
    tamper(dataDir, (db) => {
      db.prepare('DELETE FROM access_log WHERE id = ?').run(ids[2]);
      db.prepare('DELETE FROM access_log_mac WHERE log_id = ?').run(ids[2]);
    });
    app = await restart(app, dataDir);
    expect(await app.api.call('accessLog.verify', {})).toMatchObject({ ok: false, firstBrokenId: ids[3], reason: `Vóór regel ${ids[3]} is een regel verwijderd of vervangen: de keten sluit hier niet aan.` });

    const other = folder();
    const second = (await usedLog(other)).app;
    second.backend.db.prepare(`INSERT INTO access_log (at, action, outcome) VALUES ('2026-01-01T00:00:00.000Z', 'family.read', 'ok')`).run();
    const forged = lastId(second.backend.db);
    expect(await second.api.call('accessLog.verify', {})).toMatchObject({ ok: false, firstBrokenId: forged, reason: expect.stringMatching(/buiten Afstemming om toegevoegd/) });
  });

  it('reports a missing anchor, never makes a new one by itself, and is intact again once the file is back', async () => {
    const dataDir = folder();
    let { app } = await usedLog(dataDir);
    app.close();
    renameSync(join(dataDir, LOG_ANCHOR_FILE), join(dataDir, 'anker-ergens-anders'));
    app = await restart(app, dataDir);
    await app.api.call('raters.list', {});
    const found = await app.api.call('accessLog.verify', {});
    expect(found).toMatchObject({ ok: false, firstBrokenId: null, anchorLogId: null });
    expect(found.reason).toMatch(/^Het anker buiten de database \(access-log\.anchor in de gegevensmap\) ontbreekt/);
    app = await restart(app, dataDir);
    expect(existsSync(join(dataDir, LOG_ANCHOR_FILE))).toBe(false);

    // Put back: it is an earlier link of the same chain, and it moves on to the head.
    app.close();
    renameSync(join(dataDir, 'anker-ergens-anders'), join(dataDir, LOG_ANCHOR_FILE));
    app = await restart(app, dataDir);
    expect(await app.api.call('accessLog.verify', {})).toMatchObject({ ok: true });
  });

  it('accepts an anchor that trails the head, as after a crash between a commit and its anchor write', async () => {
    const dataDir = folder();
    const { app } = await usedLog(dataDir);
    const before = lastId(app.backend.db);
    copyFileSync(join(dataDir, LOG_ANCHOR_FILE), join(dataDir, 'anker-kopie'));
    await seedFamily(app.api, 'OB-26-802');
    await app.api.call('raters.list', {});
    // The "crash": the process is gone before the anchor's rename reached the disk.
    app.backend.db.close();
    copyFileSync(join(dataDir, 'anker-kopie'), join(dataDir, LOG_ANCHOR_FILE));
    const next = await restart(app, dataDir);
    const report = await next.api.call('accessLog.verify', {});
    expect(report).toMatchObject({ ok: true });
    expect(report.anchorLogId).toBeGreaterThan(before);
  });

  it('refuses an anchor moved back by hand: it is not signed with the key', async () => {
    const dataDir = folder();
    let { app } = await usedLog(dataDir);
    const head = app.backend.db.prepare('SELECT log_id, mac FROM access_log_mac ORDER BY log_id DESC LIMIT 1 OFFSET 2').get() as { log_id: number; mac: string };
    app.close();
    const anchor = JSON.parse(readFileSync(join(dataDir, LOG_ANCHOR_FILE), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dataDir, LOG_ANCHOR_FILE), JSON.stringify({ ...anchor, logId: head.log_id, mac: head.mac }));
    tamper(dataDir, (db) => {
      db.prepare('DELETE FROM access_log WHERE id > ?').run(head.log_id);
      db.prepare('DELETE FROM access_log_mac WHERE log_id > ?').run(head.log_id);
    });
    app = await restart(app, dataDir);
    const found = await app.api.call('accessLog.verify', {});
    expect(found).toMatchObject({ ok: false, anchorLogId: null });
    expect(found.reason).toMatch(/het is gewijzigd: de ondertekening met de sleutel klopt niet/);
  });

  it('opens read-only and changes nothing while its key file is missing or another one; back to normal with its own key', async () => {
    const dataDir = folder();
    let { app } = await usedLog(dataDir);
    const rows = lastId(app.backend.db);
    app.close();
    renameSync(join(dataDir, LOG_KEY_FILE), join(dataDir, 'sleutel-bewaard'));
    const sha = () => createHash('sha256').update(readFileSync(join(dataDir, DB))).digest('hex');
    const before = sha();

    app = start(dataDir);
    expect(app.backend.db.readonly).toBe(true);
    expect(app.backend.services.readOnly).toMatchObject({ reason: 'log_key_missing', detail: expect.stringContaining('access-log.key is missing') });
    // No new key was made in its place.
    expect(existsSync(join(dataDir, LOG_KEY_FILE))).toBe(false);
    const who = rememberedRater(app.backend.db)!;
    await signInAs(app.api, who.id);
    const verify = await app.api.call('accessLog.verify', {});
    expect(verify).toMatchObject({ ok: false, reason: expect.stringMatching(/sleutelbestand van het logboek \(access-log\.key\) ontbreekt/) });
    const change = await refused(app.api.call('families.create', { code: 'OB-26-899', babyBirthMonth: '2026-01', referralDate: '2026-02-01', caregivers: [] }));
    expect(change).toMatchObject({ code: 'read_only', message: expect.stringMatching(/^Het sleutelbestand van het toegangslogboek \(access-log\.key\) ontbreekt/) });

    // Another installation's key is no better.
    app.close();
    const elsewhere = folder();
    start(elsewhere).close();
    copyFileSync(join(elsewhere, LOG_KEY_FILE), join(dataDir, LOG_KEY_FILE));
    app = start(dataDir);
    expect(app.backend.services.readOnly).toMatchObject({ reason: 'log_key_missing', detail: expect.stringContaining('but the access log was chained with key') });
    app.close();
    expect(sha()).toBe(before);

    // Its own key back: writable, and the rows read while it was read-only are in the log.
    rmSync(join(dataDir, LOG_KEY_FILE));
    renameSync(join(dataDir, 'sleutel-bewaard'), join(dataDir, LOG_KEY_FILE));
    app = await restart(app, dataDir);
    expect(app.backend.db.readonly).toBe(false);
    expect(lastId(app.backend.db)).toBeGreaterThan(rows);
    expect(await app.api.call('accessLog.verify', {})).toMatchObject({ ok: true });
  });

  it('only a coordinator may verify', async () => {
    const t = startTestBackend();
    cleanups.push(() => t.close());
    const coordinator = await withCoordinator(t.api);
    const rater = await createRater(t.api, { name: 'Bea', initials: 'B', role: 'rater' });
    await signInAs(t.api, rater.id);
    expect((await refused(t.api.call('accessLog.verify', {}))).code).toBe('forbidden');
    expect((await refused(t.api.call('accessLog.overview', {}))).code).toBe('forbidden');
    await signInAs(t.api, coordinator.id);
  });
});

describe('a log from before keys (migration 0010)', () => {
  it('is checked, linked with the key, its transition recorded and every erased code replaced, and verifies', async () => {
    const dataDir = folder();
    const { logRows } = makeUnkeyedDataDir(dataDir);
    const app = start(dataDir);
    const db = app.backend.db;
    const transition = db.prepare(`SELECT id, outcome, detail FROM access_log WHERE action = 'access_log.keyed'`).all() as { id: number; outcome: string; detail: string }[];
    expect(transition).toEqual([{ id: logRows + 1, outcome: 'ok', detail: expect.stringContaining(`de ${logRows} eerdere regels zijn met de sleutel vastgelegd; hun keten zonder sleutel was intact; de code van 1 gewiste gezin vervangen door een sleutelhash`) }]);
    expect(db.prepare(`SELECT value FROM settings WHERE key = 'access_log_keyed_from'`).get()).toEqual({ value: String(logRows + 1) });
    expect(db.prepare('SELECT count(*) AS n FROM access_log_chain').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM access_log_mac').get()).toEqual({ n: logRows + 1 });

    // The erased family's code is nowhere in clear; the living family keeps its code.
    const codes = db.prepare('SELECT family_id, family_code, detail FROM access_log WHERE family_id IS NOT NULL ORDER BY id').all() as { family_id: number; family_code: string; detail: string }[];
    expect(codes.filter((r) => r.family_id === 1).map((r) => r.family_code)).toEqual([LIVING_CODE, LIVING_CODE]);
    const erased = codes.filter((r) => r.family_id === 2);
    expect(erased).toHaveLength(3);
    expect(erased.every((r) => /^gewist:[0-9a-f]{32}$/.test(r.family_code) && !r.detail.includes(ERASED_CODE))).toBe(true);
    expect(erased.at(-1)!.detail).toBe(`gezin ${erased[0]!.family_code} definitief verwijderd`);
    expect(db.prepare('SELECT family_code FROM erasures').all()).toEqual([{ family_code: erased[0]!.family_code }]);
    const register = readFileSync(join(dataDir, 'erasures.jsonl'), 'utf8');
    expect(register).not.toContain(ERASED_CODE);
    expect(register).toContain(erased[0]!.family_code);

    await withCoordinator(app.api);
    expect(await app.api.call('accessLog.verify', {})).toMatchObject({ ok: true });
    app.close();
    // Not in the bytes of the database or its WAL either (secure_delete, and a checkpoint after the change).
    for (const name of readdirSync(dataDir).filter((n) => n.startsWith(DB))) expect(readFileSync(join(dataDir, name)).includes(Buffer.from(ERASED_CODE))).toBe(false);
    // Idempotent: the next start changes nothing.
    const again = start(dataDir);
    expect(again.backend.db.prepare(`SELECT count(*) AS n FROM access_log WHERE action = 'access_log.keyed'`).get()).toEqual({ n: 1 });
  });

  it('finishes a keying that a crash interrupted, before or after its commit, without a false alarm', async () => {
    // Before the commit: the database is still pending; the staged anchor of that attempt is thrown away.
    const before = folder();
    makeUnkeyedDataDir(before);
    writeFileSync(join(before, 'access-log.anchor.keying'), '{"format":"afstemming-access-log-anchor"}');
    const first = start(before);
    expect(first.backend.db.prepare(`SELECT outcome FROM access_log WHERE action = 'access_log.keyed'`).get()).toEqual({ outcome: 'ok' });
    expect(existsSync(join(before, 'access-log.anchor.keying'))).toBe(false);
    await withCoordinator(first.api);
    expect(await first.api.call('accessLog.verify', {})).toMatchObject({ ok: true });

    // After the commit, before the staged anchor was renamed into place.
    const after = folder();
    makeUnkeyedDataDir(after);
    start(after).close();
    renameSync(join(after, LOG_ANCHOR_FILE), join(after, 'access-log.anchor.keying'));
    const second = start(after);
    expect(existsSync(join(after, LOG_ANCHOR_FILE))).toBe(true);
    expect(existsSync(join(after, 'access-log.anchor.keying'))).toBe(false);
    await withCoordinator(second.api);
    expect(await second.api.call('accessLog.verify', {})).toMatchObject({ ok: true });
  });

  it('links rows from before migration 0007 too (they never had an unkeyed link)', async () => {
    const dataDir = folder();
    makeUnkeyedDataDir(dataDir, 6);
    const app = start(dataDir);
    expect(app.backend.db.prepare(`SELECT outcome FROM access_log WHERE action = 'access_log.keyed'`).get()).toEqual({ outcome: 'ok' });
    await withCoordinator(app.api);
    expect(await app.api.call('accessLog.verify', {})).toMatchObject({ ok: true });
  });

  it('keeps reporting that the unkeyed chain was already broken when it was linked with the key', async () => {
    const dataDir = folder();
    makeUnkeyedDataDir(dataDir);
    // Before the upgrade: a row edited behind the app's back.
    tamper(dataDir, (db) => db.prepare(`UPDATE access_log SET detail = 'niets gezien' WHERE id = 3`).run());
    const app = start(dataDir);
    const transition = app.backend.db.prepare(`SELECT id, outcome, detail FROM access_log WHERE action = 'access_log.keyed'`).get() as { id: number; outcome: string; detail: string };
    expect(transition).toMatchObject({ outcome: 'error', detail: expect.stringContaining('LET OP: de keten zonder sleutel was al gebroken bij regel 3 (de inhoud van deze regel was gewijzigd)') });
    await withCoordinator(app.api);
    const found = await app.api.call('accessLog.verify', {});
    expect(found).toMatchObject({ ok: false, firstBrokenId: transition.id });
    expect(found.reason).toMatch(/^Bij de overgang naar een keten met sleutel \(regel 7, .*\) is vastgelegd: .*gebroken bij regel 3/);
  });

  it('marks an old database put back by hand into a folder whose log was keyed', async () => {
    const dataDir = folder();
    const { app } = await usedLog(dataDir);
    app.close();
    for (const name of readdirSync(dataDir).filter((n) => n.startsWith(DB))) rmSync(join(dataDir, name));
    const old = folder();
    makeUnkeyedDataDir(old);
    copyFileSync(join(old, DB), join(dataDir, DB));
    const next = start(dataDir);
    expect(next.backend.db.prepare(`SELECT outcome, detail FROM access_log WHERE action = 'access_log.keyed'`).get()).toMatchObject({
      outcome: 'error',
      detail: expect.stringContaining('in de gegevensmap stond al een anker van een logboek met sleutel'),
    });
    // The anchor of the log it replaced is kept aside; the new one anchors this log.
    expect(readdirSync(dataDir).filter((n) => n.startsWith('access-log.anchor.before-keying-'))).toHaveLength(1);
    await withCoordinator(next.api);
    expect(await next.api.call('accessLog.verify', {})).toMatchObject({ ok: false, reason: expect.stringMatching(/^Bij de overgang naar een keten met sleutel/) });
  });
});

describe('access-log overviews', () => {
  it('filters per family, per rater and by period, and logs each reading', async () => {
    const t = startTestBackend();
    cleanups.push(() => t.close());
    const coordinator = await withCoordinator(t.api);
    const rater = await createRater(t.api, { name: 'Bea', initials: 'B', role: 'rater' });
    const a = await seedFamily(t.api, 'OB-26-811');
    const b = await seedFamily(t.api, 'OB-26-812');
    await signInAs(t.api, rater.id);
    await t.api.call('families.get', { id: b.id });
    await signInAs(t.api, coordinator.id);

    const ofA = (await t.api.call('accessLog.overview', { familyId: a.id })).rows;
    expect(ofA.length).toBeGreaterThan(0);
    expect(ofA.every((row) => row.familyId === a.id)).toBe(true);
    expect(ofA[0]).toMatchObject({ action: 'access_log.overview', raterId: coordinator.id, familyCode: 'OB-26-811' });

    const ofRater = (await t.api.call('accessLog.overview', { raterId: rater.id })).rows;
    expect(ofRater.map((row) => [row.action, row.familyCode])).toContainEqual(['family.read', 'OB-26-812']);
    expect(ofRater.every((row) => row.raterId === rater.id)).toBe(true);

    const today = new Date().toISOString().slice(0, 10);
    expect((await t.api.call('accessLog.overview', { familyId: b.id, from: today, to: today, timeZone: 'UTC' })).rows.length).toBeGreaterThan(0);
    expect(await t.api.call('accessLog.overview', { familyId: b.id, from: '2020-01-01', to: '2020-12-31' })).toMatchObject({ rows: [], total: 0 });
    expect((await refused(t.api.call('accessLog.overview', { from: '2026-02-01', to: '2026-01-01' }))).code).toBe('invalid_input');

    const readings = t.backend.db.prepare(`SELECT detail FROM access_log WHERE action = 'access_log.overview' AND outcome = 'ok'`).all() as { detail: string }[];
    expect(readings.length).toBe(4);
    expect(readings.map((r) => r.detail)).toContain(`overzicht beoordelaar ${rater.id}, periode … t/m …`);
    expect((await t.api.call('accessLog.verify', {})).ok).toBe(true);
  });
});
