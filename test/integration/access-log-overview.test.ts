import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAccess } from '../../electron/backend/features/access-log/access-log-repository';
import type { Rater } from '../../shared/domain/entities';
import { refused } from './support/fragment-world';
import { seedFamily } from './support/seed';
import { createRater, signInAs, startTestBackend, withCoordinator, type TestBackend } from './support/temp-backend';

// The privacy page's overview and its CSV export: filters in the back end (family, rater, local
// period, kind of action, outcome), newest first with paging and a total, and the export's own row.

let t: TestBackend;
let coordinator: Rater;
let rater: Rater;
let family: { id: number };

beforeEach(async () => {
  t = startTestBackend();
  coordinator = await withCoordinator(t.api, 'Carla Coördinator');
  rater = await createRater(t.api, { name: 'Bea Beoordelaar', initials: 'BB', role: 'rater' });
  family = await seedFamily(t.api, 'OB-26-301');
});
afterEach(() => t.close());

/** A row at a chosen moment, through the same path as every other row (chained). */
const rowAt = (at: string, action: string, outcome: 'ok' | 'refused' = 'ok', detail = '') =>
  appendAccess(t.backend.db, { at, rater: coordinator, familyId: family.id, action, outcome, detail });

describe('access-log overview filters', () => {
  it('reads the period as local dates in the given time zone, both ends inclusive', async () => {
    // 23:30 UTC on 2 December is 00:30 on 3 December in Amsterdam.
    rowAt('2026-12-02T23:30:00.000Z', 'recording.read');
    rowAt('2026-12-03T22:59:59.000Z', 'recording.read');
    rowAt('2026-12-03T23:00:00.000Z', 'recording.read');
    const on = (timeZone: string) => t.api.call('accessLog.overview', { familyId: family.id, from: '2026-12-03', to: '2026-12-03', timeZone });
    expect((await on('Europe/Amsterdam')).rows.map((r) => r.at)).toEqual(['2026-12-03T22:59:59.000Z', '2026-12-02T23:30:00.000Z']);
    expect((await on('UTC')).rows.map((r) => r.at)).toEqual(['2026-12-03T23:00:00.000Z', '2026-12-03T22:59:59.000Z']);
    expect((await refused(t.api.call('accessLog.overview', { timeZone: 'Mars/Olympus' }))).message).toMatch(/Onbekende tijdzone/);
  });

  it('filters by kind of action and by outcome, newest first', async () => {
    await signInAs(t.api, rater.id);
    await t.api.call('families.get', { id: family.id });
    expect((await refused(t.api.call('accessLog.overview', {}))).code).toBe('forbidden');
    await signInAs(t.api, coordinator.id);
    await t.api.call('families.update', { id: family.id, notes: 'gewijzigd' });

    const views = (await t.api.call('accessLog.overview', { kind: 'view' })).rows;
    expect(views.map((r) => r.action)).toContain('family.read');
    expect(views.every((r) => ['family.read', 'access_log.overview', 'families.list', 'recording.read'].includes(r.action))).toBe(true);
    const changes = (await t.api.call('accessLog.overview', { kind: 'change' })).rows;
    expect(changes.map((r) => r.action)).toContain('family.update');
    expect(changes.map((r) => r.action)).not.toContain('family.read');
    const sessions = (await t.api.call('accessLog.overview', { kind: 'session' })).rows;
    expect(new Set(sessions.map((r) => r.action))).toEqual(new Set(['session.sign_in', 'session.change_pin']));

    const refusals = (await t.api.call('accessLog.overview', { outcome: 'refused' })).rows;
    expect(refusals).toEqual([expect.objectContaining({ action: 'access_log.overview', raterId: rater.id, outcome: 'refused' })]);
    const byRaterRefused = await t.api.call('accessLog.overview', { raterId: coordinator.id, outcome: 'refused' });
    expect(byRaterRefused).toMatchObject({ rows: [], total: 0 });

    const all = (await t.api.call('accessLog.overview', {})).rows;
    expect(all.map((r) => r.id)).toEqual([...all.map((r) => r.id)].sort((a, b) => b - a));
    expect((await refused(t.api.call('accessLog.overview', { kind: 'lezen' as never }))).message).toMatch(/Onbekende soort handeling/);
  });

  it('pages with a total, so the page can say "eerste 500 van 1.234"', async () => {
    for (let i = 0; i < 30; i++) rowAt(`2026-01-01T10:00:${String(i).padStart(2, '0')}.000Z`, 'recording.read', 'ok', `opname ${i}`);
    const first = await t.api.call('accessLog.overview', { familyId: family.id, limit: 10 });
    expect(first.rows).toHaveLength(10);
    expect(first).toMatchObject({ offset: 0, limit: 10 });
    const total = first.total;
    expect(total).toBeGreaterThanOrEqual(31);
    // The next page counts up to the first page's newest row, so its own reading (a new row) shifts nothing.
    const second = await t.api.call('accessLog.overview', { familyId: family.id, limit: 10, offset: 10, upToId: first.upToId });
    expect(second).toMatchObject({ total, upToId: first.upToId });
    expect(Math.max(...second.rows.map((r) => r.id))).toBe(Math.min(...first.rows.map((r) => r.id)) - 1);
    // Without the anchor a page counts every row: here the second page's reading (this same
    // reading again within minutes writes no row of its own, repeated-reads.ts).
    expect((await t.api.call('accessLog.overview', { familyId: family.id, limit: 10, offset: 10 })).total).toBe(total + 1);
    const readings = t.backend.db.prepare(`SELECT detail FROM access_log WHERE action = 'access_log.overview' ORDER BY id`).all() as { detail: string }[];
    expect(readings.map((r) => r.detail)).toEqual(['overzicht periode … t/m …', 'overzicht periode … t/m …, vanaf rij 11']);
  });
});

