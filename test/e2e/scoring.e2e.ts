import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, artifactPath } from './fixtures';
import type { AppHost } from './app-host';
import { pdfStreamText, pdfToText } from '../fixtures/pdf-text';
import { insertFamily, insertRater, insertRecording } from '../fixtures/seed-db';
import { openApp, RaterPickerPage } from './pages/app-page';
import { gotoNav, MeetingPage, RoundsPages, ScoreCardPage, switchRater, type ScaleName } from './pages/scoring-pages';

// Screenshots for people reviewing the screens; the test output folder unless told otherwise.

/**
 * Recordings need real video to be imported, which is not what these tests are about: the host is
 * stopped, rows are written into its database, and the host is started again on the same folder.
 */
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

/** Renders page 1 of a PDF to PNG when poppler is there, so a person can look at it. */
function renderPdf(pdf: string, outBase: string): void {
  const result = spawnSync('pdftoppm', ['-png', '-r', '60', '-l', '1', pdf, outBase], { encoding: 'utf8' });
  if (result.error === undefined) expect(result.status).toBe(0);
}

const RECORDING_A = /^OB-26-001 #\d+ · 2026-03-01 · Voormeting · Spelen/;
const RECORDING_B = /^OB-26-001 #\d+ · 2026-09-14 · Nameting · Voeden/;
const ANNA = 'Anna de Vries';

function seedTeam(db: Database.Database) {
  insertRater(db, ANNA, 'AV', 'coordinator');
  insertRater(db, 'Bram Jansen', 'BJ', 'rater');
  insertRater(db, 'Cora Smit', 'CS', 'rater');
  insertRater(db, 'Daan Bakker', 'DB', 'rater');
  const family = insertFamily(db, 'OB-26-001', [
    { role: 'moeder', label: 'moeder (M.)' },
    { role: 'vader', label: 'vader (B.)' },
  ]);
  insertRecording(db, family, { caregiverIds: [family.caregivers['moeder (M.)']!, family.caregivers['vader (B.)']!], moment: 'voormeting', activity: 'spelen' });
  insertRecording(db, family, { caregiverIds: [family.caregivers['moeder (M.)']!], moment: 'nameting', activity: 'voeden', recordedOn: '2026-09-14' });
}

type Plan = { a: Record<string, [number, number]>; b: [number, number] };
/** Per rater: [sensitivity, cooperation] per caregiver on A, and for the mother on B. Mother's sensitivity on A spreads 3–8. */
const PLANS: Record<string, Plan> = {
  [ANNA]: { a: { 'moeder (M.)': [3, 5], 'vader (B.)': [6, 6] }, b: [4, 4] },
  'Bram Jansen': { a: { 'moeder (M.)': [5, 5], 'vader (B.)': [6, 7] }, b: [4, 5] },
  'Cora Smit': { a: { 'moeder (M.)': [7, 6], 'vader (B.)': [6, 6] }, b: [5, 4] },
  'Daan Bakker': { a: { 'moeder (M.)': [8, 5], 'vader (B.)': [7, 6] }, b: [4, 4] },
};
const SCALES: ScaleName[] = ['Sensitiviteit', 'Coöperatie'];

