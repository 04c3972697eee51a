import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/envelope';
import type { TeamOverview } from '../../shared/domain/trends';
import { buildTeamOverview } from '../../electron/backend/features/trends/team-overview';
import { TrendIndex } from '../../electron/backend/features/trends/trend-index';
import { seedBulk, seedHandbookStory, type HandbookStory } from '../fixtures/trends-seed';
import { seedFamily, seedRecording } from './support/seed';
import { startTestBackend, type TestBackend, signInAs } from './support/temp-backend';

let t: TestBackend;
let story: HandbookStory;
beforeEach(async () => {
  t = startTestBackend();
  story = seedHandbookStory(t.backend.db);
  await signInAs(t.api, story.coordinatorId);
});
afterEach(() => t.close());

const line = (overview: TeamOverview, code: string, scale: 'sensitivity' | 'cooperation') =>
  overview.lines.filter((l) => l.familyCode === code && l.scale === scale).map((l) => [l.role, l.voormeting, l.nameting, l.followUp]);

describe('trends.team', () => {
  it('gives every caregiver a line per scale with gaps left open, and the paired change with its interval and d', async () => {
    const overview = await t.api.call('trends.team', {});
    expect(overview.familyCount).toBe(4);
    expect(line(overview, 'OB-26-001', 'sensitivity')).toEqual([
      ['moeder', 3, 7, 7.5],
      ['vader', null, null, 5.5],
    ]);
    expect(line(overview, 'OB-26-002', 'sensitivity')).toEqual([['moeder', 4.5, null, null]]);
    expect(line(overview, 'OB-26-003', 'sensitivity')).toEqual([['moeder', 4, 6.5, null]]);
    // The nameting of OB-26-004 has no score yet: no value is made up for it.
    expect(line(overview, 'OB-26-004', 'sensitivity')).toEqual([['moeder', 2.5, null, null]]);

    const pre = overview.changes.find((c) => c.scale === 'sensitivity' && c.to === 'nameting')!;
    expect(pre).toMatchObject({ n: 2, meanFrom: 3.5, meanTo: 6.75 });
    expect(pre.meanChange.ok && pre.meanChange.value).toBe(3.25);
    // d_z = 3.25 / sd(4, 2.5)
    expect(pre.dz.ok && pre.dz.value).toBeCloseTo(3.25 / Math.sqrt(1.125), 9);
    expect(pre.meanChange.ok && pre.meanChange.bootstrap).toMatchObject({ level: 0.95, resamples: 2000 });
    const followUp = overview.changes.find((c) => c.scale === 'sensitivity' && c.to === 'follow-up')!;
    expect(followUp.n).toBe(1);
    expect(followUp.dz.ok).toBe(false);

    expect(overview.phaseCounts.filter((p) => p.count > 0)).toEqual([
      { phase: 'begeleiding', count: 1 },
      { phase: 'evaluatie', count: 1 },
      { phase: 'follow-up', count: 1 },
      { phase: 'afgesloten', count: 1 },
    ]);
    expect(overview.waiting.items.map((w) => [w.familyCode, w.moment, w.status])).toEqual([
      ['OB-26-004', 'nameting', 'unscored'],
      ['OB-26-001', 'follow-up', 'blind_round'],
    ]);
    expect(overview.missing.items.map((m) => [m.familyCode, m.voormeting, m.nameting, m.followUp])).toEqual([
      ['OB-26-003', 'scored', 'scored', 'no_recording'],
      ['OB-26-004', 'scored', 'waiting', 'no_recording'],
      ['OB-26-002', 'scored', 'no_recording', 'no_recording'],
    ]);
  });

  it('applies the filters: role, phase, period, activity and rater', async () => {
    const fathers = await t.api.call('trends.team', { filters: { caregiverRole: 'vader' } });
    expect(fathers.familyCount).toBe(1);
    expect(fathers.lines.map((l) => [l.familyCode, l.role, l.scale, l.followUp])).toEqual([
      ['OB-26-001', 'vader', 'sensitivity', 5.5],
      ['OB-26-001', 'vader', 'cooperation', 6],
    ]);
    const closed = await t.api.call('trends.team', { filters: { phase: 'afgesloten' } });
    expect(closed.lines.map((l) => l.familyCode)).toEqual(['OB-26-003', 'OB-26-003']);
    // Phase counts describe the whole caseload, whatever the filters.
    expect(closed.phaseCounts.reduce((sum, p) => sum + p.count, 0)).toBe(4);

    const late = await t.api.call('trends.team', { filters: { from: '2026-04-01' } });
    expect(late.changes.every((c) => c.n === 0)).toBe(true);
    const bath = await t.api.call('trends.team', { filters: { activity: 'bad' } });
    expect(bath.lines.map((l) => l.familyCode)).toEqual(['OB-26-004', 'OB-26-004']);

    const [bram] = story.raterIds as [number];
    const byBram = await t.api.call('trends.team', { filters: { raterId: bram } });
    expect(byBram.raterName).toBe('Bram Jansen');
    expect(line(byBram, 'OB-26-001', 'sensitivity')).toEqual([
      ['moeder', 3, 7, 8],
      ['vader', null, null, 5],
    ]);
  });

  it('is for coordinators only and writes one team row (without a family) to the access log', async () => {
    await t.api.call('trends.team', { filters: { phase: 'afgesloten' } });
    const rows = t.backend.db.prepare(`SELECT family_id, outcome, detail FROM access_log WHERE action = 'trend.team_read'`).all();
    expect(rows).toEqual([{ family_id: null, outcome: 'ok', detail: expect.stringMatching(/1 gezinnen.*phase=afgesloten/) }]);
    await signInAs(t.api, story.raterIds[0]!);
    const refused = await t.api.call('trends.team', {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('forbidden');
  });

  it('keeps the index in step with every kind of change, exactly as a fresh rebuild would see it', async () => {
    const api = t.api;
    const db = t.backend.db;
    await api.call('trends.team', {});
    // Changes through the real API and straight in the database, each of a different kind.
    const blindRound = (db.prepare(`SELECT id FROM rounds WHERE name = 'Ronde september'`).get() as { id: number }).id;
    await api.call('rounds.reveal', { roundId: blindRound });
    await api.call('families.update', { id: story.onlyPre, phase: 'evaluatie' });
    await api.call('recordings.update', { id: story.recordings.geen, moment: 'voormeting' });
    const extra = await seedFamily(api, 'OB-26-009', [{ role: 'partner', label: 'partner' }]);
    const recording = seedRecording(t.backend, { familyId: extra.id, caregiverIds: [extra.caregivers[0]!.id], moment: 'nameting' });
    for (const scale of ['sensitivity', 'cooperation'] as const) {
      await api.call('scoring.saveScore', { recordingId: recording, roundId: null, caregiverId: extra.caregivers[0]!.id, scale, value: 6 });
    }
    await api.call('scoring.submit', { recordingId: recording, roundId: null });
    db.prepare(`UPDATE round_items SET consensus_value = 2 WHERE recording_id = ? AND scale = 'sensitivity'`).run(story.recordings.voormeting);
    await api.call('caregivers.update', { id: story.father, role: 'partner' });

    for (const filters of [{}, { caregiverRole: 'partner' as const }, { phase: 'evaluatie' as const }]) {
      const incremental = await api.call('trends.team', { filters });
      const fresh = new TrendIndex();
      fresh.refresh(db);
      expect(incremental).toEqual(buildTeamOverview(db, fresh, filters));
    }
    const after = await api.call('trends.team', {});
    // New consensus 2 at the voormeting; the follow-up is now the mean of 7.5 and the revealed 9.
    expect(line(after, 'OB-26-001', 'sensitivity')).toEqual([
      ['moeder', 2, 7, 8.25],
      ['partner', null, null, 5.5],
    ]);
    expect(after.waiting.items.some((w) => w.status === 'blind_round')).toBe(false);
    expect(after.familyCount).toBe(5);
  });

  it('handles a large team within the time a screen should take', async () => {
    const big = startTestBackend();
    try {
      const { raterIds } = seedBulk(big.backend.db, { families: 200, recordings: 4000, scores: 20_000 });
      await signInAs(big.api, raterIds[0]!);
      const overview = await big.api.call('trends.team', {});
      expect(overview.familyCount).toBe(200);
      expect(overview.lines.length).toBeGreaterThan(400);
      const change = overview.changes.find((c) => c.scale === 'sensitivity' && c.to === 'nameting')!;
      expect(change.meanChange.ok && change.meanChange.bootstrap).toBeTruthy();
      const started = performance.now();
      await big.api.call('trends.team', {});
      expect(performance.now() - started).toBeLessThan(500);
    } finally {
      big.close();
    }
  });
});