describe('access-log CSV export', () => {
  it('writes Dutch Excel CSV (BOM, semicolons, Dutch headers and names, local time) and logs itself', async () => {
    rowAt('2026-12-03T13:05:09.000Z', 'recording.read', 'ok', 'opname 7 · via telefoon Bea (192.168.1.20)');
    rowAt('2026-12-03T13:06:00.000Z', 'export.xlsx', 'ok', '=HYPERLINK("x")');
    const file = await t.api.call('accessLog.exportCsv', { familyId: family.id, from: '2026-12-03', to: '2026-12-03', timeZone: 'Europe/Amsterdam' });
    expect(file.fileName).toMatch(/^toegangslogboek-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    expect(file.content.startsWith('\uFEFF')).toBe(true);
    const lines = file.content.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe('"Tijdstip (Europe/Amsterdam)";"Wie";"Rol";"Via apparaat";"Gezin";"Handeling";"Soort handeling";"Uitkomst";"Details";"Code handeling";"Regelnummer"');
    expect(file.rowCount).toBe(2);
    // Newest first; the formula in a detail is neutralised.
    expect(lines[1]).toMatch(/^"03-12-2026 14:06:00";"Carla Coördinator";"coördinator";"";"OB-26-301";"Scores geëxporteerd \(XLSX\)";"exporteren";"toegestaan";"'=HYPERLINK\(""x""\)";"export.xlsx";"\d+"$/);
    expect(lines[2]).toMatch(/^"03-12-2026 14:05:09";"Carla Coördinator";"coördinator";"telefoon Bea \(192.168.1.20\)";"OB-26-301";"Opname bekeken";"bekijken";"toegestaan";"opname 7";"recording.read";"\d+"$/);

    const logged = (await t.api.call('accessLog.overview', { kind: 'export', familyId: family.id })).rows.filter((r) => r.action === 'access_log.export');
    expect(logged).toEqual([
      expect.objectContaining({ raterId: coordinator.id, familyCode: 'OB-26-301', outcome: 'ok', detail: `${file.fileName}: 2 regels; periode 2026-12-03 t/m 2026-12-03` }),
    ]);
    // Every export is a row of its own, also the same one twice.
    await t.api.call('accessLog.exportCsv', { familyId: family.id, from: '2026-12-03', to: '2026-12-03', timeZone: 'Europe/Amsterdam' });
    const count = (t.backend.db.prepare(`SELECT count(*) AS n FROM access_log WHERE action = 'access_log.export' AND outcome = 'ok'`).get() as { n: number }).n;
    expect(count).toBe(2);
    expect((await t.api.call('accessLog.verify', {})).ok).toBe(true);
  });

  it('is refused for a rater, in Dutch, and the refusal is logged', async () => {
    await signInAs(t.api, rater.id);
    const refusal = await refused(t.api.call('accessLog.exportCsv', {}));
    expect(refusal).toMatchObject({ code: 'forbidden', message: 'Alleen een coördinator mag dit doen.' });
    const row = t.backend.db.prepare(`SELECT rater_id, outcome FROM access_log WHERE action = 'access_log.export'`).get();
    expect(row).toEqual({ rater_id: rater.id, outcome: 'refused' });
  });

  it('refuses a period the wrong way round with a Dutch message, and writes no export row', async () => {
    const refusal = await refused(t.api.call('accessLog.exportCsv', { from: '2026-02-01', to: '2026-01-01' }));
    expect(refusal).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('De begindatum ligt na de einddatum.') });
    const ok = t.backend.db.prepare(`SELECT count(*) AS n FROM access_log WHERE action = 'access_log.export' AND outcome = 'ok'`).get() as { n: number };
    expect(ok.n).toBe(0);
  });
});
