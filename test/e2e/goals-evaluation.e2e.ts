import type Database from 'better-sqlite3';
import type { Locator, Page } from '@playwright/test';
import { artifactPath, expect, test } from './fixtures';
import { openApp, RaterPickerPage } from './pages/app-page';
import { DossierSection } from './pages/dossier-section';
import { FamiliesPage } from './pages/families-page';
import { FamilyPage } from './pages/family-page';
import { seedTeamStory } from './team-story';

// Issue 16 points 3 and 5 as the begeleider and the parents meet them: two guidance goals linked to
// a score and a fragment, with status changes and an evaluation at afsluiting; the parents'
// evaluation form filled in on a tablet; the coordinator's summary across families.

const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The team story, plus the phases of OB-26-001 with dates and one fragment Anna marked on its voormeting. */
function seed(db: Database.Database): void {
  seedTeamStory(db);
  const family = db.prepare(`SELECT id FROM families WHERE code = 'OB-26-001'`).get() as { id: number };
  const stamp = '2026-06-01T10:00:00.000Z';
  db.prepare(`INSERT INTO family_phases (family_id, phase, started_on, recorded_at) VALUES (?, 'introductie', '2026-02-05', ?), (?, 'begeleiding', '2026-03-01', ?)`).run(family.id, stamp, family.id, stamp);
  const recording = db.prepare(`SELECT id FROM recordings WHERE family_id = ? AND moment = 'voormeting'`).get(family.id) as { id: number };
  const anna = db.prepare(`SELECT id FROM raters WHERE initials = 'AV'`).get() as { id: number };
  db.prepare(
    `INSERT INTO fragments (recording_id, rater_id, start_ms, end_ms, start_frame, end_frame, note, created_at, updated_at) VALUES (?, ?, 12000, 18000, 300, 450, 'Moeder volgt de blik van de baby', ?, ?)`,
  ).run(recording.id, anna.id, stamp, stamp);
}

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

async function pickOption(select: Locator, text: RegExp): Promise<void> {
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  expect(value, String(text)).not.toBeNull();
  await select.selectOption(value!);
}

