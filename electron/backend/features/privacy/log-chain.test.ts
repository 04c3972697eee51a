import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../db/migrations';
import { appendAccess } from '../access-log/access-log-repository';
import { pseudonymiseFamilyLog } from './erasure-repository';
import { readAnchor } from './log-anchor';
import { advanceAnchor, bindLogChain, canonicalRow, rowMac, verifyChain, type LogRow } from './log-chain';
import { completeKeying } from './log-keying';
import { deriveLogKey, familyCodeRef } from './log-key';

const MIGRATIONS = loadMigrations(resolve(import.meta.dirname, '../../../../migrations'));
const key = deriveLogKey(Buffer.alloc(32, 9));
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

function keyedDb() {
  const dir = mkdtempSync(join(tmpdir(), 'afstemming-chain-'));
  const db = new Database(':memory:');
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  migrate(db, MIGRATIONS);
  bindLogChain(db, { key, dataDir: dir, writable: true });
  completeKeying(db, dir, { now: '2026-05-01T09:00:00.000Z' });
  return { db, dir };
}

const row = (over: Partial<LogRow> = {}): LogRow => ({
  id: 7,
  at: '2026-05-01T10:00:00.000Z',
  rater_id: 1,
  rater_name: 'Bea',
  rater_role: 'rater',
  family_id: 3,
  family_code: 'OB-26-701',
  action: 'family.create',
  outcome: 'ok',
  detail: 'code OB-26-701; 1 ouder(s)',
  ...over,
});

describe('canonicalRow', () => {
  it('is the same before and after the family code is replaced by its keyed hash, so an erasure keeps every link', () => {
    const ref = familyCodeRef(key, 'OB-26-701');
    const erased = row({ family_code: ref, detail: `code ${ref}; 1 ouder(s)` });
    expect(canonicalRow(key, erased)).toBe(canonicalRow(key, row()));
    expect(canonicalRow(key, row())).not.toContain('OB-26-701');
    expect(rowMac(key, '0'.repeat(64), erased)).toBe(rowMac(key, '0'.repeat(64), row()));
  });

  it('changes with every field and with the key', () => {
    const base = rowMac(key, '0'.repeat(64), row());
    for (const change of [{ at: '2026-05-01T10:00:00.001Z' }, { rater_name: 'Iemand' }, { family_id: 4 }, { family_code: 'OB-26-702' }, { detail: 'x' }, { outcome: 'refused' }]) {
      expect(rowMac(key, '0'.repeat(64), row(change))).not.toBe(base);
    }
    expect(rowMac(deriveLogKey(Buffer.alloc(32, 8)), '0'.repeat(64), row())).not.toBe(base);
    expect(rowMac(key, '1'.repeat(64), row())).not.toBe(base);
  });
});

describe('the keyed chain on a real database', () => {
  it('starts with a transition row and an anchor, and follows the head', async () => {
    const { db, dir } = keyedDb();
    expect(db.prepare('SELECT action, outcome FROM access_log').all()).toEqual([{ action: 'access_log.keyed', outcome: 'ok' }]);
    expect(readAnchor(dir, key)).toMatchObject({ state: 'ok', point: { logId: 1 } });
    appendAccess(db, { at: '2026-05-01T10:00:00.000Z', rater: null, familyId: null, action: 'test.read', outcome: 'ok' });
    appendAccess(db, { at: '2026-05-01T10:00:01.000Z', rater: null, familyId: null, action: 'test.read', outcome: 'ok' });
    expect(readAnchor(dir, key)).toMatchObject({ state: 'ok', point: { logId: 3 } });
    // Inside an open transaction the anchor waits for the commit (here: the next turn of the event loop).
    db.transaction(() => appendAccess(db, { at: '2026-05-01T10:00:02.000Z', rater: null, familyId: null, action: 'test.read', outcome: 'ok' }))();
    expect(readAnchor(dir, key)).toMatchObject({ state: 'ok', point: { logId: 3 } });
    await new Promise((done) => setImmediate(done));
    expect(readAnchor(dir, key)).toMatchObject({ state: 'ok', point: { logId: 4 } });
    expect(verifyChain(db)).toEqual({ ok: true, checkedRows: 4, firstBrokenId: null, reason: null, anchorLogId: 4 });
  });

  it('lets an erasure replace a code without breaking a link, and allows no other change', () => {
    const { db } = keyedDb();
    db.exec(`INSERT INTO families (id, code, baby_birth_month, referral_date, phase, created_at, updated_at) VALUES (3, 'OB-26-701', '2026-01', '2026-02-01', 'aanmelding', 'x', 'x')`);
    appendAccess(db, { at: '2026-05-01T10:00:00.000Z', rater: null, familyId: 3, action: 'family.create', outcome: 'ok', detail: 'code OB-26-701; 1 ouder(s)' });
    expect(() => db.prepare(`UPDATE access_log SET detail = 'iets anders' WHERE id = 2`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`UPDATE access_log SET family_code = 'OB-26-799' WHERE id = 2`).run()).toThrow(/append-only/);
    expect(pseudonymiseFamilyLog(db, key, 3, '2026-05-01T10:00:00.000Z')).toBe(1);
    const ref = familyCodeRef(key, 'OB-26-701');
    expect(db.prepare('SELECT family_code, detail FROM access_log WHERE id = 2').get()).toEqual({ family_code: ref, detail: `code ${ref}; 1 ouder(s)` });
    expect(verifyChain(db).ok).toBe(true);
    // Once replaced, it stays replaced.
    expect(() => db.prepare(`UPDATE access_log SET family_code = 'OB-26-701' WHERE id = 2`).run()).toThrow(/append-only/);
  });

  it('does not move the anchor along a log that lost rows at its end', async () => {
    const { db, dir } = keyedDb();
    for (let i = 0; i < 3; i++) appendAccess(db, { at: `2026-05-01T10:00:0${i}.000Z`, rater: null, familyId: null, action: 'test.read', outcome: 'ok' });
    // Each append outside a transaction moves the anchor as soon as it has committed.
    expect(readAnchor(dir, key)).toMatchObject({ state: 'ok', point: { logId: 4 } });
    expect(advanceAnchor(db)).toBe('current');
    db.exec('DROP TRIGGER access_log_no_delete; DROP TRIGGER access_log_mac_no_delete; DELETE FROM access_log WHERE id = 4; DELETE FROM access_log_mac WHERE log_id = 4;');
    expect(advanceAnchor(db)).toBe('off_chain');
    appendAccess(db, { at: '2026-05-01T10:00:05.000Z', rater: null, familyId: null, action: 'test.read', outcome: 'ok' });
    await new Promise((done) => setImmediate(done));
    expect(readAnchor(dir, key)).toMatchObject({ state: 'ok', point: { logId: 4 } });
    expect(verifyChain(db)).toMatchObject({ ok: false, firstBrokenId: 4, reason: expect.stringContaining('regels verwijderd en daarna zijn er nieuwe aangehaakt') });
  });
});
