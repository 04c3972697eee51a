import { expect, test, artifactPath } from './fixtures';
import { seedTeamStory } from './team-story';
import { openApp, RaterPickerPage } from './pages/app-page';
import { AgreementPage } from './pages/agreement-page';

test('the coordinator sees agreement before versus after, per meeting and per rater pair', async ({ page, host }, testInfo) => {
  test.setTimeout(120_000);
  const url = await host.reseed(seedTeamStory);
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
