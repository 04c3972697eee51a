import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { artifactPath, expect, test } from './fixtures';
import { seedHandbookStory } from '../fixtures/trends-seed';
import { pdfStreamText, pdfToText } from '../fixtures/pdf-text';
import { openApp, RaterPickerPage } from './pages/app-page';
import { FamiliesPage } from './pages/families-page';
import { FamilyPage } from './pages/family-page';
import { FamilyTrendSection } from './pages/trends-family';
import { TeamPage } from './pages/trends-team';
import { ExportsSection } from './pages/exports-section';

// The family page's four exports (that family only) and the team page's family filter (the
// overview and the exports narrow alike), at the laptop size people use.

const DATE = /\d{4}-\d{2}-\d{2}/.source;
const OTHERS = ['OB-26-002', 'OB-26-003', 'OB-26-004'];

async function signInAsCoordinator(page: Page, url: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, url);
  await new RaterPickerPage(page).pick('Anna de Vries');
}

async function textOf(download: Download): Promise<string> {
  return readFileSync(await download.path(), 'utf8');
}

/** The data lines of a CSV (after the BOM and the header), split into cells without quotes. */
function csvCells(text: string, separator: ',' | ';'): { header: string[]; rows: string[][] } {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = text
    .slice(1)
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(separator).map((cell) => cell.replace(/^"|"$/g, '')));
  return { header: header!, rows };
}

async function fitsTheWindow(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

test('a coordinator downloads this family in every format from the family page: its own rows only, named per dialect', async ({ page, host }, testInfo) => {
  const url = await host.reseed((db) => void seedHandbookStory(db));
  await signInAsCoordinator(page, url);
  const families = new FamiliesPage(page);
  await families.goto();
  await families.table().getByRole('link', { name: 'OB-26-001' }).click();
  await new FamilyPage(page).expectLoaded('OB-26-001');
  const trend = new FamilyTrendSection(page);
  await trend.expectLoaded();
  const exports = trend.exports();
  await expect(exports.region.getByRole('heading', { name: 'Exporteren', level: 3 })).toBeVisible();
  expect(await fitsTheWindow(page)).toBe(true);
  await exports.region.screenshot({ path: artifactPath(testInfo, 'family-exports.png') });

  const comma = await exports.download('CSV');
  expect(comma.suggestedFilename()).toMatch(new RegExp(`^afstemming-scores-OB-26-001-${DATE}\\.csv$`));
  const commaCsv = csvCells(await textOf(comma), ',');
  expect(commaCsv.header.slice(0, 4)).toEqual(['gezinscode', 'ouder_id', 'rol_ouder', 'opname_id']);
  expect(commaCsv.rows.length).toBeGreaterThan(0);
  expect(commaCsv.rows.every((row) => row[0] === 'OB-26-001')).toBe(true);

  const semicolon = await exports.download('CSV (Excel-NL)');
  expect(semicolon.suggestedFilename()).toBe(comma.suggestedFilename().replace(/\.csv$/, '-excel-nl.csv'));
  const semicolonText = await textOf(semicolon);
  expect(semicolonText.startsWith('\uFEFF"gezinscode";"ouder_id";')).toBe(true);
  expect(csvCells(semicolonText, ';').rows).toEqual(commaCsv.rows);
  for (const other of OTHERS) expect(semicolonText + (await textOf(comma))).not.toContain(other);

  // Excel by keyboard: Tab from the previous button, Enter. While it is made the group is busy and
  // the buttons stay focusable (the file is held back until the busy state has been seen).
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/call', async (route) => {
    if ((route.request().postDataJSON() as { method?: string }).method === 'trends.exportXlsx') await held;
    await route.continue();
  });
  await exports.button('CSV (Excel-NL)').focus();
  await page.keyboard.press('Tab');
  await expect(exports.button('Excel')).toBeFocused();
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  await expect(exports.region).toHaveAttribute('aria-busy', 'true');
  await expect(exports.region.getByRole('status')).toHaveText('Bezig met maken: Excel…');
  await expect(exports.button('PDF')).toHaveAttribute('aria-disabled', 'true');
  await expect(exports.button('Excel')).toBeFocused();
  release();
  const xlsx = await downloading;
  await expect(exports.region.getByRole('status')).toHaveText(`${xlsx.suggestedFilename()} is gedownload.`);
  await expect(exports.region).toHaveAttribute('aria-busy', 'false');
  await page.unroute('**/api/call');
  expect(xlsx.suggestedFilename()).toMatch(new RegExp(`^afstemming-scores-OB-26-001-${DATE}\\.xlsx$`));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsx.path());
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['scores', 'momenten', 'toelichting']);
  for (const name of ['scores', 'momenten']) {
    const rows = (workbook.getWorksheet(name)!.getSheetValues().slice(1) as unknown[][]).map((row) => row.slice(1));
    expect(rows[0]![0]).toBe('gezinscode');
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.slice(1).every((row) => row[0] === 'OB-26-001')).toBe(true);
  }

  const pdf = await exports.download('PDF');
  expect(pdf.suggestedFilename()).toMatch(new RegExp(`^afstemming-rapport-OB-26-001-${DATE}\\.pdf$`));
  const bytes = readFileSync(await pdf.path());
  const text = pdfToText(bytes) ?? pdfStreamText(bytes);
  expect(text).toContain('Gezin OB-26-001');
  expect(text).toContain('Meetmoment');
  for (const other of OTHERS) expect(text).not.toContain(other);

  // One row per family per export in this family's own log.
  const log = new FamilyPage(page).accessLog();
  await page.reload();
  for (const action of ['Scores geëxporteerd (CSV)', 'Scores geëxporteerd (XLSX)', 'Gezinsrapport geëxporteerd (PDF)']) {
    await expect(log.getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
  }
  await expect(log.getByRole('cell', { name: 'Scores geëxporteerd (CSV)', exact: true })).toHaveCount(2);
});