test('four raters score two recordings blind, the coordinator reveals, the meeting orders by spread, a consensus is recorded and the minutes download as a PDF made by the back end', async ({
  page,
  host,
}, testInfo) => {
  test.setTimeout(240_000);
  const url = await seed(host, seedTeam);
  await openApp(page, url);
  await new RaterPickerPage(page).pick(ANNA);

  const rounds = new RoundsPages(page);
  await rounds.create({
    name: 'Intervisie november',
    date: '2026-11-12',
    recordings: [RECORDING_A, RECORDING_B],
    raters: [ANNA, 'Bram Jansen', 'Cora Smit', 'Daan Bakker'],
    revealRule: 'coordinator',
  });

  for (const [index, rater] of Object.keys(PLANS).entries()) {
    if (index > 0) await switchRater(page, rater);
    await rounds.open('Intervisie november');
    await expect(page.getByText(`Mijn voortgang: 0 van 2 ingediend`)).toBeVisible();

    // Names of who submitted are shown; never a value.
    const agendaA = rounds.agenda().getByRole('row', { name: /OB-26-001 #\d+ · 2026-03-01/ });
    const before = Object.keys(PLANS).slice(0, index);
    for (const name of before) await expect(agendaA.getByRole('cell').nth(2)).toContainText(name);

    const plan = PLANS[rater]!;
    let card = await rounds.scoreRecording(/^Scoren: OB-26-001 #\d+ · 2026-03-01/);
    await expect(card.root().getByText('Blind · Intervisie november')).toBeVisible();
    // Nothing of anyone else on the card, even for the last rater.
    for (const caregiver of ['moeder (M.)', 'vader (B.)']) {
      for (const [s, scale] of SCALES.entries()) await card.choose(scale, caregiver, plan.a[caregiver]![s]!);
    }
    await card.rationale('Sensitiviteit', 'moeder (M.)').fill(`Rationale van ${rater}: zie [01:${String(10 + index).padStart(2, '0')}].`);
    await expect(card.root().getByRole('status').filter({ hasText: /^Opgeslagen$/ }).first()).toBeVisible();
    if (index === 0) {
      await page.screenshot({ path: artifactPath(testInfo, 'scoring-card.png'), fullPage: true });
    }
    await card.submit();
    await page.getByRole('link', { name: /Terug naar ronde/ }).click();

    card = await rounds.scoreRecording(/^Scoren: OB-26-001 #\d+ · 2026-09-14/);
    for (const [s, scale] of SCALES.entries()) await card.choose(scale, 'moeder (M.)', plan.b[s]!);
    await card.submit();
    await page.getByRole('link', { name: /Terug naar ronde/ }).click();
    await expect(page.getByText('Mijn voortgang: 2 van 2 ingediend')).toBeVisible();

    if (index === 2) {
      // Before the reveal the meeting shows who submitted, nothing else.
      await page.getByRole('link', { name: 'Intervisie openen' }).click();
      await expect(page.getByText(/De scores zijn nog blind/)).toBeVisible();
      await expect(page.getByRole('main')).not.toContainText('Rationale van');
      await expect(page.getByRole('button', { name: 'Onthullen' })).toHaveCount(0);
    }
  }

  await switchRater(page, ANNA);
  await rounds.open('Intervisie november');
  await page.getByRole('link', { name: 'Intervisie openen' }).click();
  await expect(page.getByRole('heading', { name: 'Intervisie: Intervisie november', level: 1 })).toBeVisible();
  const agenda = page.getByRole('region', { name: 'Agenda' });
  await expect(agenda.getByRole('listitem', { name: RECORDING_A })).toContainText('Nog niet: niemand');
  await page.getByRole('button', { name: 'Onthullen' }).click();

  const meeting = new MeetingPage(page);
  await expect(meeting.items()).toHaveCount(6);
  const top = 'OB-26-001 · 2026-03-01 Voormeting · moeder (M.) · Sensitiviteit';
  await expect(meeting.items().first().getByRole('article')).toHaveAccessibleName(top);
  const scores = meeting.scoresOf(top);
  for (const [name, plan] of Object.entries(PLANS)) {
    const column = (await scores.getByRole('columnheader').allInnerTexts()).indexOf(name);
    expect(column).toBeGreaterThanOrEqual(0);
    await expect(scores.getByRole('cell').nth(column)).toHaveText(String(plan.a['moeder (M.)']![0]));
  }
  await expect(scores.getByRole('cell').nth(4)).toHaveText('6'); // median of 3, 5, 7, 8
  await expect(scores.getByRole('cell').nth(5)).toHaveText('3–8');
  await expect(meeting.item(top).getByText('verschil 5')).toBeVisible();
  // Spreads never go up further down the list.
  const spreads = (await meeting.items().locator('.spread-badge').allInnerTexts()).map((text) => Number(text.replace(/\D/g, '')));
  expect(spreads).toEqual([...spreads].sort((a, b) => b - a));

  const item = meeting.item(top);
  await item.locator('summary', { hasText: 'Onderbouwingen' }).click();
  await expect(item.getByText('Rationale van Cora Smit: zie')).toBeVisible();
  await item.getByLabel(`Bespreking ${top}`).fill('Moeder mist het huilen bij [03:10]; het team leest het als wisselend.');
  await expect(item.getByRole('status').filter({ hasText: /^Opgeslagen$/ })).toBeVisible();
  const consensus = item.getByRole('form', { name: `Consensusscore ${top}` });
  await consensus.getByRole('radio', { name: /^5 / }).click();
  await consensus.getByRole('checkbox', { name: 'Daan Bakker' }).uncheck();
  await consensus.getByRole('button', { name: 'Consensus vastleggen' }).click();
  await expect(item.getByText(`Consensus 5, vastgelegd door ${ANNA}; ingestemd: ${ANNA}, Bram Jansen, Cora Smit.`)).toBeVisible();

  const agreement = page.getByRole('region', { name: 'Overeenstemming in deze ronde' });
  await expect(agreement.getByRole('rowheader', { name: /ICC\(2,1\)/ })).toBeVisible();
  await expect(agreement.getByRole('columnheader', { name: /Sensitiviteit/ })).toContainText('3 onderdelen, 4 beoordelaars');
  await page.screenshot({ path: artifactPath(testInfo, 'scoring-meeting.png'), fullPage: true });

  await page.getByRole('link', { name: 'Notulen (PDF)' }).click();
  await expect(page.getByRole('heading', { name: 'Notulen intervisie: Intervisie november', level: 1 })).toBeVisible();
  const minutes = page.getByRole('table', { name: 'Scores per onderdeel, grootste verschil eerst' });
  await expect(minutes.getByRole('row').nth(1)).toContainText(top);
  await expect(minutes.getByRole('row').nth(1)).toContainText('AV, BJ, CS');
  await expect(page.getByText('Moeder mist het huilen bij [03:10]')).toBeVisible();
  // Three items per scale: too few for a figure to be read, said plainly (as in the PDF below); never 0.90.
  const figures = page.getByRole('region', { name: 'Overeenstemming in deze ronde' });
  await expect(figures.getByRole('row', { name: /ICC\(2,1\)/ })).toContainText('te weinig items (n = 3)');
  expect(await figures.innerText()).not.toMatch(/\d\.\d/);
  // No print button: the PDF comes from the back end.
  await expect(page.getByRole('button', { name: 'Afdrukken / opslaan als PDF' })).toHaveCount(0);
  await page.screenshot({ path: artifactPath(testInfo, 'scoring-minutes.png'), fullPage: true });

  // The back end makes the PDF, as it does the other reports; the browser only downloads it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Notulen als PDF' }).click()]);
  expect(download.suggestedFilename()).toBe('notulen_intervisie-november_2026-11-12.pdf');
  await expect(page.getByRole('status').filter({ hasText: 'notulen_intervisie-november_2026-11-12.pdf is gedownload.' })).toBeVisible();
  const file = artifactPath(testInfo, download.suggestedFilename());
  await download.saveAs(file);
  const pdf = readFileSync(file);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = (pdfToText(pdf) ?? pdfStreamText(pdf)).replace(/\s+/g, ' ');
  for (const expected of [
    'Notulen intervisie: Intervisie november',
    '12-11-2026',
    'Anna de Vries (AV), Bram Jansen (BJ), Cora Smit (CS), Daan Bakker (DB)',
    `door ${ANNA}`,
    '01-03-2026 Voormeting · Moeder · Sensitiviteit',
    '3 5 7 8 6 3–8 5 (AV, BJ, CS)',
    'Moeder mist het huilen bij [03:10]; het team leest het als wisselend.',
    `Consensus 5, vastgelegd door ${ANNA}; ingestemd: ${ANNA}, Bram Jansen, Cora Smit.`,
    'ICC(2,1)',
    'Binnen ±1 punt',
  ]) {
    expect(text, expected).toContain(expected);
  }
  // Three items said plainly, no decimal point anywhere; the caregivers by role, not by label.
  expect(text).toContain('te weinig items (n = 3)');
  expect(text).not.toMatch(/\d\.\d/);
  expect(text).not.toContain('(M.)');
  renderPdf(file, artifactPath(testInfo, 'scoring-minutes'));
});

test('the score card: keys 1–9, the anchor text, drafts kept at once, submit locks, reopening needs a reason; practice is niet blind', async ({ page, host }) => {
  test.setTimeout(120_000);
  const url = await seed(host, seedTeam);
  await openApp(page, url);
  await new RaterPickerPage(page).pick('Bram Jansen');

  await gotoNav(page, 'Oefenen');
  await page.getByRole('link', { name: /^Oefenen: OB-26-001 #\d+ · 2026-09-14/ }).click();
  const card = new ScoreCardPage(page);
  await expect(card.root().getByText('Niet blind', { exact: true })).toBeVisible();
  // The pointer rests where the link was, which is now on the card beside the player; a point under
  // it would show its own anchor text (the hover preview) instead of the one chosen with the keys.
  await page.mouse.move(0, 0);

  // Focus the group and type a digit: 4 lies between the anchors of 3 and 5, and both are shown.
  await card.point('Sensitiviteit', 'moeder (M.)', 1).focus();
  await page.keyboard.press('4');
  await expect(card.point('Sensitiviteit', 'moeder (M.)', 4)).toHaveAttribute('aria-checked', 'true');
  await expect(card.point('Sensitiviteit', 'moeder (M.)', 4)).toBeFocused();
  const panel = card.root().locator('.anchor-panel').first();
  await expect(panel).toContainText('Tussen 3 en 5 in:');
  await expect(panel).toContainText('3 · Insensitief.');
  await expect(panel).toContainText('5 · Wisselend sensitief.');
  await page.keyboard.press('ArrowRight');
  await expect(card.point('Sensitiviteit', 'moeder (M.)', 5)).toHaveAttribute('aria-checked', 'true');
  await expect(panel).not.toContainText('Tussen');
  await expect(panel).toContainText('Soms goed afgestemd, soms niet');

  await card.rationale('Sensitiviteit', 'moeder (M.)').fill('Reageert laat op huilen [00:12-00:20].');
  // A seeded recording has no video behind it, so the citation is listed but cannot play here;
  // round-scoring.e2e.ts plays and seeks a real clip from the card.
  await expect(card.root().getByRole('list', { name: 'Citaten' })).toContainText('[00:12-00:20]');

  // Saved at once: a reload shows the draft.
  await expect(card.root().getByRole('status').filter({ hasText: /^Opgeslagen$/ })).toBeVisible();
  await page.reload();
  await expect(card.point('Sensitiviteit', 'moeder (M.)', 5)).toHaveAttribute('aria-checked', 'true');
  await expect(card.rationale('Sensitiviteit', 'moeder (M.)')).toHaveValue('Reageert laat op huilen [00:12-00:20].');

  await card.root().getByRole('button', { name: 'Indienen' }).click();
  await expect(page.getByRole('alert')).toContainText('Nog niet alles gescoord: Coöperatie voor moeder (M.).');
  await card.point('Coöperatie', 'moeder (M.)', 1).focus();
  await page.keyboard.press('7');
  await expect(card.point('Coöperatie', 'moeder (M.)', 7)).toHaveAttribute('aria-checked', 'true');
  await card.submit();

  // Locked: clicking another point changes nothing.
  await card.point('Sensitiviteit', 'moeder (M.)', 9).click({ force: true });
  await expect(card.point('Sensitiviteit', 'moeder (M.)', 5)).toHaveAttribute('aria-checked', 'true');
  await expect(card.rationale('Sensitiviteit', 'moeder (M.)')).toHaveAttribute('readonly', '');

  await card.root().getByRole('button', { name: 'Heropenen' }).click();
  const reopen = page.getByRole('form', { name: 'Heropenen' });
  await reopen.getByRole('button', { name: 'Heropen met deze reden' }).click();
  await expect(page.getByRole('alert')).toContainText('Reden om te heropenen is verplicht.');
  await reopen.getByLabel('Reden om te heropenen').fill('Coöperatie te hoog ingeschat');
  await reopen.getByRole('button', { name: 'Heropen met deze reden' }).click();
  await expect(card.status()).toContainText('Concept');
  await card.choose('Coöperatie', 'moeder (M.)', 6);
  await card.root().locator('summary', { hasText: 'Geschiedenis' }).click();
  await expect(card.root().getByText(/heropend door Bram Jansen: Coöperatie te hoog ingeschat/)).toBeVisible();

  // My sheets list it as niet blind.
  await gotoNav(page, 'Oefenen');
  const mine = page.getByRole('table', { name: 'Mijn scoreformulieren' });
  await expect(mine.getByRole('row', { name: /2026-09-14/ })).toContainText('Niet blind');
  await expect(mine.getByRole('row', { name: /2026-09-14/ })).toContainText('moeder (M.): S 5 / C 6');
});

test('a coordinator edits the anchor texts; a new score shows and stores the new version', async ({ page, host }) => {
  const url = await seed(host, seedTeam);
  await openApp(page, url);
  await new RaterPickerPage(page).pick(ANNA);
  await gotoNav(page, 'Ankerteksten');
  await page.getByRole('button', { name: 'Wijzig Sensitiviteit' }).click();
  const form = page.getByRole('form', { name: 'Wijzig Sensitiviteit' });
  await form.getByLabel('Titel (NL) 5').fill('Wisselend (teamversie)');
  await form.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
  await expect(page.getByRole('region', { name: 'Sensitiviteit – Insensitiviteit' }).getByText(/^Versie 2, /)).toBeVisible();

  await gotoNav(page, 'Oefenen');
  await page.getByRole('link', { name: /^Oefenen: OB-26-001 #\d+ · 2026-03-01/ }).click();
  const card = new ScoreCardPage(page);
  await card.choose('Sensitiviteit', 'vader (B.)', 5);
  await expect(card.root().locator('.anchor-panel').nth(2)).toContainText('5 · Wisselend (teamversie).');
  await expect(card.root().getByText('ankertekst versie 2')).toBeVisible();
});
