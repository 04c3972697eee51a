import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Moment } from '../../shared/domain/vocabulary';
import { MIN_ITEMS } from '../../shared/stats/sample-size';
import { insertFamily, insertRater, insertRecording } from '../fixtures/seed-db';
import { signInAs, startTestBackend, type TestBackend } from './support/temp-backend';

// Small samples said plainly, through the real API on a real database: below MIN_ITEMS items a
// figure gets no word (and the CSV says "te weinig items (n = …)"); alpha is read with
// Krippendorff's own thresholds; a strong disagreement between Fleiss' kappa and alpha is
// explained.

const STAMP = '2026-06-01T10:00:00.000Z';

// Twelve voormeting items on which the three raters are often one point apart, seldom equal:
// Fleiss' kappa (nominal) ≈ 0,14, ordinal alpha ≈ 0,89.
const NEAR_MISSES = [2, 3, 4, 5, 6, 7, 8, 3, 5, 7, 4, 6].map((v, i) => [v, v + (i % 2 === 0 ? 1 : 0), v + (i % 3 === 0 ? -1 : 1)]);
// Two nameting items: "0,70 [0,00; 0,70] matig" territory.
const TWO = [
  [3, 4, 3],
  [7, 6, 8],
];

interface Story {
  coordinatorId: number;
  preRound: number;
  postRound: number;
}

function seed(db: Database.Database): Story {
  const coordinatorId = insertRater(db, 'Coördinator', 'CO', 'coordinator');
  const raters = [insertRater(db, 'Anna', 'AN', 'rater'), insertRater(db, 'Bram', 'BR', 'rater'), insertRater(db, 'Dewi', 'DE', 'rater')];
  const round = (name: string, heldOn: string, recordingIds: number[]) => {
    const id = Number(
      db
        .prepare(`INSERT INTO rounds (name, held_on, kind, reveal_rule, revealed_at, created_at) VALUES (?, ?, 'meeting', 'coordinator', ?, ?)`)
        .run(name, heldOn, STAMP, STAMP).lastInsertRowid,
    );
    recordingIds.forEach((recordingId, position) => db.prepare('INSERT INTO round_recordings (round_id, recording_id, position) VALUES (?, ?, ?)').run(id, recordingId, position));
    for (const raterId of raters) db.prepare('INSERT INTO round_raters (round_id, rater_id) VALUES (?, ?)').run(id, raterId);
    return id;
  };
  const scoreAll = (roundId: number, recordingIds: number[], caregivers: number[], table: number[][]) =>
    recordingIds.forEach((recordingId, i) =>
      raters.forEach((raterId, r) => {
        const sheetId = Number(
          db
            .prepare(`INSERT INTO score_sheets (rater_id, recording_id, round_id, blind, status, created_at, updated_at) VALUES (?, ?, ?, 1, 'draft', ?, ?)`)
            .run(raterId, recordingId, roundId, STAMP, STAMP).lastInsertRowid,
        );
        const value = table[i]![r]!;
        const insert = db.prepare('INSERT INTO scores (sheet_id, caregiver_id, scale, value, updated_at) VALUES (?, ?, ?, ?, ?)');
        insert.run(sheetId, caregivers[i], 'sensitivity', value, STAMP);
        insert.run(sheetId, caregivers[i], 'cooperation', value, STAMP);
        db.prepare(`UPDATE score_sheets SET status = 'submitted', submitted_at = ? WHERE id = ?`).run(STAMP, sheetId);
      }),
    );
  const families = Array.from({ length: 14 }, (_, i) => insertFamily(db, `OB-26-2${String(i).padStart(2, '0')}`, [{ role: 'moeder', label: 'moeder' }]));
  const mothers = families.map((family) => family.caregivers.moeder!);
  const rec = (i: number, moment: Moment) => insertRecording(db, families[i]!, { caregiverIds: [mothers[i]!], moment, recordedOn: moment === 'voormeting' ? '2026-02-10' : '2026-04-20' });
  const pre = NEAR_MISSES.map((_, i) => rec(i, 'voormeting'));
  const post = TWO.map((_, i) => rec(12 + i, 'nameting'));
  const preRound = round('Intervisie maart', '2026-03-10', pre);
  const postRound = round('Intervisie mei', '2026-05-12', post);
  scoreAll(preRound, pre, mothers.slice(0, 12), NEAR_MISSES);
  scoreAll(postRound, post, mothers.slice(12), TWO);
  return { coordinatorId, preRound, postRound };
}