test('the team page family filter narrows the overview and the exports to the chosen families', async ({ page, host }, testInfo) => {
  const url = await host.reseed((db) => void seedHandbookStory(db));
  await signInAsCoordinator(page, url);
  const team = new TeamPage(page);
  await team.goto();
  await expect(team.familyCount()).toContainText('4 gezinnen binnen de filters.');
  await expect(team.familyFilter().locator('summary')).toHaveText('Gezinnen: Alle gezinnen');

  await team.chooseFamilies('OB-26-003');
  await expect(team.familyCount()).toContainText('1 gezin binnen de filters.');
  await expect(team.familyFilter().locator('summary')).toHaveText('Gezinnen: OB-26-003');
  await expect(team.missingTable().getByRole('row')).toHaveCount(1 + 1);
  await expect(team.missingTable()).toContainText('OB-26-003');
  await expect(team.slopeChart('Sensitiviteit')).toHaveAttribute('aria-label', /^Sensitiviteit: 1 ouder\./);
  expect(await fitsTheWindow(page)).toBe(true);
  await page.screenshot({ path: artifactPath(testInfo, 'team-family-filter.png'), fullPage: true });

  const one = await team.download('CSV (Excel-NL)');
  expect(one.suggestedFilename()).toMatch(new RegExp(`^afstemming-scores-OB-26-003-${DATE}-excel-nl\\.csv$`));
  const rows = csvCells(await textOf(one), ';').rows;
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((row) => row[0] === 'OB-26-003')).toBe(true);

  await team.chooseFamilies('OB-26-001');
  await expect(team.familyCount()).toContainText('2 gezinnen binnen de filters.');
  await expect(team.familyFilter().locator('summary')).toHaveText('Gezinnen: OB-26-001, OB-26-003');
  const two = await team.download('CSV');
  expect(two.suggestedFilename()).toMatch(new RegExp(`^afstemming-scores-2-gezinnen-${DATE}\\.csv$`));
  expect(new Set(csvCells(await textOf(two), ',').rows.map((row) => row[0]))).toEqual(new Set(['OB-26-001', 'OB-26-003']));

  await team.allFamilies();
  await expect(team.familyCount()).toContainText('4 gezinnen binnen de filters.');
  await expect(team.familyFilter().locator('summary')).toHaveText('Gezinnen: Alle gezinnen');
  expect(await fitsTheWindow(page)).toBe(true);
});

test('with the UI in English, a family export has English headers, the same names as every other format', async ({ page, host }) => {
  const url = await host.reseed((db) => void seedHandbookStory(db));
  await signInAsCoordinator(page, url);
  await page.getByLabel('Taal').selectOption('en');
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Families' }).click();
  await page.getByRole('main').getByRole('link', { name: 'OB-26-001', exact: true }).click();
  const exports = new ExportsSection(page, page.getByRole('region', { name: 'Course of the scores' }), 'Export');
  const csv = await exports.download('CSV (Dutch Excel)');
  expect(csv.suggestedFilename()).toMatch(new RegExp(`^afstemming-scores-OB-26-001-${DATE}-excel-nl\\.csv$`));
  const { header, rows } = csvCells(await textOf(csv), ';');
  expect(header.slice(0, 5)).toEqual(['family_code', 'caregiver_id', 'caregiver_role', 'recording_id', 'recording_date']);
  expect(rows.every((row) => row[0] === 'OB-26-001')).toBe(true);
  const xlsx = await exports.download('Excel');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsx.path());
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['scores', 'moments', 'notes']);
  expect((workbook.getWorksheet('scores')!.getRow(1).values as unknown[]).slice(1)).toEqual(header);
});
