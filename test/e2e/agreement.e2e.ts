import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test, artifactPath } from './fixtures';
import type { AppHost } from './app-host';
import { insertFamily, insertRater, insertRecording } from '../fixtures/seed-db';
import { openApp, RaterPickerPage } from './pages/app-page';
import { AgreementPage } from './pages/agreement-page';
import { RoundsPages } from './pages/scoring-pages';

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

test('the coordinator sees agreement before versus after, per meeting and per rater pair', async ({ page, host }, testInfo) => {
  test.setTimeout(120_000);
  const url = await seed(host, seedStory);
  await openApp(page, url);
  await new RaterPickerPage(page).pick('Anna de Vries');
  await page.setViewportSize({ width: 1280, height: 900 });

  const agreement = new AgreementPage(page);
  await agreement.open();
  await expect(agreement.summary()).toContainText('22 opnamen van 10 gezinnen, 4 beoordelaars.');
  await expect(agreement.summary()).toContainText('1 opname(n) in een nog blinde ronde niet meegeteld.');

  // Each statistic is read by its own published rule: alpha by Krippendorff's 0,667 / 0,800.
  const statistics = agreement.statistics('Sensitiviteit');
  await expect(statistics.getByRole('row', { name: /Krippendorffs alfa \(ordinaal\)/ }).getByRole('cell').nth(1)).toHaveText('voorlopig (Krippendorff 2004)');
  await expect(statistics.getByRole('row', { name: /Fleiss’ kappa/ }).getByRole('cell').nth(1)).toHaveText('zwak (Landis & Koch 1977)');
  await expect(statistics.getByRole('row', { name: /^ICC\(2,1\)/ }).getByRole('cell').nth(1)).toHaveText('goed (Koo & Li 2016)');
  await expect(statistics.getByRole('row', { name: /^ICC\(2,1\)/ }).getByRole('cell').first()).toContainText('n = 22');
  // Far apart, and the page says why in one sentence.
  await expect(agreement.scale('Sensitiviteit').getByRole('note')).toHaveText(
    /^Fleiss’ kappa \(0,18, n = 22\) ligt ver onder Krippendorffs alfa \(0,77, n = 22\) omdat kappa alleen precies gelijke scores/,
  );
  await expect(page.getByText(/vanaf 0,800 betrouwbaar, van 0,667 tot 0,800 voorlopig/)).toBeVisible();

  const beforeAfter = agreement.beforeAfter('Sensitiviteit');
  await expect(beforeAfter.getByRole('columnheader', { name: /Voormeting/ })).toContainText('10 items');
  await expect(beforeAfter.getByRole('columnheader', { name: /^Nameting/ })).toContainText('10 items');
  await expect(beforeAfter.getByRole('columnheader', { name: /^Follow-up/ })).toContainText('2 items');
  const iccRow = beforeAfter.getByRole('row', { name: /ICC\(2,1\)/ });
  await expect(iccRow.getByRole('cell').nth(3)).toHaveText(/^\+\d,\d\d \[/);
  // Two follow-up items (the blind round's never count): said plainly, for the moment and its difference.
  await expect(iccRow.getByRole('cell').nth(2)).toHaveText('te weinig items (n = 2)');
  await expect(iccRow.getByRole('cell').nth(4)).toHaveText('te weinig items (n = 2)');

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
  await expect(agreement.summary()).toContainText('10 opnamen van 10 gezinnen');
  await expect(page.getByText(/\bNaN\b/)).toHaveCount(0);
});

test('a meeting of two recordings says "te weinig items (n = 2)", on the agreement page, in the meeting and in its minutes', async ({ page, host }, testInfo) => {
  test.setTimeout(120_000);
  const url = await seed(host, seedStory);
  await openApp(page, url);
  await new RaterPickerPage(page).pick('Anna de Vries');
  await page.setViewportSize({ width: 1280, height: 900 });

  const agreement = new AgreementPage(page);
  await agreement.open();
  await page.getByLabel('Ronde of intervisie').selectOption({ label: '2026-09-08 – Intervisie september (intervisie)' });
  await expect(agreement.summary()).toContainText('2 opnamen van 2 gezinnen, 4 beoordelaars.');
  const statistics = agreement.statistics('Sensitiviteit');
  for (const name of [/^ICC\(2,1\)/, /Krippendorffs alfa \(ordinaal\)/, /Fleiss’ kappa/, /% binnen ±1/]) {
    const row = statistics.getByRole('row', { name });
    await expect(row.getByRole('cell').first()).toHaveText('te weinig items (n = 2)');
    // No word, no interval, no value.
    await expect(row.getByRole('cell').nth(1)).toHaveText('–');
  }
  await expect(statistics).not.toContainText(/\[\d,\d\d;/);
  await expect(agreement.scale('Sensitiviteit').getByRole('note')).toHaveCount(0);
  await expect(agreement.scale('Sensitiviteit').getByText('Geen ronde in deze selectie heeft 10 items of meer', { exact: false })).toBeVisible();
  await page.screenshot({ path: artifactPath(testInfo, 'agreement-small-sample.png'), fullPage: true });

  // The meeting's own table and the minutes follow the same rule, with Dutch decimal commas elsewhere.
  await new RoundsPages(page).open('Intervisie september');
  await page.getByRole('link', { name: 'Intervisie openen' }).click();
  const meeting = page.getByRole('region', { name: 'Overeenstemming in deze ronde' });
  await expect(meeting.getByRole('row', { name: /ICC\(2,1\)/ }).getByRole('cell').first()).toHaveText('te weinig items (n = 2)');
  await expect(meeting.getByRole('row', { name: /kappa/i }).getByRole('cell').first()).toHaveText('te weinig items (n = 2)');
  await page.getByRole('link', { name: 'Notulen (PDF)' }).click();
  await expect(page.getByRole('heading', { name: 'Notulen intervisie: Intervisie september', level: 1 })).toBeVisible();
  const minutes = page.getByRole('region', { name: 'Overeenstemming in deze ronde' });
  await expect(minutes.getByRole('row', { name: /ICC\(2,1\)/ }).getByRole('cell').first()).toHaveText('te weinig items (n = 2)');
  await expect(minutes).not.toContainText(/\d\.\d\d/);
});