let t: TestBackend;
let story: Story;
beforeEach(async () => {
  t = startTestBackend();
  story = seed(t.backend.db);
  await signInAs(t.api, story.coordinatorId);
});
afterEach(() => t.close());

const csvRows = (content: string) => content.slice(1).split('\r\n').filter(Boolean).map((line) => line.split(';'));

describe('agreement readings and small samples', () => {
  it("reads alpha with Krippendorff's thresholds, kappa with Landis & Koch, and explains their disagreement", async () => {
    const overview = await t.api.call('agreement.overview', { filters: { roundIds: [story.preRound] } });
    const sensitivity = overview.scales.find((s) => s.scale === 'sensitivity')!;
    expect(sensitivity.itemCount).toBe(12);
    const reading = (key: string) => sensitivity.statistics.find((s) => s.key === key)!.reading;
    expect(reading('alphaOrdinal')).toEqual({ scheme: 'krippendorff-2004', level: 'betrouwbaar' });
    expect(reading('fleissKappa')).toEqual({ scheme: 'landis-koch-1977', level: 'zwak' });
    expect(reading('ICC2')).toEqual({ scheme: 'koo-li-2016', level: 'goed' });
    expect(sensitivity.contrast).toMatchObject({ kind: 'near-misses', fleissKappa: { n: 12 }, alphaOrdinal: { n: 12 } });
    expect(sensitivity.contrast!.alphaOrdinal.value - sensitivity.contrast!.fleissKappa.value).toBeGreaterThan(0.7);
  });

  it(`gives no word below ${MIN_ITEMS} items, and the CSV says "te weinig items (n = 2)" beside the numbers`, async () => {
    const filters = { roundIds: [story.postRound] };
    const overview = await t.api.call('agreement.overview', { filters });
    const sensitivity = overview.scales.find((s) => s.scale === 'sensitivity')!;
    expect(sensitivity.itemCount).toBe(2);
    for (const row of sensitivity.statistics) expect(row.reading.level, row.key).toBeNull();
    expect(sensitivity.contrast).toBeNull();
    const icc = sensitivity.statistics.find((s) => s.key === 'ICC2')!.stat;
    expect(icc.ok && icc.n).toBe(2);

    const file = await t.api.call('agreement.exportCsv', { filters, dialect: 'semicolon' });
    const rows = csvRows(file.content);
    const header = rows[0]!.map((cell) => cell.replaceAll('"', ''));
    const at = (name: string) => header.indexOf(name);
    const alpha = rows.find((row) => row[at('section')] === '"statistics"' && row[at('scale')] === '"sensitivity"' && row[at('statistic')] === '"alphaOrdinal"')!;
    expect(alpha[at('reading')]).toBe('"te weinig items (n = 2)"');
    // The numbers stay, for whoever pools them with more data.
    expect(alpha[at('value')]).toMatch(/^-?\d,\d{4}$/);
  });

  it('reads a before/after difference by its smaller group, in the CSV as on the page', async () => {
    const file = await t.api.call('agreement.exportCsv', { dialect: 'semicolon' });
    const rows = csvRows(file.content);
    const header = rows[0]!.map((cell) => cell.replaceAll('"', ''));
    const at = (name: string) => header.indexOf(name);
    const beforeAfter = rows.filter((row) => row[at('section')] === '"before_after"' && row[at('scale')] === '"sensitivity"' && row[at('statistic')] === '"alphaOrdinal"');
    expect(beforeAfter.map((row) => [row[at('group')], row[at('reading')]])).toEqual([
      ['"voormeting"', '"betrouwbaar (krippendorff-2004)"'],
      ['"nameting"', '"te weinig items (n = 2)"'],
      ['"follow-up"', '"te weinig items (n = 0)"'],
      ['"nameting - voormeting"', '"te weinig items (n = 2)"'],
      ['"follow-up - voormeting"', '"te weinig items (n = 0)"'],
    ]);
  });

  it('gives the meeting the number of items its mean kappa rests on', async () => {
    const meeting = await t.api.call('rounds.meeting', { roundId: story.postRound });
    const sensitivity = meeting.agreement.find((a) => a.scale === 'sensitivity')!;
    expect(sensitivity.itemCount).toBe(2);
    expect(sensitivity.kappaLinearMean).toMatchObject({ pairs: 3, n: 2 });
  });
});
