import type { Locator, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { makeClip } from '../fixtures/clips';
import { pdfStreamText, pdfToText } from '../fixtures/pdf-text';
import { artifactPath, expect, test } from './fixtures';
import { signInAsFirstCoordinator } from './pages/app-page';
import { DossierSection } from './pages/dossier-section';
import { ExportsSection } from './pages/exports-section';
import { FamiliesPage } from './pages/families-page';
import { FamilyPage } from './pages/family-page';
import { RecordingPage } from './pages/recording-page';
import { VisitsSection } from './pages/visits-section';

// Issue 16 end to end: one family from aanmelding to follow-up, as the begeleider keeps its
// babyformulier in the app: phases with dates, three home visits with answers, two guidance goals
// linked to a score and a fragment, logbook agreements reviewed at follow-up, a video-feedback
// session with captions and the parents' words, the parents' evaluation, and the dossier as PDF
// and XLSX, opened and read. Dates count back from today: the rules refuse dates in the future.

test.describe.configure({ timeout: 300_000 });

const daysAgo = (days: number): string => {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const dutch = (iso: string) => iso.split('-').reverse().join('-');

/** A call the UI makes elsewhere (fragments and a practice score), from inside the signed-in tab: setup, not what this test is about. */
async function call<T>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, input }) => {
      const response = await fetch('/api/call', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ method, input }) });
      const body = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(body.error?.message ?? 'refused');
      return body.value as never;
    },
    { method, input },
  );
}

async function pickOption(select: Locator, text: RegExp): Promise<void> {
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  expect(value, String(text)).not.toBeNull();
  await select.selectOption(value!);
}