test('two guidance goals linked to a score and a fragment, with status changes and an evaluation; the parents’ form on a tablet; the team summary', async ({ page, host }, testInfo) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const url = await host.reseed(seed);
  await openApp(page, url);
  await new RaterPickerPage(page).pick('Anna de Vries');
  const families = new FamiliesPage(page);
  await families.goto();
  await families.table().getByRole('link', { name: 'OB-26-001' }).click();
  await new FamilyPage(page).expectLoaded('OB-26-001');

  const section = page.getByRole('region', { name: 'Begeleidingsdoelen' });
  const add = section.getByRole('form', { name: 'Nieuw begeleidingsdoel' });
  const goals = section.getByRole('list', { name: 'Doelen' }).locator('> li');
  await expect(section.getByText('Nog geen begeleidingsdoelen.')).toBeVisible();

  // A goal without text: a Dutch message, nothing saved.
  await add.getByRole('button', { name: 'Doel toevoegen' }).click();
  await expect(section.getByRole('alert')).toContainText('Tekst van het doel is verplicht');
  await expect(goals).toHaveCount(0);

  await add.getByLabel('Nieuw doel').fill('Moeder volgt het tempo van de baby bij het spelen.');
  await add.getByRole('button', { name: 'Doel toevoegen' }).click();
  await expect(goals).toHaveCount(1);
  await add.getByLabel('Nieuw doel').fill('Moeder benoemt wat de baby laat zien.');
  await add.getByRole('button', { name: 'Doel toevoegen' }).click();
  await expect(goals).toHaveCount(2);
  const first = section.getByRole('listitem', { name: /^Doel 1:/ });
  const second = section.getByRole('listitem', { name: /^Doel 2:/ });

  // Only what Anna may see is offered: her own scores, revealed rounds; never the others' blind June scores (9).
  const pick1 = first.getByLabel('Score of fragment koppelen');
  await expect(pick1.locator('option', { hasText: /Sensitiviteit 3 · Moeder · Voormeting/ })).toHaveCount(1);
  await expect(pick1.locator('option', { hasText: /Sensitiviteit 9/ })).toHaveCount(0);
  await pickOption(pick1, /Sensitiviteit 3 · Moeder · Voormeting .* Anna de Vries/);
  await first.getByRole('button', { name: 'Koppelen' }).click();
  const links1 = first.getByRole('list', { name: 'Onderbouwd met' });
  await expect(links1.getByRole('listitem')).toHaveCount(1);
  await expect(links1).toContainText('Sensitiviteit 3 · Moeder · Voormeting 10-02-2026 · Anna de Vries');

  const pick2 = second.getByLabel('Score of fragment koppelen');
  await pickOption(pick2, /Fragment 0:12–0:18/);
  await second.getByRole('button', { name: 'Koppelen' }).click();
  await expect(second.getByRole('list', { name: 'Onderbouwd met' })).toContainText('Fragment 0:12–0:18 · 10-02-2026 · Moeder volgt de blik van de baby');

  // Status over time, each change dated and kept.
  const statusForm = (goal: Locator) => goal.getByRole('form', { name: 'Status wijzigen' });
  await statusForm(first).getByLabel('Nieuwe status', { exact: true }).selectOption({ label: 'In behandeling' });
  await statusForm(first).getByRole('button', { name: 'Status wijzigen' }).click();
  await expect(first.getByText(/^Status: In behandeling sinds/)).toBeVisible();
  await statusForm(first).getByLabel('Nieuwe status', { exact: true }).selectOption({ label: 'Bereikt' });
  await statusForm(first).getByRole('button', { name: 'Status wijzigen' }).click();
  await expect(first.getByText(/^Status: Bereikt sinds/)).toBeVisible();
  await expect(first.getByRole('list', { name: 'Geschiedenis' }).getByRole('listitem')).toHaveText([/^Open vanaf/, /^In behandeling vanaf/, /^Bereikt vanaf/]);
  await statusForm(second).getByLabel('Nieuwe status', { exact: true }).selectOption({ label: 'In behandeling' });
  await statusForm(second).getByRole('button', { name: 'Status wijzigen' }).click();
  await expect(second.getByText(/^Status: In behandeling sinds/)).toBeVisible();
  // A date before the aanmelding: refused in Dutch, the history unchanged.
  await statusForm(second).getByLabel('Datum van de nieuwe status').fill('2026-01-15');
  await statusForm(second).getByRole('button', { name: 'Status wijzigen' }).click();
  await expect(statusForm(second).getByRole('alert')).toContainText('vóór de aanmelding (2026-02-01)');
  await expect(second.getByRole('list', { name: 'Geschiedenis' }).getByRole('listitem')).toHaveCount(2);

  // The evaluation is written at afsluiting: after the family enters the evaluatie phase.
  await expect(first.getByText('De evaluatie schrijft u bij de afsluiting')).toBeVisible();
  await new DossierSection(page).startPhase('Evaluatie', today());
  const evaluation = first.getByLabel('Evaluatie bij de afsluiting');
  await evaluation.fill('Moeder wacht nu op de baby voor ze verder speelt.');
  await evaluation.blur();
  await expect(first.getByText('Opgeslagen')).toBeVisible();
  await page.reload();
  await expect(section.getByRole('listitem', { name: /^Doel 1:/ }).getByLabel('Evaluatie bij de afsluiting')).toHaveValue('Moeder wacht nu op de baby voor ze verder speelt.');
  expect(await fitsWidth(page)).toBe(true);
  await section.screenshot({ path: artifactPath(testInfo, 'goals-1280.png') });

  // The parents' form on a tablet: large buttons, the family code and nothing else that identifies.
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.getByRole('region', { name: 'Evaluatieformulier voor de ouders' }).getByRole('link', { name: 'Formulier openen (tablet)' }).click();
  await expect(page.getByRole('heading', { name: 'Evaluatie van de begeleiding' })).toBeVisible();
  await expect(page.getByText('Gezin OB-26-001')).toBeVisible();
  await expect(page.getByText('Anna de Vries')).toHaveCount(0);
  const q1 = page.getByRole('radiogroup', { name: 'Ik vond het prettig om samen naar de filmpjes te kijken.' });
  const q2 = page.getByRole('radiogroup', { name: 'Ik kijk nu anders naar mijn baby.' });
  const box = await q1.getByRole('radio', { name: '5' }).locator('..').boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(48);
  expect(box!.width).toBeGreaterThanOrEqual(48);
  await q1.getByRole('radio', { name: '5' }).check();
  await q2.getByRole('radio', { name: '4' }).check();
  const said = page.getByLabel('Wat wilt u ons nog zeggen?');
  await said.fill('Fijn dat we samen naar onszelf konden kijken.');
  await said.blur();
  await expect(page.getByRole('status').filter({ hasText: /^Ingevuld op/ })).toBeVisible();
  await expect(page.getByText('Opgeslagen', { exact: true })).toHaveCount(3);
  expect(await fitsWidth(page)).toBe(true);
  await page.screenshot({ path: artifactPath(testInfo, 'evaluation-form-768.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await fitsWidth(page)).toBe(true);
  await page.screenshot({ path: artifactPath(testInfo, 'evaluation-form-390.png'), fullPage: true });
  await page.reload();
  await expect(q1.getByRole('radio', { name: '5' })).toBeChecked();
  await expect(q2.getByRole('radio', { name: '4' })).toBeChecked();

  // On paper: the filled-in form, without the app around it when printed.
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.getByRole('link', { name: 'Ingevuld formulier printen' }).click();
  await expect(page.getByRole('list', { name: 'Ik vond het prettig om samen naar de filmpjes te kijken.' }).locator('[aria-current="true"]')).toHaveText('5');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Printen' })).toBeHidden();
  await page.screenshot({ path: artifactPath(testInfo, 'evaluation-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // The coordinator's summary across families: the form counted, a chart with a table, open answers without codes.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('link', { name: 'Terug naar het gezin' }).click();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Evaluatie ouders' }).click();
  const summary = page.getByRole('region', { name: 'Samenvatting voor de kwaliteitsmonitoring' });
  await expect(summary.getByText('1 ingevuld formulier')).toBeVisible();
  const table = summary.getByRole('table', { name: 'Verdeling van de antwoorden: Ik vond het prettig om samen naar de filmpjes te kijken.' });
  await expect(table.getByRole('row').nth(1)).toHaveText(/^1\s*5,00\s*0\s*0\s*0\s*0\s*1$/);
  await expect(summary.getByRole('img', { name: /Ik kijk nu anders naar mijn baby\.: 1: 0, 2: 0, 3: 0, 4: 1, 5: 0/ })).toBeVisible();
  await expect(summary.getByRole('list', { name: 'Wat wilt u ons nog zeggen?' })).toHaveText('Fijn dat we samen naar onszelf konden kijken.');
  await expect(summary).not.toContainText('OB-26-001');
  expect(await fitsWidth(page)).toBe(true);
  await page.screenshot({ path: artifactPath(testInfo, 'evaluation-summary-1280.png'), fullPage: true });
  const download = page.waitForEvent('download');
  await summary.getByRole('button', { name: 'Samenvatting als CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^afstemming-evaluatie-ouders-\d{4}-\d{2}-\d{2}-excel-nl\.csv$/);

  // In English: the summary, and the goals on the family page with a refusal in English.
  await page.getByLabel('Taal').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Evaluation by parents' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Summary for quality monitoring' }).getByText('1 filled-in form')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Families' }).click();
  await page.getByRole('main').getByRole('link', { name: 'OB-26-001' }).click();
  const english = page.getByRole('region', { name: 'Guidance goals' });
  await expect(english.getByRole('listitem', { name: /^Goal 1:/ }).getByText(/^Status: Reached since/)).toBeVisible();
  await english.getByRole('form', { name: 'New guidance goal' }).getByRole('button', { name: 'Add goal' }).click();
  await expect(english.getByRole('alert')).toContainText('Text of the goal is required');
});
