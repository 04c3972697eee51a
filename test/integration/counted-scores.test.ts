import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { usableScores } from '../../electron/backend/features/agreement/agreement-service';
import { countedConsensus, countedScores } from '../../electron/backend/features/scoring/counted-scores';
import type { ScaleKey } from '../../shared/domain/scales';
import { insertFamily, insertRater, insertRecording, type SeededFamily } from '../fixtures/seed-db';
import { signInAs, startTestBackend, type TestBackend } from './support/temp-backend';

// One rule for which scores count (electron/backend/features/scoring/counted-scores.ts), seen from
// both sides: what the agreement page computes with (usableScores) and what the trends export as
// blind scores (trends.exportCsv, built from the trend index). Each case below is one where the
// agreement page's and the trends' own SQL used to answer differently, or where both were wrong;
// every case checks that the two now see the same scores, and which.

const STAMP = '2026-05-01T10:00:00.000Z';
const NO_FILTERS = { roundIds: [], moments: [], raterIds: [] };

interface World {
  coordinatorId: number;
  /** The round's two raters, and a third who is not in it. */
  anna: number;
  bram: number;
  cas: number;
  family: SeededFamily;
  mother: number;
  father: number;
  /** Voormeting with both parents in view; nameting with the mother. */
  pre: number;
  post: number;
  round: number;
}

function round(db: Database.Database, options: { heldOn: string; revealed: boolean; recordingIds: number[]; raterIds: number[]; blindMoment?: boolean }): number {
  const id = Number(
    db
      .prepare(`INSERT INTO rounds (name, held_on, kind, reveal_rule, revealed_at, created_at, blind_moment) VALUES (?, ?, 'meeting', 'coordinator', ?, ?, ?)`)
      .run(`Ronde ${options.heldOn}`, options.heldOn, options.revealed ? STAMP : null, STAMP, options.blindMoment ? 1 : 0).lastInsertRowid,
  );
  options.recordingIds.forEach((recordingId, position) =>
    db.prepare('INSERT INTO round_recordings (round_id, recording_id, position, neutral_code) VALUES (?, ?, ?, ?)').run(id, recordingId, position, 'ABCDEFG'[position]),
  );
  for (const raterId of options.raterIds) db.prepare('INSERT INTO round_raters (round_id, rater_id) VALUES (?, ?)').run(id, raterId);
  return id;
}

/** A sheet with both scales for each caregiver given; submitted unless told otherwise. */
function sheet(
  db: Database.Database,
  options: { raterId: number; recordingId: number; roundId: number | null; scores: Record<number, [number, number]>; submitted?: boolean },
): void {
  const sheetId = Number(
    db
      .prepare(`INSERT INTO score_sheets (rater_id, recording_id, round_id, blind, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'draft', ?, ?)`)
      .run(options.raterId, options.recordingId, options.roundId, options.roundId === null ? 0 : 1, STAMP, STAMP).lastInsertRowid,
  );
  const insert = db.prepare('INSERT INTO scores (sheet_id, caregiver_id, scale, value, updated_at) VALUES (?, ?, ?, ?, ?)');
  for (const [caregiverId, [sensitivity, cooperation]] of Object.entries(options.scores)) {
    insert.run(sheetId, Number(caregiverId), 'sensitivity', sensitivity, STAMP);
    insert.run(sheetId, Number(caregiverId), 'cooperation', cooperation, STAMP);
  }
  if (options.submitted !== false) db.prepare(`UPDATE score_sheets SET status = 'submitted', submitted_at = ? WHERE id = ?`).run(STAMP, sheetId);
}