test('one family from aanmelding to follow-up: phases, visits, goals, logbook, video feedback, the parents’ evaluation and the dossier files', async ({ page, host }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const clip = await makeClip({ durationS: 8, width: 320, height: 240, fps: 25, vcodec: 'h264', acodec: 'aac', container: 'mp4', keyframeEvery: 12 });
  await signInAsFirstCoordinator(page, host.url, 'Eva Visser', 'EV');
  const families = new FamiliesPage(page);
  await families.goto();
  const referral = daysAgo(130);
  const code = await families.create({ babyBirthMonth: daysAgo(160).slice(0, 7), referralDate: referral, caregivers: [{ role: 'Moeder', label: 'moeder' }] });
  const family = new FamilyPage(page);
  await family.expectLoaded(code);
  const dossier = new DossierSection(page);
  const visits = new VisitsSection(page);

  // ---- Aanmelding and introductie.
  await dossier.fillIntake('Huisarts', 'Psychiatrische problematiek van een ouder');
  await dossier.startPhase('Introductie', daysAgo(120));
  await dossier.expectCurrent('Introductie');

  // First visit: the observation is filmed; the clip is imported on that visit.
  await visits.add({ date: daysAgo(115), minutes: '60', activity: 'Spelen' });
  const first = await visits.visit(daysAgo(115));
  await expect(first.getByLabel('Fase', { exact: true })).toHaveValue('introductie');
  await visits.check(first, 'moeder');
  await visits.fill(first, 'Wat ging er goed in dit bezoek?', 'Moeder liet de baby zelf het speelgoed pakken.');
  const recording = new RecordingPage(page);
  await recording.importFromFamilyPage({ file: clip });
  await recording.waitUntilPlayable();
  const recordingId = Number(/recordings\/(\d+)/.exec(page.url())![1]);
  // The observation's fragments and the begeleider's own practice score, as marked and scored on the recording page.
  await call(page, 'fragments.create', { recordingId, startMs: 1000, endMs: 2500, note: 'Moeder volgt de blik van de baby', tagIds: [2], forFeedback: true });
  await call(page, 'fragments.create', { recordingId, startMs: 4000, endMs: 5500, note: 'Baby lacht naar moeder', tagIds: [5] });
  const mother = (await call<{ caregivers: { id: number }[] }>(page, 'recordings.get', { id: recordingId })).caregivers[0]!.id;
  const practice = { recordingId, roundId: null };
  await call(page, 'scoring.saveScore', { ...practice, caregiverId: mother, scale: 'sensitivity', value: 4 });
  await call(page, 'scoring.saveScore', { ...practice, caregiverId: mother, scale: 'cooperation', value: 5 });
  await call(page, 'scoring.submit', practice);
  await recording.backToFamily();
  await family.expectLoaded(code);

  // ---- Begeleiding: two goals from the scored video, two more visits, the logbook.
  await dossier.startPhase('Begeleiding', daysAgo(100));
  await dossier.expectCurrent('Begeleiding');
  const goalsRegion = page.getByRole('region', { name: 'Begeleidingsdoelen' });
  const addGoal = goalsRegion.getByRole('form', { name: 'Nieuw begeleidingsdoel' });
  await addGoal.getByLabel('Nieuw doel').fill('Moeder volgt het tempo van de baby bij het spelen.');
  await addGoal.getByRole('button', { name: 'Doel toevoegen' }).click();
  await addGoal.getByLabel('Nieuw doel').fill('Moeder benoemt wat de baby laat zien.');
  await addGoal.getByRole('button', { name: 'Doel toevoegen' }).click();
  const goal1 = goalsRegion.getByRole('listitem', { name: /^Doel 1:/ });
  const goal2 = goalsRegion.getByRole('listitem', { name: /^Doel 2:/ });
  await pickOption(goal1.getByLabel('Score of fragment koppelen'), /Sensitiviteit 4 · Moeder/);
  await goal1.getByRole('button', { name: 'Koppelen' }).click();
  await expect(goal1.getByRole('list', { name: 'Onderbouwd met' })).toContainText('Sensitiviteit 4 · Moeder');
  await pickOption(goal2.getByLabel('Score of fragment koppelen'), /Fragment 0:01–0:02/);
  await goal2.getByRole('button', { name: 'Koppelen' }).click();
  await expect(goal2.getByRole('list', { name: 'Onderbouwd met' })).toContainText('Moeder volgt de blik van de baby');
  const statusForm = (goal: Locator) => goal.getByRole('form', { name: 'Status wijzigen' });
  await statusForm(goal1).getByLabel('Nieuwe status', { exact: true }).selectOption({ label: 'In behandeling' });
  await statusForm(goal1).getByRole('button', { name: 'Status wijzigen' }).click();
  await expect(goal1.getByText(/^Status: In behandeling sinds/)).toBeVisible();

  await visits.add({ date: daysAgo(90), minutes: '75', activity: 'Voeden' });
  const second = await visits.visit(daysAgo(90));
  await expect(second.getByLabel('Fase', { exact: true })).toHaveValue('begeleiding');
  await visits.fill(second, 'Wat neemt de ouder mee naar de komende week?', 'Even wachten voor ze de fles geeft.');
  await dossier.addEntry(daysAgo(90), 'Moeder legt de baby na het voeden even op haar buik.', true);
  await dossier.addEntry(daysAgo(89), 'Telefonisch contact: het gaat goed.');
  await expect(dossier.entries()).toHaveCount(2);

  // The third visit holds the video feedback: the fragments of the first, captioned for the parents.
  await visits.add({ date: daysAgo(80), minutes: '60', activity: 'Niets gefilmd' });
  const third = await visits.visit(daysAgo(80));
  await visits.fill(third, 'Naar welke fragmenten hebben we samen gekeken, en wat zag de ouder zelf?', 'Het speelmoment; moeder zag hoe de baby haar aankeek.');
  await third.getByRole('button', { name: 'Videofeedback voorbereiden' }).click();
  const prepare = third.getByRole('region', { name: `Videofeedback bij het bezoek van ${daysAgo(80)}` });
  const addItem = prepare.getByRole('form', { name: 'Fragment toevoegen' });
  const chosen = prepare.getByRole('list', { name: 'Gekozen fragmenten, op volgorde' }).getByRole('listitem');
  await addItem.getByLabel('Fragment').selectOption({ index: 1 });
  await addItem.getByLabel('Onderschrift voor de ouders').fill('Kijk hoe jij zijn blik volgt.');
  await addItem.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(chosen).toHaveCount(1);
  await addItem.getByLabel('Fragment').selectOption({ index: 1 });
  await addItem.getByLabel('Onderschrift voor de ouders').fill('Hier lacht hij naar jou.');
  await addItem.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(chosen).toHaveCount(2);
  await prepare.getByRole('button', { name: 'Start videofeedback' }).click();
  const session = page.getByRole('dialog', { name: 'Videofeedback met de ouders' });
  await expect(session.getByText('Fragment 1 van 2')).toBeVisible();
  await expect(session.getByText('Kijk hoe jij zijn blik volgt.')).toBeVisible();
  await session.getByLabel('Wat zie je?').fill('Hij kijkt steeds naar mij.');
  await expect(session.getByRole('status').filter({ hasText: 'Opgeslagen' })).toBeVisible();
  await session.getByRole('button', { name: 'Volgende' }).click();
  await expect(session.getByText('Hier lacht hij naar jou.')).toBeVisible();
  await session.getByLabel('Wat denk je dat je baby voelt?').fill('Blij, hij voelt zich veilig.');
  await expect(session.getByRole('status').filter({ hasText: 'Opgeslagen' })).toBeVisible();
  await page.screenshot({ path: artifactPath(testInfo, 'journey-feedback-session-1280.png') });
  await session.getByRole('button', { name: 'Sluiten' }).click();
  await expect(session).toHaveCount(0);
  await expect(visits.items()).toHaveCount(3);

  // ---- Evaluatie en afsluiting: the goals are evaluated, the parents fill in their form.
  await dossier.startPhase('Evaluatie', daysAgo(40));
  await dossier.expectCurrent('Evaluatie');
  await statusForm(goal1).getByLabel('Nieuwe status', { exact: true }).selectOption({ label: 'Bereikt' });
  await statusForm(goal1).getByRole('button', { name: 'Status wijzigen' }).click();
  await expect(goal1.getByText(/^Status: Bereikt sinds/)).toBeVisible();
  const evaluation = goal1.getByLabel('Evaluatie bij de afsluiting');
  await evaluation.fill('Moeder wacht nu op de baby voor ze verder speelt.');
  await evaluation.blur();
  await expect(goal1.getByText('Opgeslagen')).toBeVisible();

  await page.setViewportSize({ width: 768, height: 1024 });
  await page.getByRole('region', { name: 'Evaluatieformulier voor de ouders' }).getByRole('link', { name: 'Formulier openen (tablet)' }).click();
  await expect(page.getByRole('heading', { name: 'Evaluatie van de begeleiding' })).toBeVisible();
  await page.getByRole('radiogroup', { name: 'Ik vond het prettig om samen naar de filmpjes te kijken.' }).getByRole('radio', { name: '5' }).check();
  const said = page.getByLabel('Wat wilt u ons nog zeggen?');
  await said.fill('Fijn dat we samen naar onszelf konden kijken.');
  await said.blur();
  await expect(page.getByText('Opgeslagen', { exact: true })).toHaveCount(2);
  await page.screenshot({ path: artifactPath(testInfo, 'journey-evaluation-768.png'), fullPage: true });
  await page.goBack();
  await page.setViewportSize({ width: 1280, height: 720 });
  await family.expectLoaded(code);

  // ---- Follow-up, three months on: the open agreement is reviewed with the parents.
  await dossier.startPhase('Follow-up', daysAgo(1));
  await dossier.expectCurrent('Follow-up');
  const review = dossier.openAgreements();
  await expect(review.getByText('Het gezin is in de follow-up: loop de open afspraken met de ouders na.')).toBeVisible();
  await review.getByRole('button', { name: /^Nagekomen: Moeder legt de baby/ }).click();
  await expect(review.getByText('Geen open afspraken.')).toBeVisible();
  // After the follow-up there are no more home visits: refused in Dutch, nothing added.
  await visits.add({ date: daysAgo(0) });
  await expect(page.getByRole('form', { name: 'Huisbezoek toevoegen' }).locator('xpath=following-sibling::p[@role="alert"][1]')).toContainText('na de follow-up zijn er geen huisbezoeken meer');
  await expect(visits.items()).toHaveCount(3);
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  expect(fits, 'the family page scrolls sideways at 1280×720').toBe(true);
  await page.screenshot({ path: artifactPath(testInfo, 'journey-family-page-1280.png'), fullPage: true });

  // ---- The dossier as files, opened and read.
  const exports = new ExportsSection(page, page, 'Dossier exporteren');
  const pdf = await exports.download('Dossier als PDF (EPD)');
  expect(pdf.suggestedFilename()).toBe(`afstemming-dossier-${code}-${daysAgo(0)}.pdf`);
  const pdfBytes = readFileSync(await pdf.path());
  const text = (pdfToText(pdfBytes) ?? pdfStreamText(pdfBytes)).replace(/\s+/g, ' ');
  for (const expected of [
    `Dossier gezin ${code}`,
    'Huisarts',
    'follow-up',
    'Begeleidingsdoelen',
    'bereikt',
    'Moeder liet de baby zelf het speelgoed pakken.',
    'Even wachten voor ze de fles geeft.',
    'Kijk hoe jij zijn blik volgt.',
    'Hij kijkt steeds naar mij.',
    'nagekomen',
    'Evaluatie door de ouders',
  ]) {
    expect(text, expected).toContain(expected);
  }
  expect(text).not.toContain('Eva Visser');
  // Each page as an image beside the test's screenshots, to look at.
  const pdfFile = artifactPath(testInfo, 'journey-dossier.pdf');
  writeFileSync(pdfFile, pdfBytes);
  spawnSync('pdftoppm', ['-r', '60', '-png', pdfFile, artifactPath(testInfo, 'journey-dossier-page')]);

  const xlsx = await exports.download('Dossier als Excel (alle velden)');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsx.path());
  const rows = (name: string) => (workbook.getWorksheet(name)!.getSheetValues().slice(1) as unknown[][]).map((row) => row.slice(1));
  expect(rows('Fasen').slice(1).map((row) => row[0])).toEqual(['aanmelding', 'introductie', 'begeleiding', 'evaluatie', 'follow-up']);
  expect(rows('Huisbezoeken').slice(1).map((row) => [row[1], row[3]])).toEqual([
    [dutch(daysAgo(115)), 60],
    [dutch(daysAgo(90)), 75],
    [dutch(daysAgo(80)), 60],
  ]);
  expect(rows('Vragen na het huisbezoek')).toHaveLength(4);
  const goals = rows('Begeleidingsdoelen').slice(1);
  expect(goals.map((row) => row[1])).toEqual(['Moeder volgt het tempo van de baby bij het spelen.', 'Moeder benoemt wat de baby laat zien.']);
  // The score that motivated the goal, with the rater's initials only (the PDF's layout splits a name over its lines, so the sheet is checked).
  expect(String(goals[0]![3])).toContain('Sensitiviteit 4 (Moeder, EV, voormeting');
  expect(JSON.stringify(workbook.worksheets.map((sheet) => sheet.getSheetValues()))).not.toContain('Eva Visser');
  expect(String(goals[1]![3])).toContain('Moeder volgt de blik van de baby');
  expect(goals[0]![4]).toBe('Moeder wacht nu op de baby voor ze verder speelt.');
  const feedback = rows('Videofeedback').slice(1);
  expect(feedback.map((row) => [row[3], row[8]])).toEqual([
    ['Kijk hoe jij zijn blik volgt.', 'Hij kijkt steeds naar mij.'],
    ['Hier lacht hij naar jou.', 'Blij, hij voelt zich veilig.'],
  ]);
  expect(rows('Logboek').slice(1).map((row) => row[2])).toEqual(['nagekomen', undefined]);
  expect(rows('Evaluatie door de ouders').slice(1).map((row) => row[1])).toContain(5);

  // Every step is in the family's access log, the dossier exports included.
  await page.reload();
  const log = family.accessLog();
  for (const action of ['Dossier van gezin geëxporteerd (PDF)', 'Dossier van gezin geëxporteerd (XLSX)', 'Volgende fase ingegaan', 'Logboekregel toegevoegd']) {
    await expect(log.getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
  }
});
