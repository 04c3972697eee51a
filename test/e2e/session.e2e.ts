import { expect, test, artifactPath } from './fixtures';
import { signInAsFirstCoordinator } from './pages/app-page';
import { FamiliesPage } from './pages/families-page';


test('PINs at a shared workstation: start PIN, own PIN, wrong PIN, lock after inactivity, coordinator reset', async ({ page, host }, testInfo) => {
  // The page's clock runs normally but can be moved forward to stand in for ten idle minutes.
  await page.clock.install();
  const picker = await signInAsFirstCoordinator(page, host.url, 'Anna de Vries', 'AV');

  // The coordinator adds Bram with a start PIN.
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beoordelaars' }).click();
  const add = page.getByRole('form', { name: 'Toevoegen' });
  await add.getByLabel('Naam').fill('Bram Jansen');
  await add.getByLabel('Initialen').fill('BJ');
  await add.getByLabel('Startpincode').fill('1234');
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(add.getByRole('alert')).toContainText('Te makkelijk te raden');
  await add.getByLabel('Startpincode').fill('5150');
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Bram Jansen is toegevoegd' })).toBeVisible();

  // Bram at the same machine: a wrong PIN is refused, the start PIN must be replaced first.
  await page.getByRole('button', { name: 'Wissel van beoordelaar' }).click();
  await page.getByRole('list', { name: 'Lijst van beoordelaars' }).getByRole('button', { name: /Bram Jansen/ }).click();
  await picker.enterPin('Bram Jansen', '9999');
  await expect(page.getByRole('alert')).toContainText('Onjuiste pincode voor Bram Jansen. Nog 4 pogingen');
  await picker.enterPin('Bram Jansen', '5150');
  await expect(page.getByRole('heading', { name: 'Kies uw eigen pincode' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toHaveCount(0);
  const own = page.getByRole('form', { name: 'Pincode wijzigen' });
  // The start PIN was typed a moment ago: it is not asked again, only the new one, twice.
  await expect(own.getByLabel('Huidige pincode')).toHaveCount(0);
  await own.getByLabel('Nieuwe pincode of wachtwoord').fill('8080');
  await own.getByLabel('Herhaal de nieuwe pincode').fill('8081');
  await own.getByRole('button', { name: 'Pincode opslaan' }).click();
  await expect(own.getByRole('alert')).toContainText('niet gelijk');
  await own.getByLabel('Herhaal de nieuwe pincode').fill('8080');
  await own.getByRole('button', { name: 'Pincode opslaan' }).click();
  await expect(page.locator('.active-rater')).toContainText('Bram Jansen');
  await expect(page.getByRole('status').filter({ hasText: 'Uw eigen pincode is ingesteld' })).toBeVisible();
  // Anna left the raters page open; Bram starts on his own home page.
  await expect(page.getByRole('heading', { name: 'Gezinnen', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/#\/families$/);

  // Ten minutes without keyboard or mouse: the screen locks and the family list is gone.
  const families = new FamiliesPage(page);
  await families.goto();
  await page.clock.fastForward('10:30');
  await expect(page.getByRole('heading', { name: 'Werkplek vergrendeld' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Gezinnen', level: 1 })).toHaveCount(0);
  await expect(page.getByText('Bram Jansen, voer uw pincode in')).toBeVisible();
  await page.screenshot({ path: artifactPath(testInfo, 'session-locked.png'), fullPage: true });
  await picker.unlock('Bram Jansen', '8080');

  // "Vergrendelen" (or Ctrl+Shift+L) locks at once; another person can choose "Ik ben iemand anders".
  await expect(page.getByRole('button', { name: 'Vergrendelen' })).toHaveAttribute('aria-keyshortcuts', 'Control+Shift+L');
  await page.keyboard.press('Control+Shift+L');
  await expect(page.getByRole('heading', { name: 'Werkplek vergrendeld' })).toBeVisible();
  await page.getByRole('button', { name: 'Ik ben iemand anders' }).click();
  await picker.pick('Anna de Vries');

  // Bram forgot his PIN: the coordinator sets a new start PIN (logged).
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beoordelaars' }).click();
  const reset = page.getByRole('form', { name: 'Nieuwe startpincode voor Bram Jansen' });
  await reset.getByLabel('Nieuwe startpincode voor Bram Jansen').fill('7171');
  await reset.getByRole('button', { name: 'Pincode opnieuw instellen' }).click();
  await expect(reset.getByRole('status')).toContainText('Nieuwe startpincode voor Bram Jansen is ingesteld');
  await page.screenshot({ path: artifactPath(testInfo, 'session-raters.png'), fullPage: true });
  await page.getByRole('button', { name: 'Wissel van beoordelaar' }).click();
  await page.getByRole('list', { name: 'Lijst van beoordelaars' }).getByRole('button', { name: /Bram Jansen/ }).click();
  await picker.enterPin('Bram Jansen', '8080');
  await expect(page.getByRole('alert')).toContainText('Onjuiste pincode');
  await picker.enterPin('Bram Jansen', '7171');
  await expect(page.getByRole('heading', { name: 'Kies uw eigen pincode' })).toBeVisible();
});
