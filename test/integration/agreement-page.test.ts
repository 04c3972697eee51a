import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGREEMENT_BOOTSTRAP } from '../../electron/backend/features/agreement/agreement-service';
import { ApiError } from '../../shared/api/envelope';
import type { Moment } from '../../shared/domain/vocabulary';
import { compareAgreement, computeAgreement, type RatingsMatrix } from '../../shared/stats';
import { insertFamily, insertRater, insertRecording } from '../fixtures/seed-db';
import { startTestBackend, type TestBackend, signInAs } from './support/temp-backend';

const SCALE = { min: 1, max: 9 };
const STAMP = '2026-06-01T10:00:00.000Z';

function round(db: Database.Database, name: string, heldOn: string, revealed: boolean, recordingIds: number[], raterIds: number[]): number {
  const id = Number(
    db
      .prepare(`INSERT INTO rounds (name, held_on, kind, reveal_rule, revealed_at, created_at) VALUES (?, ?, 'meeting', 'coordinator', ?, ?)`)
      .run(name, heldOn, revealed ? STAMP : null, STAMP).lastInsertRowid,
  );
  recordingIds.forEach((recordingId, position) => db.prepare('INSERT INTO round_recordings (round_id, recording_id, position) VALUES (?, ?, ?)').run(id, recordingId, position));
  for (const raterId of raterIds) db.prepare('INSERT INTO round_raters (round_id, rater_id) VALUES (?, ?)').run(id, raterId);
  return id;
}

/** A submitted sheet with one caregiver's two scores. */
function sheet(db: Database.Database, raterId: number, recordingId: number, roundId: number | null, caregiverId: number, sensitivity: number, cooperation: number): void {
  const sheetId = Number(
    db
      .prepare(`INSERT INTO score_sheets (rater_id, recording_id, round_id, blind, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'draft', ?, ?)`)
      .run(raterId, recordingId, roundId, roundId === null ? 0 : 1, STAMP, STAMP).lastInsertRowid,
  );
  const score = db.prepare(`INSERT INTO scores (sheet_id, caregiver_id, scale, value, updated_at) VALUES (?, ?, ?, ?, ?)`);
  score.run(sheetId, caregiverId, 'sensitivity', sensitivity, STAMP);
  score.run(sheetId, caregiverId, 'cooperation', cooperation, STAMP);
  db.prepare(`UPDATE score_sheets SET status = 'submitted', submitted_at = ? WHERE id = ?`).run(STAMP, sheetId);
}

// Sensitivity scores of raters A, B, D per recording (cooperation = sensitivity − 1, floored at 1, except where noted).
const PRE = [
  [3, 4, 3],
  [5, 5, 6],
  [2, 3, 2],
  [7, 6, 8],
];
const POST = [
  [6, 6, 6],
  [8, 8, 7],
  [4, 4, 4],
  [7, 7, 7],
];

interface Story {
  coordinatorId: number;
  raterIds: number[];
  raterOnlyId: number;
}

