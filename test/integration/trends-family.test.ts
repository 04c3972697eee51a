import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrendSeries } from '../../shared/domain/trends';
import { seedHandbookStory, type HandbookStory } from '../fixtures/trends-seed';
import { startTestBackend, type TestBackend, signInAs } from './support/temp-backend';
import { refusal } from './support/refusal';

let t: TestBackend;
let story: HandbookStory;
beforeEach(async () => {
  t = startTestBackend();
  story = seedHandbookStory(t.backend.db);
  await signInAs(t.api, story.coordinatorId);
});
afterEach(() => t.close());

const seriesOf = (series: TrendSeries[], caregiverId: number, scale: 'sensitivity' | 'cooperation') => {
  const found = series.find((s) => s.caregiverId === caregiverId && s.scale === scale);
  if (!found) throw new Error(`no series for ${caregiverId} ${scale}`);
  return found;
};

describe('trends.family', () => {
  it('shows the handbook case: consensus where there is one, a labelled mean otherwise, gaps as gaps', async () => {
    const trend = await t.api.call('trends.family', { familyId: story.family });
    expect(trend.family).toMatchObject({ code: 'OB-26-001', phase: 'follow-up', babyBirthMonth: '2026-01' });

    const sensitivity = seriesOf(trend.series, story.mother, 'sensitivity');
    expect(sensitivity.points.map((p) => [p.recordedOn, p.moment, p.value, p.source])).toEqual([
      ['2026-02-10', 'voormeting', 3, 'consensus'],
      ['2026-03-24', 'geen', null, 'none'],
      ['2026-05-12', 'nameting', 7, 'consensus'],
      ['2026-08-18', 'follow-up', 7.5, 'mean'],
      ['2026-08-18', 'follow-up', null, 'blind_round'],
    ]);
    const [pre, practiceOnly, , followUp, blind] = sensitivity.points;
    // The raters' range stays next to the consensus; the draft (1) in the revealed round never counts.
    expect(pre).toMatchObject({ consensus: 3, mean: 10 / 3, min: 3, max: 4, scoreCount: 3, raterCount: 3, ageMonths: 1, activity: 'spelen', visitPhase: 'introductie' });
    expect(followUp).toMatchObject({ min: 7, max: 8, scoreCount: 2, consensus: null });
    // A practice score is not blind and never makes a trend value; a blind round hides everything.
    expect(practiceOnly).toMatchObject({ value: null, scoreCount: 0 });
    expect(blind).toMatchObject({ value: null, mean: null, min: null, max: null, scoreCount: 0 });
    expect(sensitivity.moments).toEqual([
      { moment: 'voormeting', value: 3, scoredRecordings: 1, recordings: 1 },
      { moment: 'nameting', value: 7, scoredRecordings: 1, recordings: 1 },
      { moment: 'follow-up', value: 7.5, scoredRecordings: 1, recordings: 2 },
    ]);

    const cooperation = seriesOf(trend.series, story.mother, 'cooperation');
    expect(cooperation.points[0]).toMatchObject({ source: 'mean', consensus: null, min: 4, max: 5 });
    expect(cooperation.points[0]!.value).toBeCloseTo(13 / 3, 12);

    // The father appears only at the follow-up: one point, nothing before it invented.
    const father = seriesOf(trend.series, story.father, 'sensitivity');
    expect(father.points.map((p) => [p.moment, p.value])).toEqual([['follow-up', 5.5]]);
    expect(father.moments.map((m) => m.value)).toEqual([null, null, 5.5]);

    expect(trend.blindRecordingCount).toBe(1);
    expect(trend.visits.map((v) => [v.date, v.phase, v.ageMonths])).toEqual([
      ['2026-02-10', 'introductie', 1],
      ['2026-03-24', 'begeleiding', 2],
      ['2026-04-14', 'begeleiding', 3],
      ['2026-05-12', 'evaluatie', 4],
      ['2026-08-18', 'follow-up', 7],
    ]);
    expect(trend.phaseSpans).toEqual([
      { phase: 'introductie', from: '2026-02-10', to: '2026-03-24' },
      { phase: 'begeleiding', from: '2026-03-24', to: '2026-05-12' },
      { phase: 'evaluatie', from: '2026-05-12', to: '2026-08-18' },
      { phase: 'follow-up', from: '2026-08-18', to: '2026-08-18' },
    ]);
  });

  it('filters by period, role, activity and rater; a rater filter shows that rater and never the consensus', async () => {
    const [bram] = story.raterIds as [number];
    const byBram = await t.api.call('trends.family', { familyId: story.family, filters: { raterId: bram } });
    expect(byBram.raterName).toBe('Bram Jansen');
    expect(seriesOf(byBram.series, story.mother, 'sensitivity').points.map((p) => [p.value, p.source])).toEqual([
      [3, 'mean'],
      [null, 'none'],
      [7, 'mean'],
      [8, 'mean'],
      [null, 'blind_round'],
    ]);

    const fathers = await t.api.call('trends.family', { familyId: story.family, filters: { caregiverRole: 'vader' } });
    expect(new Set(fathers.series.map((s) => s.caregiverId))).toEqual(new Set([story.father]));

    const spring = await t.api.call('trends.family', { familyId: story.family, filters: { from: '2026-03-01', to: '2026-06-30' } });
    expect(seriesOf(spring.series, story.mother, 'sensitivity').points.map((p) => p.recordedOn)).toEqual(['2026-03-24', '2026-05-12']);
    expect(spring.visits.map((v) => v.date)).toEqual(['2026-03-24', '2026-04-14', '2026-05-12']);

    const feeding = await t.api.call('trends.family', { familyId: story.family, filters: { activity: 'voeden' } });
    expect(seriesOf(feeding.series, story.mother, 'sensitivity').points.map((p) => p.source)).toEqual(['blind_round']);
  });

  it('shows a family with only a voormeting honestly', async () => {
    const trend = await t.api.call('trends.family', { familyId: story.onlyPre });
    const series = trend.series.find((s) => s.scale === 'sensitivity')!;
    expect(series.points).toHaveLength(1);
    expect(series.moments.map((m) => [m.moment, m.value, m.recordings])).toEqual([
      ['voormeting', 4.5, 1],
      ['nameting', null, 0],
      ['follow-up', null, 0],
    ]);
  });

  it('follows changes at once: a reveal, a new consensus, a changed moment', async () => {
    const before = await t.api.call('trends.family', { familyId: story.family });
    expect(seriesOf(before.series, story.mother, 'sensitivity').points[4]!.source).toBe('blind_round');

    // Reveal the blind round through the real API: Bram's submitted 9 becomes visible.
    const round = t.backend.db.prepare(`SELECT id FROM rounds WHERE name = 'Ronde september'`).get() as { id: number };
    await t.api.call('rounds.reveal', { roundId: round.id });
    await t.api.call('rounds.setConsensus', { roundId: round.id, recordingId: story.recordings.blind, caregiverId: story.mother, scale: 'cooperation', value: 8, agreedBy: [] });
    await t.api.call('recordings.update', { id: story.recordings.geen, moment: 'nameting' });

    const after = await t.api.call('trends.family', { familyId: story.family });
    const sensitivity = seriesOf(after.series, story.mother, 'sensitivity');
    expect(sensitivity.points.find((p) => p.recordingId === story.recordings.blind)).toMatchObject({ value: 9, source: 'mean', scoreCount: 1 });
    expect(seriesOf(after.series, story.mother, 'cooperation').points.find((p) => p.recordingId === story.recordings.blind)).toMatchObject({ value: 8, source: 'consensus' });
    expect(sensitivity.points.find((p) => p.recordingId === story.recordings.geen)!.moment).toBe('nameting');
    expect(after.blindRecordingCount).toBe(0);
  });

  it('is for coordinators only, refuses unknown families, raters and reversed periods in Dutch, and logs every read', async () => {
    const [bram] = story.raterIds as [number];
    expect((await refusal(t.api.call('trends.family', { familyId: 999_999 }))).code).toBe('not_found');
    const unknownRater = await refusal(t.api.call('trends.family', { familyId: story.family, filters: { raterId: 999 } }));
    expect(unknownRater.message).toMatch(/beoordelaar bestaat niet/);
    const reversed = await refusal(t.api.call('trends.family', { familyId: story.family, filters: { from: '2026-06-01', to: '2026-01-01' } }));
    expect(reversed.code).toBe('invalid_input');
    expect(reversed.message).toMatch(/begindatum ligt na de einddatum/);
    const badRole = await refusal(t.api.call('trends.family', { familyId: story.family, filters: { caregiverRole: 'oma' as never } }));
    expect(badRole.message).toMatch(/Kies moeder, vader, partner of anders/);

    await t.api.call('trends.family', { familyId: story.family });
    await signInAs(t.api, bram);
    const forbidden = await refusal(t.api.call('trends.family', { familyId: story.family }));
    expect(forbidden.code).toBe('forbidden');

    const log = t.backend.db
      .prepare(`SELECT action, outcome, rater_name AS who, family_code AS code, detail FROM access_log WHERE action = 'trend.family_read' ORDER BY id`)
      .all() as { action: string; outcome: string; who: string; code: string; detail: string }[];
    // Refused calls are logged too (the bad filters above, and the rater who may not look).
    expect(log.filter((row) => row.outcome === 'ok').map((row) => [row.who, row.code])).toEqual([['Anna de Vries', 'OB-26-001']]);
    expect(log.at(-1)).toMatchObject({ outcome: 'refused', who: 'Bram Jansen', code: 'OB-26-001' });
    expect(log.filter((row) => row.outcome === 'refused' && row.who === 'Anna de Vries')).toHaveLength(4);
    expect(log.find((row) => row.outcome === 'ok')!.detail).toMatch(/5 opnamen/);
  });
});
