import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, artifactPath, artifactDir } from './fixtures';
import type { AppHost } from './app-host';
import { seedHandbookStory, type HandbookStory } from '../fixtures/trends-seed';
import { openApp, RaterPickerPage } from './pages/app-page';
import { FamiliesPage } from './pages/families-page';
import { FamilyPage } from './pages/family-page';
import { FamilyTrendSection } from './pages/trends-family';
import { TeamPage } from './pages/trends-team';

// Screenshots (and the PDFs rendered to PNG) for people reviewing the screens.

/** Stops the host, writes the handbook team straight into its database, starts it again. */
async function seedStory(host: AppHost): Promise<{ url: string; story: HandbookStory }> {
  await host.stop();
  const db = new Database(join(host.dataDir, 'afstemming.sqlite'));
  let story: HandbookStory;
  try {
    db.pragma('foreign_keys = ON');
    story = seedHandbookStory(db);
  } finally {
    db.close();
  }
  return { url: await host.start(), story };
}

async function signIn(page: Page, url: string, name: string): Promise<void> {
  await openApp(page, url);
  await new RaterPickerPage(page).pick(name);
}

/** Renders page 1 of a PDF to PNG when poppler is there, so a person can look at it. */
function renderPdf(pdf: string, outBase: string): void {
  const result = spawnSync('pdftoppm', ['-png', '-r', '60', pdf, outBase], { encoding: 'utf8' });
  if (result.error === undefined) expect(result.status).toBe(0);
}