function seed(db: Database.Database): Story {
  const coordinatorId = insertRater(db, 'Coördinator', 'CO', 'coordinator');
  const raterIds = [insertRater(db, 'Anna', 'AN', 'rater'), insertRater(db, 'Bram', 'BR', 'rater'), insertRater(db, 'Dewi', 'DE', 'rater')];
  const families = [1, 2, 3, 4, 5].map((n) => insertFamily(db, `OB-26-00${n}`, [{ role: 'moeder', label: 'moeder' }]));
  const rec = (family: number, moment: Moment, recordedOn: string) =>
    insertRecording(db, families[family]!, { caregiverIds: [families[family]!.caregivers.moeder!], moment, recordedOn });
  const pre = [0, 1, 2, 3].map((f) => rec(f, 'voormeting', '2026-02-10'));
  const post = [0, 1, 2, 3].map((f) => rec(f, 'nameting', '2026-04-20'));
  const blindOne = rec(4, 'nameting', '2026-05-20');
  const practiceOne = rec(4, 'voormeting', '2026-02-15');
  const r1 = round(db, '=HYPERLINK("x")', '2026-03-10', true, pre, raterIds);
  const r2 = round(db, 'Intervisie mei', '2026-05-12', true, post, raterIds);
  const r3 = round(db, 'Nog blind', '2026-06-01', false, [blindOne], raterIds);
  const caregiverOf = (i: number) => families[i]!.caregivers.moeder!;
  pre.forEach((recordingId, i) => raterIds.forEach((raterId, r) => sheet(db, raterId, recordingId, r1, caregiverOf(i), PRE[i]![r]!, Math.max(1, PRE[i]![r]! - 1))));
  post.forEach((recordingId, i) => raterIds.forEach((raterId, r) => sheet(db, raterId, recordingId, r2, caregiverOf(i), POST[i]![r]!, Math.max(1, POST[i]![r]! - 1))));
  // The still-blind round: wild scores that would change every figure, plus a practice sheet on it.
  raterIds.forEach((raterId, r) => sheet(db, raterId, blindOne, r3, caregiverOf(4), [1, 9, 5][r]!, [9, 1, 5][r]!));
  sheet(db, raterIds[0]!, blindOne, null, caregiverOf(4), 9, 9);
  // Practice ("niet blind") on a recording in no round.
  sheet(db, raterIds[0]!, practiceOne, null, caregiverOf(4), 5, 5);
  sheet(db, raterIds[1]!, practiceOne, null, caregiverOf(4), 6, 5);
  // A consensus in the first meeting: the reference for the deviation of that item.
  db.prepare(
    `INSERT INTO round_items (round_id, recording_id, caregiver_id, scale, consensus_value, consensus_at, consensus_by, updated_at)
     VALUES (?, ?, ?, 'sensitivity', 4, ?, ?, ?)`,
  ).run(r1, pre[0], caregiverOf(0), STAMP, coordinatorId, STAMP);
  return { coordinatorId, raterIds, raterOnlyId: raterIds[0]! };
}

const matrix = (ids: number[], rows: number[][], shift = 0): RatingsMatrix => ({
  raterIds: ids.map(String),
  scores: rows.map((row) => row.map((v) => Math.max(1, v - shift))),
  clipIds: rows.map((_, i) => String(i)),
});
const strip = (m: RatingsMatrix): RatingsMatrix => ({ raterIds: m.raterIds, scores: m.scores });

let t: TestBackend;
let story: Story;
beforeEach(async () => {
  t = startTestBackend();
  story = seed(t.backend.db);
  await signInAs(t.api, story.coordinatorId);
});
afterEach(() => t.close());

