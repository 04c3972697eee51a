import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test, artifactPath } from './fixtures';
import type { AppHost } from './app-host';
import { insertFamily, insertRater, insertRecording } from '../fixtures/seed-db';
import { openApp, RaterPickerPage } from './pages/app-page';
import { AgreementPage } from './pages/agreement-page';

const STAMP = '2026-06-01T10:00:00.000Z';

/** Stop the host, write rows into its database, start it again on the same folder. */
async function seed(host: AppHost, fill: (db: Database.Database) => void): Promise<string> {
  await host.stop();
  const db = new Database(join(host.dataDir, 'afstemming.sqlite'));
  try {
    db.pragma('foreign_keys = ON');
    db.transaction(() => fill(db))();
  } finally {
    db.close();
  }
  return host.start();
}

// Sensitivity per recording for Anna, Bram, Cora, Daan; cooperation is one lower. After the
// training the team agrees better: the nameting rows lie closer together.
const PRE = [
  [3, 5, 4, 6],
  [6, 5, 7, 8],
  [2, 4, 3, 3],
  [7, 6, 8, 9],
  [4, 4, 6, 5],
];
const POST = [
  [6, 6, 6, 7],
  [8, 8, 7, 8],
  [4, 4, 4, 5],
  [7, 7, 7, 8],
  [5, 5, 5, 6],
];

function seedStory(db: Database.Database): void {
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
  const families = PRE.map((_, i) => insertFamily(db, `OB-26-00${i + 1}`, [{ role: 'moeder', label: 'moeder' }]));
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
}

test('the coordinator sees agreement before versus after, per meeting and per rater pair', async ({ page, host }, testInfo) => {
  test.setTimeout(120_000);
  const url = await seed(host, seedStory);
  await openApp(page, url);
  await new RaterPickerPage(page).pick('Anna de Vries');
  await page.setViewportSize({ width: 1280, height: 900 });

  const agreement = new AgreementPage(page);
  await agreement.open();
  await expect(agreement.summary()).toContainText('10 opnamen van 5 gezinnen, 4 beoordelaars.');
  await expect(agreement.summary()).toContainText('1 opname(n) in een nog blinde ronde niet meegeteld.');

  const beforeAfter = agreement.beforeAfter('Sensitiviteit');
  await expect(beforeAfter.getByRole('columnheader', { name: /Voormeting/ })).toContainText('5 items');
  await expect(beforeAfter.getByRole('columnheader', { name: /^Nameting/ })).toContainText('5 items');
  const iccRow = beforeAfter.getByRole('row', { name: /ICC\(2,1\)/ });
  await expect(iccRow.getByRole('cell').nth(3)).toHaveText(/^\+\d,\d\d \[/);
  // No follow-up recordings outside the blind round: said in words, not as a number.
  await expect(iccRow.getByRole('cell').nth(2)).toContainText('niet te berekenen');

  const heatmap = agreement.heatmap('Sensitiviteit');
  await expect(heatmap.getByRole('img', { name: /Heatmap van 6 paren beoordelaars/ })).toBeVisible();
  await expect(heatmap.getByRole('table', { name: 'Gewogen kappa per paar' }).getByRole('row')).toHaveCount(7);
  await expect(page.getByText(/Koo & Li \(2016\)/)).toBeVisible();
  await expect(page.getByText(/Landis & Koch \(1977\)/)).toBeVisible();
  await expect(page.getByText(/\bNaN\b/)).toHaveCount(0);

  await page.screenshot({ path: artifactPath(testInfo, 'agreement-page.png'), fullPage: true });
  // The PDF is the browser's print of this page: without the menu, the filters and the buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Afdrukken / opslaan als PDF' })).toBeHidden();
  await page.screenshot({ path: artifactPath(testInfo, 'agreement-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // The figures as CSV, through the API, handed to the browser as a download.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Cijfers als CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^overeenstemming-\d{4}-\d{2}-\d{2}\.csv$/);

  // Filtering on the nameting leaves no before-versus-after difference, and still no NaN.
  await page.getByLabel('Meetmoment').selectOption('nameting');
  await expect(agreement.summary()).toContainText('5 opnamen van 5 gezinnen');
  await expect(page.getByText(/\bNaN\b/)).toHaveCount(0);
});
