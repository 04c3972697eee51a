import type { Page } from '@playwright/test';
import type { AppHost } from './app-host';
import { expect, test, artifactPath } from './fixtures';
import { seedTeamStory } from './team-story';
import { openApp, RaterPickerPage } from './pages/app-page';
import { AgreementPage } from './pages/agreement-page';
import { RoundsPages } from './pages/scoring-pages';

/** The seeded team; Anna (coordinator) on the agreement page at 1280 px. */
async function openAgreementAsCoordinator(page: Page, host: AppHost): Promise<AgreementPage> {
  const url = await host.reseed(seedTeamStory);
  await openApp(page, url);
  await new RaterPickerPage(page).pick('Anna de Vries');
  await page.setViewportSize({ width: 1280, height: 900 });
  const agreement = new AgreementPage(page);
  await agreement.open();
  return agreement;
}

test('the coordinator sees agreement before versus after, per meeting and per rater pair', async ({ page, host }, testInfo) => {
  test.setTimeout(120_000);
  const agreement = await openAgreementAsCoordinator(page, host);
  await expect(agreement.summary()).toContainText('22 opnamen van 10 gezinnen, 4 beoordelaars.');
  await expect(agreement.summary()).toContainText('1 opname in een nog blinde ronde niet meegeteld.');

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
  expect((await download).suggestedFilename()).toMatch(/^afstemming-overeenstemming-\d{4}-\d{2}-\d{2}-excel-nl\.csv$/);

  // Filtering on the nameting leaves no before-versus-after difference, and still no NaN.
  await page.getByLabel('Meetmoment').selectOption('nameting');
  await expect(agreement.summary()).toContainText('10 opnamen van 10 gezinnen');
  await expect(page.getByText(/\bNaN\b/)).toHaveCount(0);
});

test('a meeting of two recordings says "te weinig items (n = 2)", on the agreement page, in the meeting and in its minutes', async ({ page, host }, testInfo) => {
  test.setTimeout(120_000);
  const agreement = await openAgreementAsCoordinator(page, host);
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