test('a coordinator opens a family and sees the trend: consensus, labelled means, gaps, a blind round; a point opens the recording; the report downloads', async ({
  page,
  host,
}, testInfo) => {
  const { url } = await seedStory(host);
  await signIn(page, url, 'Anna de Vries');
  const families = new FamiliesPage(page);
  await families.goto();
  await families.table().getByRole('link', { name: 'OB-26-001' }).click();
  await new FamilyPage(page).expectLoaded('OB-26-001');

  const trend = new FamilyTrendSection(page);
  await trend.expectLoaded();
  // The handbook case at a glance: the mother's sensitivity from 3 to 7.
  await expect(trend.chart('Sensitiviteit', 'moeder Marieke')).toHaveAttribute('aria-label', 'Sensitiviteit van moeder Marieke. voormeting: 3; nameting: 7; follow-up: 7,5');
  await expect(trend.chart('Coöperatie', 'moeder Marieke')).toHaveAttribute('aria-label', /voormeting: 4,3; nameting: 6,3; follow-up: 7$/);
  // The father appears only at the follow-up: nothing before it is made up.
  await expect(trend.chart('Sensitiviteit', 'vader (B.)')).toHaveAttribute('aria-label', 'Sensitiviteit van vader (B.). voormeting: ontbreekt; nameting: ontbreekt; follow-up: 5,5');
  await expect(trend.region.getByText('1 opname zit nog in een blinde ronde; die wordt pas getoond na het onthullen.')).toBeVisible();
  // The green band is named after the scale of its chart.
  await expect(trend.chart('Sensitiviteit', 'moeder Marieke').getByText('sensitief bereik 7–9')).toBeVisible();
  await expect(trend.chart('Coöperatie', 'moeder Marieke').getByText('coöperatief bereik 7–9')).toBeVisible();
  await expect(trend.chart('Coöperatie', 'moeder Marieke').getByText('sensitief bereik')).toHaveCount(0);

  const table = trend.pointTable('moeder Marieke');
  await expect(table.getByRole('row')).toHaveCount(1 + 5);
  await expect(table.getByRole('row').nth(1)).toContainText('10-02-2026');
  await expect(table.getByRole('row').nth(1)).toContainText('1 mnd');
  await expect(table.getByRole('row').nth(1)).toContainText('3 (consensus), spreiding 3–4');
  await expect(table.getByRole('row').nth(1)).toContainText('4,3 (gem. van 3), spreiding 4–5');
  await expect(table.getByRole('row').nth(2)).toContainText('Geen meetmoment');
  await expect(table.getByRole('row').nth(2)).toContainText('geen score');
  await expect(table.getByRole('row').nth(5)).toContainText('blinde ronde');
  await expect(trend.momentTable('moeder Marieke').getByRole('row', { name: /Follow-up/ })).toContainText('1 van 2 opnamen gescoord');
  await page.screenshot({ path: artifactPath(testInfo, 'trends-family.png'), fullPage: true });

  // Filters: only Bram's scores (no consensus), then back.
  await trend.filters().getByLabel('Beoordelaar').selectOption({ label: 'Bram Jansen (BJ)' });
  await expect(trend.region.getByText('Alleen de scores van Bram Jansen')).toBeVisible();
  await expect(trend.chart('Sensitiviteit', 'moeder Marieke')).toHaveAttribute('aria-label', /follow-up: 8$/);
  await trend.filters().getByRole('button', { name: 'Filters wissen' }).click();
  await expect(trend.chart('Sensitiviteit', 'moeder Marieke')).toHaveAttribute('aria-label', /follow-up: 7,5$/);

  // The PDF report for the clinician.
  const download = await trend.downloadReport();
  expect(download.suggestedFilename()).toMatch(/^afstemming-rapport-OB-26-001-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdf = artifactPath(testInfo, download.suggestedFilename());
  await download.saveAs(pdf);
  expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  renderPdf(pdf, artifactPath(testInfo, 'trends-family-report'));

  // Click the nameting point: the recording opens.
  await trend.clickPoint(trend.chart('Sensitiviteit', 'moeder Marieke'), 'N 7');
  await expect(page).toHaveURL(/#\/recordings\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Opname OB-26-001/ })).toBeVisible();
});

test('the team overview shows the change with its interval and effect size, phases, waiting recordings and gaps, and exports CSV, XLSX and PDF', async ({
  page,
  host,
}, testInfo) => {
  const { url } = await seedStory(host);
  await signIn(page, url, 'Anna de Vries');
  const team = new TeamPage(page);
  await team.goto();

  await expect(team.familyCount()).toContainText('4 gezinnen binnen de filters.');
  const sensitivity = team.changeRow('Sensitiviteit', 'nameting');
  await expect(sensitivity).toContainText('3,50');
  await expect(sensitivity).toContainText('6,75');
  await expect(sensitivity).toContainText('3,25');
  await expect(sensitivity).toContainText('3,06');
  await expect(page.getByText('Minder dan 10 ouders met beide meetmomenten')).toBeVisible();
  await expect(team.slopeChart('Sensitiviteit')).toHaveAttribute('aria-label', /^Sensitiviteit: 5 ouders\. Gemiddeld voormeting: 3,5; nameting: 6,8; follow-up: 6,5\.$/);
  await expect(team.waitingTable().getByRole('row', { name: /OB-26-004/ })).toContainText('nog niet (volledig) gescoord');
  await expect(team.waitingTable().getByRole('row', { name: /OB-26-001/ })).toContainText('in een blinde ronde');
  await expect(team.missingTable().getByRole('row', { name: /OB-26-002/ })).toContainText('geen opname');
  await expect(team.phaseTable().getByRole('row', { name: /Afgesloten/ })).toContainText('1');
  await page.screenshot({ path: artifactPath(testInfo, 'trends-team.png'), fullPage: true });

  // A filter narrows everything, exports included.
  await team.filters().getByLabel('Rol van de ouder').selectOption({ label: 'Vader' });
  await expect(team.familyCount()).toContainText('1 gezin binnen de filters.');
  await team.filters().getByRole('button', { name: 'Filters wissen' }).click();
  await expect(team.familyCount()).toContainText('4 gezinnen binnen de filters.');

  const out = artifactDir(testInfo);
  const comma = await team.download('CSV');
  expect(comma.suggestedFilename()).toMatch(/^afstemming-scores-\d{4}-\d{2}-\d{2}\.csv$/);
  const commaText = readFileSync(await comma.path(), 'utf8');
  expect(commaText.startsWith('\uFEFF"gezinscode","ouder_id","rol_ouder"')).toBe(true);
  expect(commaText.split('\r\n')).toHaveLength(1 + 38 + 1);
  expect(commaText).not.toContain('Marieke');

  const semicolon = await team.download('CSV (Excel-NL)');
  expect(semicolon.suggestedFilename()).toMatch(/^afstemming-scores-\d{4}-\d{2}-\d{2}-excel-nl\.csv$/);
  expect(readFileSync(await semicolon.path(), 'utf8').startsWith('\uFEFF"gezinscode";"ouder_id";')).toBe(true);

  const xlsx = await team.download('Excel');
  expect(xlsx.suggestedFilename()).toMatch(/^afstemming-scores-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsx.path());
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['scores', 'momenten', 'toelichting']);
  expect(workbook.getWorksheet('scores')!.actualRowCount).toBe(1 + 38);

  const pdf = await team.download('PDF');
  expect(pdf.suggestedFilename()).toMatch(/^afstemming-teamoverzicht-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdfPath = join(out, pdf.suggestedFilename());
  await pdf.saveAs(pdfPath);
  expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  renderPdf(pdfPath, join(out, 'trends-team-report'));

  // Every export is in the families' access log.
  await team.missingTable().getByRole('link', { name: 'OB-26-002' }).click();
  const log = new FamilyPage(page).accessLog();
  for (const action of ['Scores geëxporteerd (CSV)', 'Scores geëxporteerd (XLSX)', 'Teamrapport geëxporteerd (PDF)']) await expect(log.getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
});

test('a rater sees no team overview and no trend: they stay blind to earlier scores', async ({ page, host }) => {
  const { url } = await seedStory(host);
  await signIn(page, url, 'Bram Jansen');
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Team' })).toHaveCount(0);
  const families = new FamiliesPage(page);
  await families.goto();
  await families.table().getByRole('link', { name: 'OB-26-001' }).click();
  const trend = new FamilyTrendSection(page);
  await expect(trend.region).toContainText('alleen zichtbaar voor coördinatoren');
  await expect(trend.region.getByRole('img')).toHaveCount(0);
  // No exports either: a rater gets no file with scores they may not see.
  await expect(trend.region.getByRole('region', { name: 'Exporteren' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'CSV', exact: true })).toHaveCount(0);
  await page.goto(new URL('#/team', page.url()).toString());
  await expect(page.getByText('Het teamoverzicht is alleen voor coördinatoren.')).toBeVisible();
});