function consensus(db: Database.Database, roundId: number, recordingId: number, caregiverId: number, scale: ScaleKey, value: number, by: number): void {
  db.prepare(
    `INSERT INTO round_items (round_id, recording_id, caregiver_id, scale, consensus_value, consensus_at, consensus_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(roundId, recordingId, caregiverId, scale, value, STAMP, by, STAMP);
}

/** A revealed meeting in which Anna and Bram scored both recordings: the scores that count to begin with. */
function seed(db: Database.Database): World {
  const coordinatorId = insertRater(db, 'Coördinator', 'CO', 'coordinator');
  const anna = insertRater(db, 'Anna', 'AN', 'rater');
  const bram = insertRater(db, 'Bram', 'BR', 'rater');
  const cas = insertRater(db, 'Cas', 'CA', 'rater');
  const family = insertFamily(db, 'OB-26-101', [
    { role: 'moeder', label: 'moeder' },
    { role: 'vader', label: 'vader' },
  ]);
  const mother = family.caregivers.moeder!;
  const father = family.caregivers.vader!;
  const pre = insertRecording(db, family, { caregiverIds: [mother, father], moment: 'voormeting', recordedOn: '2026-03-01' });
  const post = insertRecording(db, family, { caregiverIds: [mother], moment: 'nameting', recordedOn: '2026-04-01' });
  const meeting = round(db, { heldOn: '2026-04-15', revealed: true, recordingIds: [pre, post], raterIds: [anna, bram] });
  sheet(db, { raterId: anna, recordingId: pre, roundId: meeting, scores: { [mother]: [3, 4], [father]: [5, 5] } });
  sheet(db, { raterId: bram, recordingId: pre, roundId: meeting, scores: { [mother]: [4, 4], [father]: [6, 5] } });
  sheet(db, { raterId: anna, recordingId: post, roundId: meeting, scores: { [mother]: [7, 6] } });
  sheet(db, { raterId: bram, recordingId: post, roundId: meeting, scores: { [mother]: [7, 7] } });
  return { coordinatorId, anna, bram, cas, family, mother, father, pre, post, round: meeting };
}

/** "recording:caregiver:scale:rater=value", sorted: a score as both sides can name it. */
type Seen = string[];
const key = (recordingId: number, caregiverId: number, scale: string, raterId: number, value: number) => `${recordingId}:${caregiverId}:${scale}:${raterId}=${value}`;

function seenByAgreement(t: TestBackend): Seen {
  return usableScores(t.backend.db, NO_FILTERS)
    .scores.map((s) => key(s.recordingId, s.caregiverId, s.scale, s.raterId, s.value))
    .sort();
}

/** The trends' long export, parsed: the blind rows are the scores that count, the others are listed practice. */
async function trendRows(t: TestBackend): Promise<{ blind: Seen; practice: Seen }> {
  // English headers: the variable names R users know (recording_id, caregiver_id, …).
  const file = await t.api.call('trends.exportCsv', { dialect: 'comma', language: 'en' });
  const [header, ...lines] = Buffer.from(file.base64, 'base64').toString('utf8').slice(1).split('\r\n').filter(Boolean);
  const columns = header!.split(',').map((cell) => cell.replaceAll('"', ''));
  const at = (name: string) => columns.indexOf(name);
  const rows = lines.map((line) => line.split(',').map((cell) => cell.replaceAll('"', '')));
  const named = (row: string[]) => key(Number(row[at('recording_id')]), Number(row[at('caregiver_id')]), row[at('scale')]!, Number(row[at('rater')]!.slice(1)), Number(row[at('score')]));
  return {
    blind: rows.filter((row) => row[at('blind')] === 'ja').map(named).sort(),
    practice: rows.filter((row) => row[at('blind')] === 'nee').map(named).sort(),
  };
}

/** Both sides see exactly `expected`, and the rule module says the same. */
async function expectBothToCount(t: TestBackend, expected: Seen): Promise<void> {
  const sorted = [...expected].sort();
  expect(seenByAgreement(t), 'agreement page').toEqual(sorted);
  expect((await trendRows(t)).blind, 'trends export').toEqual(sorted);
  expect(
    countedScores(t.backend.db)
      .map((s) => key(s.recordingId, s.caregiverId, s.scale, s.raterId, s.value))
      .sort(),
    'counted-scores',
  ).toEqual(sorted);
}

let t: TestBackend;
let w: World;
/** The eight scores of the revealed meeting (both raters, both parents on the voormeting, the mother on the nameting). */
let baseline: Seen;
beforeEach(async () => {
  t = startTestBackend();
  w = seed(t.backend.db);
  await signInAs(t.api, w.coordinatorId);
  baseline = [
    ...[
      [w.anna, w.mother, 3, 4],
      [w.bram, w.mother, 4, 4],
      [w.anna, w.father, 5, 5],
      [w.bram, w.father, 6, 5],
    ].flatMap(([rater, caregiver, s, c]) => [key(w.pre, caregiver!, 'sensitivity', rater!, s!), key(w.pre, caregiver!, 'cooperation', rater!, c!)]),
    ...[
      [w.anna, 7, 6],
      [w.bram, 7, 7],
    ].flatMap(([rater, s, c]) => [key(w.post, w.mother, 'sensitivity', rater!, s!), key(w.post, w.mother, 'cooperation', rater!, c!)]),
  ];
});
afterEach(() => t.close());

describe('which scores count: one rule for agreement and trends', () => {
  it('counts the submitted blind scores of a revealed round, the same on both sides', async () => {
    await expectBothToCount(t, baseline);
    const overview = await t.api.call('agreement.overview', {});
    expect(overview.scales.map((s) => [s.scale, s.itemCount, s.raterCount])).toEqual([
      ['sensitivity', 3, 2],
      ['cooperation', 3, 2],
    ]);
    const trend = await t.api.call('trends.family', { familyId: w.family.familyId });
    const mother = trend.series.find((s) => s.caregiverId === w.mother && s.scale === 'sensitivity')!;
    expect(mother.points.map((p) => [p.recordingId, p.scoreCount, p.value])).toEqual([
      [w.pre, 2, 3.5],
      [w.post, 2, 7],
    ]);
  });

  it('leaves out a round sheet of a rater who is not one of the round’s raters (agreement used to count it)', async () => {
    sheet(t.backend.db, { raterId: w.cas, recordingId: w.pre, roundId: w.round, scores: { [w.mother]: [9, 9], [w.father]: [1, 1] } });
    await expectBothToCount(t, baseline);
    const overview = await t.api.call('agreement.overview', {});
    expect(overview.scales[0]!.raterCount).toBe(2);
    expect(overview.raters.map((r) => r.id)).not.toContain(w.cas);
  });

  it('never counts practice, which may be given after seeing the others’ scores (agreement counted it on request); the export lists it, flagged', async () => {
    sheet(t.backend.db, { raterId: w.cas, recordingId: w.pre, roundId: null, scores: { [w.mother]: [8, 8], [w.father]: [8, 8] } });
    sheet(t.backend.db, { raterId: w.anna, recordingId: w.post, roundId: null, scores: { [w.mother]: [2, 2] } });
    await expectBothToCount(t, baseline);
    expect((await trendRows(t)).practice).toEqual(
      [
        key(w.pre, w.mother, 'sensitivity', w.cas, 8),
        key(w.pre, w.mother, 'cooperation', w.cas, 8),
        key(w.pre, w.father, 'sensitivity', w.cas, 8),
        key(w.pre, w.father, 'cooperation', w.cas, 8),
        key(w.post, w.mother, 'sensitivity', w.anna, 2),
        key(w.post, w.mother, 'cooperation', w.anna, 2),
      ].sort(),
    );
    const trend = await t.api.call('trends.family', { familyId: w.family.familyId });
    expect(trend.series.find((s) => s.caregiverId === w.mother && s.scale === 'sensitivity')!.points[1]).toMatchObject({ value: 7, scoreCount: 2 });
  });

  it('stops counting a caregiver who is taken out of view after scoring (agreement used to count them)', async () => {
    await t.api.call('recordings.update', { id: w.pre, caregiverIds: [w.mother] });
    await expectBothToCount(
      t,
      baseline.filter((seen) => !seen.startsWith(`${w.pre}:${w.father}:`)),
    );
    const overview = await t.api.call('agreement.overview', {});
    expect(overview.scales[0]!.itemCount).toBe(2);
    // Back in view, the scores count again: nothing was deleted.
    await t.api.call('recordings.update', { id: w.pre, caregiverIds: [w.mother, w.father] });
    await expectBothToCount(t, baseline);
  });

  it('leaves out a round sheet whose recording is not on that round’s agenda (both used to count it)', async () => {
    const other = insertRecording(t.backend.db, w.family, { caregiverIds: [w.mother], moment: 'follow-up', recordedOn: '2026-06-01' });
    sheet(t.backend.db, { raterId: w.anna, recordingId: other, roundId: w.round, scores: { [w.mother]: [9, 9] } });
    sheet(t.backend.db, { raterId: w.bram, recordingId: other, roundId: w.round, scores: { [w.mother]: [9, 8] } });
    await expectBothToCount(t, baseline);
    const trend = await t.api.call('trends.family', { familyId: w.family.familyId });
    expect(trend.series.find((s) => s.caregiverId === w.mother && s.scale === 'sensitivity')!.points.find((p) => p.recordingId === other)).toMatchObject({
      value: null,
      scoreCount: 0,
    });
  });

  it('counts nothing of a recording that is also in a round still blind, not even practice; after that round’s reveal, its scores count too', async () => {
    const blind = round(t.backend.db, { heldOn: '2026-05-20', revealed: false, recordingIds: [w.pre], raterIds: [w.anna, w.cas], blindMoment: true });
    sheet(t.backend.db, { raterId: w.cas, recordingId: w.pre, roundId: blind, scores: { [w.mother]: [1, 1], [w.father]: [1, 1] } });
    sheet(t.backend.db, { raterId: w.bram, recordingId: w.pre, roundId: null, scores: { [w.mother]: [2, 2], [w.father]: [2, 2] } });
    await expectBothToCount(
      t,
      baseline.filter((seen) => !seen.startsWith(`${w.pre}:`)),
    );
    expect((await trendRows(t)).practice).toEqual([]);
    expect((await t.api.call('agreement.overview', {})).blindExcluded).toBe(1);
    const trend = await t.api.call('trends.family', { familyId: w.family.familyId });
    expect(trend.series.find((s) => s.caregiverId === w.mother && s.scale === 'sensitivity')!.points[0]).toMatchObject({ source: 'blind_round', value: null });

    // Revealed (the mask of "blind to the moment" ends with it): the new round's scores count, by its raters.
    t.backend.db.prepare('UPDATE rounds SET revealed_at = ? WHERE id = ?').run(STAMP, blind);
    await expectBothToCount(t, [
      ...baseline,
      key(w.pre, w.mother, 'sensitivity', w.cas, 1),
      key(w.pre, w.mother, 'cooperation', w.cas, 1),
      key(w.pre, w.father, 'sensitivity', w.cas, 1),
      key(w.pre, w.father, 'cooperation', w.cas, 1),
    ]);
  });

  it('never counts a draft', async () => {
    const third = insertRecording(t.backend.db, w.family, { caregiverIds: [w.mother], moment: 'nameting', recordedOn: '2026-04-02' });
    t.backend.db.prepare('INSERT INTO round_recordings (round_id, recording_id, position) VALUES (?, ?, 2)').run(w.round, third);
    sheet(t.backend.db, { raterId: w.anna, recordingId: third, roundId: w.round, scores: { [w.mother]: [2, 2] }, submitted: false });
    await expectBothToCount(t, baseline);
  });

  it('still counts the scores of a rater who has since been made inactive', async () => {
    await t.api.call('raters.update', { id: w.bram, active: false });
    await expectBothToCount(t, baseline);
    expect((await t.api.call('agreement.overview', {})).scales[0]!.raterCount).toBe(2);
  });

  it('counts a recording without a measurement moment for agreement; the trends show it, outside the moment values', async () => {
    t.backend.db.prepare(`UPDATE recordings SET moment = 'geen' WHERE id = ?`).run(w.post);
    await expectBothToCount(t, baseline);
    const trend = await t.api.call('trends.family', { familyId: w.family.familyId });
    const mother = trend.series.find((s) => s.caregiverId === w.mother && s.scale === 'sensitivity')!;
    expect(mother.points.find((p) => p.recordingId === w.post)).toMatchObject({ moment: 'geen', value: 7 });
    expect(mother.moments.find((m) => m.moment === 'nameting')!.value).toBeNull();
  });

  it('takes the consensus under the same rule: the trends’ value and the reference of a rater’s deviation, never a rater’s score', async () => {
    consensus(t.backend.db, w.round, w.pre, w.mother, 'sensitivity', 3, w.coordinatorId);
    consensus(t.backend.db, w.round, w.pre, w.father, 'sensitivity', 6, w.coordinatorId);
    await expectBothToCount(t, baseline);
    const overview = await t.api.call('agreement.overview', {});
    const anna = overview.scales[0]!.deviations.find((d) => d.raterId === w.anna)!;
    expect(anna.againstConsensus).toBe(2);
    const trend = await t.api.call('trends.family', { familyId: w.family.familyId });
    expect(trend.series.find((s) => s.caregiverId === w.father && s.scale === 'sensitivity')!.points[0]).toMatchObject({ source: 'consensus', value: 6 });

    // The father taken out of view: his consensus no longer counts either.
    await t.api.call('recordings.update', { id: w.pre, caregiverIds: [w.mother] });
    expect(countedConsensus(t.backend.db).map((c) => [c.caregiverId, c.value])).toEqual([[w.mother, 3]]);
    const after = await t.api.call('agreement.overview', {});
    expect(after.scales[0]!.deviations.find((d) => d.raterId === w.anna)!.againstConsensus).toBe(1);
  });

  it('has nothing left to count of an erased family', async () => {
    await t.api.call('families.erase', { id: w.family.familyId, confirmCode: 'OB-26-101' });
    await expectBothToCount(t, []);
    const overview = await t.api.call('agreement.overview', {});
    expect([overview.recordingCount, overview.familyCount]).toEqual([0, 0]);
  });
});
