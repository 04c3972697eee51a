import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../shared/api/contract';
import { DATABASE_FILE } from '../../electron/backend/create-backend';
import { createRater, localClient, signInAs, startTestBackend, TEST_PIN, withCoordinator, type TestBackend } from './support/temp-backend';
import { refusal } from './support/refusal';

let t: TestBackend;
beforeEach(() => {
  t = startTestBackend();
});
afterEach(() => t.close());

/** Every table except the access log, whose growth on refusals is intended. */
function snapshot() {
  const db = t.backend.db;
  const tables = ['raters', 'families', 'caregivers', 'visits', 'settings'];
  return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]));
}

const validFamily = { code: 'OB-26-001', babyBirthMonth: '2026-03', referralDate: '2026-04-01', caregivers: [{ role: 'moeder' as const, label: 'moeder' }] };

describe('API through the real dispatch', () => {
  it('lets the first rater be created by anyone, but only as coordinator', async () => {
    const error = await refusal(createRater(t.api, { name: 'A', initials: 'A', role: 'rater' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/eerste beoordelaar moet coördinator/);
    const coordinator = await withCoordinator(t.api);
    expect((await t.api.call('session.get', {})).rater?.id).toBe(coordinator.id);
  });

  it('refuses family data before someone picked who they are', async () => {
    expect((await refusal(t.api.call('families.list', {}))).message).toBe('Kies eerst wie u bent.');
    // Another window made the first coordinator (signed in there at once): here it is a lock screen for C.
    await localClient(t.backend).api.call('raters.create', { name: 'C', initials: 'C', role: 'coordinator', pin: TEST_PIN });
    const error = await refusal(t.api.call('families.list', {}));
    expect(error.code).toBe('locked');
    expect((await t.api.call('session.get', {})).lockedProfile?.name).toBe('C');
  });

  it('creates, reads and updates a family with caregivers and visits, and logs every access', async () => {
    const me = await withCoordinator(t.api);
    const family = await t.api.call('families.create', {
      ...validFamily,
      caregivers: [
        { role: 'moeder', label: 'moeder (M.)' },
        { role: 'vader', label: 'vader' },
      ],
    });
    expect(family.caregivers.map((c) => c.role)).toEqual(['moeder', 'vader']);
    const visit = await t.api.call('visits.add', { familyId: family.id, date: '2026-05-01', phase: 'introductie' });
    await t.api.call('families.update', { id: family.id, phase: 'begeleiding', notes: 'n' });
    await t.api.call('visits.update', { id: visit.id, notes: 'bad' });
    const read = await t.api.call('families.get', { id: family.id });
    expect(read.phase).toBe('begeleiding');
    expect(read.visits[0]!.notes).toBe('bad');

    const log = await t.api.call('accessLog.forFamily', { familyId: family.id });
    expect(log.map((e) => e.action).reverse()).toEqual([
      'family.create',
      'visit.add',
      'family.update',
      'visit.update',
      'family.read',
      'access_log.read',
    ]);
    expect(log.every((e) => e.raterId === me.id && e.familyCode === 'OB-26-001' && e.outcome === 'ok')).toBe(true);
    expect(log.every((e) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(e.at))).toBe(true);
  });

  it('suggests the next free code', async () => {
    await withCoordinator(t.api);
    const { code } = await t.api.call('families.suggestCode', {});
    await t.api.call('families.create', { ...validFamily, code });
    expect((await t.api.call('families.suggestCode', {})).code).not.toBe(code);
  });

  it('filters the list by search text, phase and status', async () => {
    await withCoordinator(t.api);
    await t.api.call('families.create', { ...validFamily, code: 'OB-26-001', phase: 'begeleiding' });
    await t.api.call('families.create', { ...validFamily, code: 'OB-26-002', phase: 'afgesloten' });
    await t.api.call('families.create', { ...validFamily, code: 'XY-1' });
    const codes = async (input: Parameters<typeof t.api.call<'families.list'>>[1]) =>
      (await t.api.call('families.list', input)).map((f) => f.code);
    expect(await codes({})).toEqual(['OB-26-001', 'OB-26-002', 'XY-1']);
    expect(await codes({ status: 'active' })).toEqual(['OB-26-001', 'XY-1']);
    expect(await codes({ status: 'closed' })).toEqual(['OB-26-002']);
    expect(await codes({ phase: 'begeleiding' })).toEqual(['OB-26-001']);
    expect(await codes({ search: '002' })).toEqual(['OB-26-002']);
    expect(await codes({ search: '%' })).toEqual([]);
  });

  describe('bad input: a Dutch message and nothing written', () => {
    beforeEach(async () => {
      await withCoordinator(t.api);
      await t.api.call('families.create', validFamily);
    });

    const cases: [string, string, unknown, RegExp][] = [
      ['empty family code', 'families.create', { ...validFamily, code: '  ' }, /Vul een gezinscode in/],
      ['duplicate family code (other case)', 'families.create', { ...validFamily, code: 'ob-26-001' }, /bestaat al/],
      ['birth month in the future', 'families.create', { ...validFamily, code: 'OB-9', babyBirthMonth: '2999-01' }, /toekomst/],
      ['impossible date', 'families.create', { ...validFamily, code: 'OB-9', referralDate: '2026-02-30' }, /geldige datum/],
      ['a name-like code with spaces', 'families.create', { ...validFamily, code: 'Jan Jansen' }, /letters, cijfers en streepjes/],
      ['unknown family id', 'families.get', { id: 999 }, /bestaat niet/],
      ['unknown visit id', 'visits.update', { id: 999, notes: 'x' }, /bestaat niet/],
      ['id as a string', 'families.get', { id: '1' }, /Ongeldige invoer/],
      ['negative id', 'families.get', { id: -1 }, /positief/],
      ['fractional id', 'families.get', { id: 1.5 }, /geheel getal/],
      ['extra key', 'families.get', { id: 1, extra: true }, /Ongeldige invoer/],
      ['__proto__ key', 'families.get', JSON.parse('{"id":1,"__proto__":{"admin":true}}'), /Ongeldige invoer/],
      ['oversized note', 'families.update', { id: 1, notes: 'x'.repeat(20_001) }, /20\.000 tekens/],
      ['empty patch', 'families.update', { id: 1 }, /minstens één veld/],
      ['input is not an object', 'families.get', 'hello', /Ongeldige invoer/],
      ['unknown phase', 'families.update', { id: 1, phase: 'klaar' }, /Onbekende fase/],
      ['unknown caregiver role', 'caregivers.add', { familyId: 1, role: 'oma', label: 'oma' }, /moeder, vader, partner of anders/],
      ['caregiver for unknown family', 'caregivers.add', { familyId: 404, role: 'moeder', label: 'm' }, /bestaat niet/],
    ];

    it.each(cases)('%s', async (_name, method, input, message) => {
      const before = snapshot();
      const envelope = await t.dispatch(method, input);
      expect(envelope.ok).toBe(false);
      if (envelope.ok) return;
      expect(envelope.error.message).toMatch(message);
      expect(envelope.error.message).not.toMatch(/Error:|\n\s+at |undefined|\[object/);
      expect(snapshot()).toEqual(before);
    });

    it('refuses an unknown method and a method name from Object.prototype', async () => {
      for (const method of ['families.drop', 'constructor', '__proto__', 'toString', 42, null]) {
        const envelope = await t.dispatch(method, {});
        expect(envelope).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      }
    });

    it('logs refused attempts on a family', async () => {
      await t.dispatch('families.update', { id: 1, phase: 'klaar' });
      const log = await t.api.call('accessLog.forFamily', { familyId: 1 });
      expect(log.find((e) => e.outcome === 'refused')).toMatchObject({ action: 'family.update', familyCode: 'OB-26-001' });
    });
  });

  it('only a coordinator reads the access log and manages raters', async () => {
    await withCoordinator(t.api);
    const family = await t.api.call('families.create', validFamily);
    const rater = await createRater(t.api, { name: 'Rita', initials: 'RB', role: 'rater' });
    await signInAs(t.api, rater.id);
    expect((await refusal(t.api.call('accessLog.forFamily', { familyId: family.id }))).code).toBe('forbidden');
    expect((await refusal(createRater(t.api, { name: 'X', initials: 'X', role: 'rater' }))).code).toBe('forbidden');
    expect((await refusal(t.api.call('raters.update', { id: rater.id, role: 'coordinator' }))).code).toBe('forbidden');
  });

  it('keeps at least one active coordinator', async () => {
    const me = await withCoordinator(t.api);
    const error = await refusal(t.api.call('raters.update', { id: me.id, role: 'rater' }));
    expect(error.message).toMatch(/minstens één actieve coördinator/);
  });

  it('the access log is append-only in the database itself', async () => {
    await withCoordinator(t.api);
    await t.api.call('families.create', validFamily);
    const raw = new Database(join(t.dataDir, DATABASE_FILE));
    expect(() => raw.prepare(`UPDATE access_log SET action = 'x'`).run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
    raw.close();
  });

  it('every contract method has a Dutch summary and an object input schema', () => {
    for (const name of METHOD_NAMES) {
      expect(contract[name].summary.length).toBeGreaterThan(5);
      expect(contract[name].input.safeParse(undefined).success).toBe(false);
    }
  });
});
