import type Database from 'better-sqlite3';
import { insertFamily, insertRater, insertRecording } from '../fixtures/seed-db';

const STAMP = '2026-06-01T10:00:00.000Z';

// Sensitivity per recording for Anna, Bram, Cora, Daan; cooperation is one lower. After the
// training the team agrees better: the nameting rows lie closer together. Ten of each, so that each
// moment has enough items (shared/stats MIN_ITEMS) for its figures to be read.
const PRE = [
  [3, 5, 4, 6],
  [6, 5, 7, 8],
  [2, 4, 3, 3],
  [7, 6, 8, 9],
  [4, 4, 6, 5],
  [5, 6, 4, 6],
  [3, 3, 5, 4],
  [6, 8, 7, 7],
  [2, 3, 3, 4],
  [5, 7, 6, 6],
];
const POST = [
  [6, 6, 6, 7],
  [8, 8, 7, 8],
  [4, 4, 4, 5],
  [7, 7, 7, 8],
  [5, 5, 5, 6],
  [6, 6, 7, 6],
  [3, 4, 4, 4],
  [7, 7, 8, 7],
  [5, 5, 5, 5],
  [8, 7, 8, 8],
];
// A meeting on two follow-up recordings only: "0,70 [0,00; 0,70] matig" territory.
const SMALL = [
  [3, 5, 3, 4],
  [7, 5, 8, 6],
];
// All 22 items together: the raters are often a point apart and seldom equal, so ordinal alpha is
// 0,77 ("voorlopig" by Krippendorff's thresholds, where the kappa bands would say "goed") while
// Fleiss' kappa, which only counts identical scores, is 0,18.

/**
 * A team of four (Anna coordinates) and ten families: a revealed round before the training
 * (March), one after it (May) where the team agrees better, a June round that is still blind (its
 * scores must not show anywhere) and a small September round on two follow-up recordings. Used by
 * tests that look at agreement, trends and every page.
 */
export function seedTeamStory(db: Database.Database): void {
  const raters = [
    insertRater(db, 'Anna de Vries', 'AV', 'coordinator'),
    insertRater(db, 'Bram Jansen', 'BJ', 'rater'),
    insertRater(db, 'Cora Smit', 'CS', 'rater'),
    insertRater(db, 'Daan Bakker', 'DB', 'rater'),
  ];
  const round = (name: string, heldOn: string, revealed: boolean, recordingIds: number[]) => {
    const id = Number(
      db
        .prepare(`INSERT INTO rounds (name, held_on, kind, reveal_rule, revealed_at, created_at) VALUES (?, ?, 'meeting', 'coordinator', ?, ?)`)
        .run(name, heldOn, revealed ? STAMP : null, STAMP).lastInsertRowid,
    );
    recordingIds.forEach((recordingId, i) => db.prepare('INSERT INTO round_recordings (round_id, recording_id, position) VALUES (?, ?, ?)').run(id, recordingId, i));
    for (const raterId of raters) db.prepare('INSERT INTO round_raters (round_id, rater_id) VALUES (?, ?)').run(id, raterId);
    return id;
  };
  const sheet = (raterId: number, recordingId: number, roundId: number, caregiverId: number, value: number) => {
    const sheetId = Number(
      db
        .prepare(`INSERT INTO score_sheets (rater_id, recording_id, round_id, blind, status, created_at, updated_at) VALUES (?, ?, ?, 1, 'draft', ?, ?)`)
        .run(raterId, recordingId, roundId, STAMP, STAMP).lastInsertRowid,
    );
    const insert = db.prepare(`INSERT INTO scores (sheet_id, caregiver_id, scale, value, updated_at) VALUES (?, ?, ?, ?, ?)`);
    insert.run(sheetId, caregiverId, 'sensitivity', value, STAMP);
    insert.run(sheetId, caregiverId, 'cooperation', Math.max(1, value - 1), STAMP);
    db.prepare(`UPDATE score_sheets SET status = 'submitted', submitted_at = ? WHERE id = ?`).run(STAMP, sheetId);
  };
  const families = PRE.map((_, i) => insertFamily(db, `OB-26-${String(i + 1).padStart(3, '0')}`, [{ role: 'moeder', label: 'moeder' }]));
  const caregiver = (i: number) => families[i]!.caregivers.moeder!;
  const pre = families.map((family, i) => insertRecording(db, family, { caregiverIds: [caregiver(i)], moment: 'voormeting', recordedOn: '2026-02-10' }));
  const post = families.map((family, i) => insertRecording(db, family, { caregiverIds: [caregiver(i)], moment: 'nameting', activity: 'voeden', recordedOn: '2026-05-02' }));
  const march = round('Intervisie maart', '2026-03-10', true, pre);
  const may = round('Intervisie mei', '2026-05-12', true, post);
  pre.forEach((recordingId, i) => raters.forEach((raterId, r) => sheet(raterId, recordingId, march, caregiver(i), PRE[i]![r]!)));
  post.forEach((recordingId, i) => raters.forEach((raterId, r) => sheet(raterId, recordingId, may, caregiver(i), POST[i]![r]!)));
  // A round that is still blind: its scores must not show anywhere on the page.
  const blind = insertRecording(db, families[0]!, { caregiverIds: [caregiver(0)], moment: 'follow-up', recordedOn: '2026-06-01' });
  const june = round('Intervisie juni', '2026-06-02', false, [blind]);
  raters.forEach((raterId, r) => sheet(raterId, blind, june, caregiver(0), [1, 9, 1, 9][r]!));
  const later = SMALL.map((_, i) => insertRecording(db, families[i]!, { caregiverIds: [caregiver(i)], moment: 'follow-up', activity: 'bad', recordedOn: '2026-08-20' }));
  const september = round('Intervisie september', '2026-09-08', true, later);
  later.forEach((recordingId, i) => raters.forEach((raterId, r) => sheet(raterId, recordingId, september, caregiver(i), SMALL[i]![r]!)));
}
