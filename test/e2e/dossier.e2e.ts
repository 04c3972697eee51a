import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { pdfStreamText, pdfToText } from '../fixtures/pdf-text';
import { artifactPath, expect, test } from './fixtures';
import { holdRequests } from './hold-requests';
import { ExportsSection } from './pages/exports-section';
import { openApp, RaterPickerPage, signInAsFirstCoordinator } from './pages/app-page';
import { seedTeamStory } from './team-story';
import { DossierSection } from './pages/dossier-section';
import { FamiliesPage } from './pages/families-page';
import { FamilyPage } from './pages/family-page';

// Dates relative to today, as a begeleider types them: the rules allow nothing before the
// aanmelding and a phase at most two weeks ahead, so fixed dates would age out of the test.
const daysAgo = (days: number): string => {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const dutch = (iso: string) => iso.split('-').reverse().join('-');

test('a coordinator keeps a family’s dossier: aanmelding, a contra-indication overridden, phases with dates, logbook agreements reviewed at follow-up', async ({ page, host }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await signInAsFirstCoordinator(page, host.url, 'Anna de Vries', 'AV');
  const families = new FamiliesPage(page);
  await families.goto();
  const referral = daysAgo(100);
  const code = await families.create({ babyBirthMonth: daysAgo(130).slice(0, 7), referralDate: referral, caregivers: [{ role: 'Moeder', label: 'moeder' }] });
  const family = new FamilyPage(page);
  await family.expectLoaded(code);
  const dossier = new DossierSection(page);

  // The aanmelding as fields, each saved as it is typed, and a contra-indication checked at intake.
  await dossier.fillIntake('Huisarts', 'Psychiatrische problematiek van een ouder');
  await dossier.checkUnsafe('melding in onderzoek');
  await expect(dossier.timeline().getByRole('listitem')).toHaveCount(1);
  await dossier.expectCurrent('Aanmelding');

  // It holds the family in aanmelding: refused in Dutch, nothing changed.
  await expect(dossier.phases().getByText('Contra-indicatie aangevinkt')).toBeVisible();
  await dossier.startPhase('Introductie', daysAgo(90));
  await expect(dossier.phases().getByRole('alert')).toContainText('contra-indicatie aangevinkt (acuut onveilige situatie)');
  await expect(dossier.timeline().getByRole('listitem')).toHaveCount(1);
  await page.reload();
  await dossier.expectCurrent('Aanmelding');

  // The coordinator decides to go on, with a reason; then the phases follow with their dates.
  await dossier.override('Veiligheidsplan met wijkteam afgesproken');
  await expect(dossier.intake().getByText(/Besloten door Anna de Vries .* Veiligheidsplan met wijkteam afgesproken/)).toBeVisible();
  await dossier.startPhase('Introductie', daysAgo(90));
  await dossier.expectCurrent('Introductie');
  await dossier.startPhase('Begeleiding', daysAgo(60));
  await dossier.expectCurrent('Begeleiding');
  await expect(dossier.timeline().getByRole('listitem', { name: 'Introductie' })).toContainText(`${dutch(daysAgo(90))} – ${dutch(daysAgo(60))}`);
  await expect(dossier.timeline().getByRole('listitem', { name: 'Aanmelding' })).toContainText(`${dutch(referral)} – ${dutch(daysAgo(90))}`);

  // A phase out of order is refused and leaves the timeline as it was.
  await dossier.startPhase('Evaluatie', daysAgo(70));
  await expect(dossier.phases().getByRole('alert')).toContainText(`de vorige fase begon pas op ${daysAgo(60)}`);
  await dossier.expectCurrent('Begeleiding');

  // The logbook: an entry and an agreement; a date before the aanmelding is refused.
  await dossier.addEntry(daysAgo(59), 'Eerste huisbezoek, badmoment gefilmd.');
  await expect(dossier.entries()).toHaveCount(1);
  await dossier.addEntry(daysAgo(58), 'Moeder legt de baby na het voeden even op de buik.', true);
  await expect(dossier.entries()).toHaveCount(2);
  await dossier.addEntry(daysAgo(101), 'Te vroeg');
  await expect(dossier.logbook().getByRole('alert')).toContainText(`ligt vóór de aanmelding (${referral})`);
  await expect(dossier.entries()).toHaveCount(2);
  await expect(dossier.openAgreements().getByRole('listitem')).toHaveCount(1);
  await expect(dossier.openAgreements()).toContainText('1 open afspraak');

  // Evaluatie, then follow-up: the open agreements come first, for the review with the parents.
  await dossier.startPhase('Evaluatie', daysAgo(20));
  await dossier.startPhase('Follow-up', daysAgo(1));
  await dossier.expectCurrent('Follow-up');
  const review = dossier.openAgreements();
  await expect(review.getByText('Het gezin is in de follow-up: loop de open afspraken met de ouders na.')).toBeVisible();
  await page.screenshot({ path: artifactPath(testInfo, 'dossier-follow-up-1280.png'), fullPage: true });
  await review.getByRole('button', { name: /^Nagekomen: Moeder legt de baby/ }).click();
  await expect(review.getByText('Geen open afspraken.')).toBeVisible();
  const agreementEntry = dossier.entries().filter({ has: page.getByText('Moeder legt de baby') });
  await expect(agreementEntry.getByLabel('Status van de afspraak')).toHaveValue('nagekomen');

  // No sideways scroll on the family page at 1280×720.
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  expect(fits, 'the family page scrolls sideways at 1280×720').toBe(true);

  // The access log names what was done, never the reason typed for the override.
  const log = family.accessLog();
  for (const action of ['Contra-indicatie doorbroken door coördinator', 'Volgende fase ingegaan', 'Logboekregel toegevoegd', 'Aanmelding gewijzigd', 'Dossier van gezin bekeken']) {
    await expect(log.getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
  }
  await expect(log.getByText('Veiligheidsplan')).toHaveCount(0);

  // The family list shows the current phase and since when.
  await families.goto();
  await expect(families.table().getByRole('row', { name: new RegExp(code) })).toContainText(`Follow-up · sinds ${dutch(daysAgo(1))}`);
  await page.screenshot({ path: artifactPath(testInfo, 'dossier-families-1280.png'), fullPage: true });
});

test('a rater sees a family that was in begeleiding before phases had dates, gives it its start, and cannot override; the dossier reads in English', async ({ page, host }) => {
  const url = await host.reseed(seedTeamStory);
  await openApp(page, url);
  await new RaterPickerPage(page).pick('Bram Jansen');
  await page.evaluate(() => (window.location.hash = '#/families/1'));
  const dossier = new DossierSection(page);
  await dossier.expectCurrent('Begeleiding');
  await expect(dossier.timeline().getByRole('listitem', { name: 'Begeleiding' })).toContainText('begin onbekend');
  await expect(dossier.timeline().getByRole('listitem', { name: 'Aanmelding' })).toContainText('01-02-2026 – …');

  // The start typed into the timeline is saved at once and closes the aanmelding there.
  await dossier.timeline().getByLabel('Begin Begeleiding').fill('2026-03-01');
  await expect(dossier.timeline().getByRole('listitem', { name: 'Aanmelding' })).toContainText('01-02-2026 – 01-03-2026');
  await expect(dossier.timeline().getByRole('listitem', { name: 'Begeleiding' })).toContainText('01-03-2026 – nu');

  // Back to aanmelding (a phase started by mistake), and a contra-indication checked by a rater:
  // moving on is held back, and a rater gets the advice to ask a coordinator, not the override.
  await dossier.phases().getByRole('button', { name: 'Terug naar Aanmelding' }).click();
  await dossier.expectCurrent('Aanmelding');
  await dossier.intake().getByLabel('Zeer hoge stress bij de ouder').check();
  await expect(dossier.phases().getByText('Vraag een coördinator om een besluit.')).toBeVisible();
  await expect(dossier.phases().getByRole('form', { name: 'Besluit coördinator' })).toHaveCount(0);
  await dossier.startPhase('Introductie', '2026-03-01');
  await expect(dossier.phases().getByRole('alert')).toContainText('zeer hoge stress bij de ouder');
  await dossier.expectCurrent('Aanmelding');

  await page.getByLabel('Taal').selectOption('en');
  await expect(page.getByRole('region', { name: 'Phases' }).locator('[aria-current="step"]')).toHaveAccessibleName('Referral');
  await expect(page.getByRole('region', { name: 'Phases' })).toContainText('Ask a coordinator for a decision.');
  await expect(page.getByRole('region', { name: 'Open agreements' })).toContainText('No open agreements.');
  await expect(page.getByRole('region', { name: 'Referral' }).getByLabel('Very high parental stress')).toBeChecked();

  // The begeleider takes the dossier along for the EPD: a PDF and an XLSX, in the UI's language.
  const exports = new ExportsSection(page, page, 'Export the dossier');
  const pdf = await exports.download('Dossier as PDF (patient record)');
  expect(pdf.suggestedFilename()).toMatch(/^afstemming-dossier-[A-Z0-9-]+-\d{4}-\d{2}-\d{2}\.pdf$/);
  const bytes = readFileSync(await pdf.path());
  const text = (pdfToText(bytes) ?? pdfStreamText(bytes)).replace(/\s+/g, ' ');
  expect(text).toContain('Dossier of family');
  // The label wraps in its column, so its value may stand between its words in the text layer.
  expect(text).toMatch(/Contra-indication: very high parental (yes stress|stress yes)/);
  expect(text).toContain('Current phase referral');
  const xlsx = await exports.download('Dossier as Excel (all fields)');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsx.path());
  expect(workbook.worksheets.map((sheet) => sheet.name).slice(0, 3)).toEqual(['Family', 'Phases', 'Referral']);
  const referral = (workbook.getWorksheet('Referral')!.getSheetValues().slice(1) as unknown[][]).map((row) => row.slice(1));
  expect(referral).toContainEqual(['Contra-indication: very high parental stress', 'yes']);
});

test('what a begeleider types while the previous goal is still being saved is kept for the next one', async ({ page, host }) => {
  await signInAsFirstCoordinator(page, host.url, 'Anna de Vries', 'AV');
  const families = new FamiliesPage(page);
  await families.goto();
  const code = await families.create({ babyBirthMonth: daysAgo(130).slice(0, 7), referralDate: daysAgo(100), caregivers: [{ role: 'Moeder', label: 'moeder' }] });
  await new FamilyPage(page).expectLoaded(code);

  // The save of the first goal is held at the network until the second is typed.
  const release = await holdRequests(page, '**/api/call', (request) => (request.postData() ?? '').includes('"goals.create"'));
  const goals = page.getByRole('region', { name: 'Begeleidingsdoelen' });
  const add = goals.getByRole('form', { name: 'Nieuw begeleidingsdoel' });
  await add.getByLabel('Nieuw doel').fill('Moeder volgt het tempo van de baby.');
  await add.getByRole('button', { name: 'Doel toevoegen' }).click();
  await add.getByLabel('Nieuw doel').fill('Moeder benoemt wat de baby laat zien.');
  release();
  await expect(goals.getByRole('listitem', { name: /^Doel 1:/ })).toContainText('Moeder volgt het tempo van de baby.');
  await expect(add.getByLabel('Nieuw doel')).toHaveValue('Moeder benoemt wat de baby laat zien.');
  await add.getByRole('button', { name: 'Doel toevoegen' }).click();
  await expect(goals.getByRole('listitem', { name: /^Doel 2:/ })).toContainText('Moeder benoemt wat de baby laat zien.');
  await expect(add.getByLabel('Nieuw doel')).toHaveValue('');
});