describe('agreement.overview', () => {
  it('computes the figures from the same matrix as shared/stats, leaving out a round that is still blind', async () => {
    const overview = await t.api.call('agreement.overview', {});
    expect(overview.recordingCount).toBe(8);
    expect(overview.familyCount).toBe(4);
    expect(overview.blindExcluded).toBe(1);
    const sensitivity = overview.scales.find((s) => s.scale === 'sensitivity')!;
    expect(sensitivity.itemCount).toBe(8);
    expect(sensitivity.raterCount).toBe(3);

    const all = computeAgreement(strip(matrix(story.raterIds, [...PRE, ...POST])), SCALE, { bootstrap: AGREEMENT_BOOTSTRAP });
    const stat = (key: string) => sensitivity.statistics.find((s) => s.key === key)!.stat;
    expect(stat('ICC2')).toEqual(all.icc.ICC2);
    expect(stat('ICC3k')).toEqual(all.icc.ICC3k);
    expect(stat('alphaOrdinal')).toEqual(all.krippendorffAlpha.ordinal);
    expect(stat('percentWithin1')).toEqual(all.percentAgreement.within1);
    expect(stat('fleissKappa')).toEqual(all.fleissKappa);
    const linear = all.kappaPairs.map((p) => (p.linear.ok ? p.linear.value : NaN));
    expect(stat('kappaLinearMean').ok && stat('kappaLinearMean')).toMatchObject({ value: linear.reduce((a, b) => a + b, 0) / linear.length });
    expect(sensitivity.pairs.map((p) => p.kappa)).toEqual(all.kappaPairs.map((p) => p.linear));
    expect(sensitivity.statistics.find((s) => s.key === 'ICC2')!.missingDataRule).toBe('Alleen opnamen die door alle beoordelaars gescoord zijn');

    // Before versus after: nameting − voormeting, the same bootstrap as compareAgreement.
    const icc = sensitivity.beforeAfter.find((c) => c.statistic === 'ICC2')!;
    expect(icc.groups.map((g) => [g.moment, g.itemCount])).toEqual([
      ['voormeting', 4],
      ['nameting', 4],
      ['follow-up', 0],
    ]);
    const difference = compareAgreement(strip(matrix(story.raterIds, POST)), strip(matrix(story.raterIds, PRE)), SCALE, 'ICC2', AGREEMENT_BOOTSTRAP);
    expect(icc.differences.find((d) => d.to === 'nameting')!.stat).toEqual(difference);
    const followUp = icc.differences.find((d) => d.to === 'follow-up')!.stat;
    expect(followUp.ok).toBe(false);
    expect(!followUp.ok && followUp.reason).toMatch(/opnamen|beoordelaar/);

    // Per meeting, in date order, ICC(2,1) of that meeting alone.
    expect(sensitivity.meetings.map((m) => [m.heldOn, m.itemCount])).toEqual([
      ['2026-03-10', 4],
      ['2026-05-12', 4],
    ]);
    expect(sensitivity.meetings[0]!.icc).toEqual(computeAgreement(strip(matrix(story.raterIds, PRE)), SCALE).icc.ICC2);

    // Deviation: Anna's first item against the consensus 4 (3 − 4), the others against the rest's mean.
    const anna = sensitivity.deviations.find((d) => d.raterId === story.raterIds[0])!;
    const others = [...PRE.slice(1), ...POST].map((row) => row[0]! - (row[1]! + row[2]!) / 2);
    expect(anna.n).toBe(8);
    expect(anna.againstConsensus).toBe(1);
    expect(anna.mean).toBeCloseTo((3 - 4 + others.reduce((a, b) => a + b, 0)) / 8, 12);
    expect(anna.months.map((m) => m.month)).toEqual(['2026-03', '2026-05']);
  });

  it('never counts practice scores, and refuses the old request to add them', async () => {
    // The seed has practice sheets on a recording in no round (two raters) and on the blind one.
    const overview = await t.api.call('agreement.overview', {});
    expect(overview.recordingCount).toBe(8);
    expect(overview.familyCount).toBe(4);
    const asked = await t.dispatch('agreement.overview', { filters: { includePractice: true } });
    expect(asked.ok).toBe(false);
    if (!asked.ok) expect(asked.error.code).toBe('invalid_input');
    const preOnly = await t.api.call('agreement.overview', { filters: { moments: ['voormeting'] } });
    expect(preOnly.recordingCount).toBe(4);
  });

  it('says "niet te berekenen" with a Dutch reason instead of a NaN when nothing fits the filters', async () => {
    const empty = await t.api.call('agreement.overview', { filters: { activity: 'bad' } });
    expect(JSON.stringify(empty)).not.toMatch(/NaN/);
    for (const scale of empty.scales) for (const row of scale.statistics) expect(!row.stat.ok && row.stat.reason.length).toBeGreaterThan(10);
  });

  it('logs one team row without a family, and refuses a rater who is not a coordinator', async () => {
    await t.api.call('agreement.overview', {});
    const rows = t.backend.db.prepare(`SELECT family_id, detail, outcome FROM access_log WHERE action = 'agreement.read'`).all() as { family_id: number | null; detail: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.family_id).toBeNull();
    expect(rows[0]!.detail).toContain('8 opnamen, 4 gezinnen');
    await signInAs(t.api, story.raterOnlyId);
    await expect(t.api.call('agreement.overview', {})).rejects.toBeInstanceOf(ApiError);
  });

  it('exports the figures as CSV with a BOM, the semicolon dialect and no live formulas', async () => {
    const file = await t.api.call('agreement.exportCsv', { dialect: 'semicolon' });
    expect(file.fileName).toMatch(/^afstemming-overeenstemming-\d{4}-\d{2}-\d{2}-excel-nl\.csv$/);
    // The comma dialect is named apart, so the two never overwrite each other in Downloads.
    expect((await t.api.call('agreement.exportCsv', { dialect: 'comma' })).fileName).toBe(file.fileName.replace(/-excel-nl\.csv$/, '.csv'));
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    expect(file.content.startsWith('\uFEFF"section";"scale";')).toBe(true);
    expect(file.content).toContain(`"'=HYPERLINK(""x"") (2026-03-10)"`);
    expect(file.content).not.toMatch(/;"=|NaN|Anna/);
    expect(file.content).toMatch(/"statistics";"sensitivity";"ICC2";"all";-?\d,\d{4};/);
  });
});
