import { expect, test } from './fixtures';
import { openApp, RaterPickerPage, signInAsFirstCoordinator } from './pages/app-page';
import { FamiliesPage } from './pages/families-page';
import { FamilyPage } from './pages/family-page';

test('a coordinator registers a family that survives a reload and a host restart, with its access log', async ({ page, host }) => {
  await signInAsFirstCoordinator(page, host.url, 'Anna de Vries', 'AV');

  const families = new FamiliesPage(page);
  await families.goto();
  const code = await families.create({
    babyBirthMonth: '2026-06',
    referralDate: '2026-10-01',
    caregivers: [
      { role: 'Moeder', label: 'moeder (M.)' },
      { role: 'Vader', label: 'vader (B.)' },
    ],
  });
  expect(code).toMatch(/^OB-\d{2}-001$/);

  const family = new FamilyPage(page);
  await family.expectLoaded(code);
  await expect(family.caregivers().getByRole('listitem')).toHaveCount(2);
  await family.addVisit('2026-10-15', 'Introductie', 'Kennismaking, badmoment gefilmd');
  await family.editNotes('Verwezen door de POH-GGZ.');

  await page.reload();
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
  await family.expectLoaded(code);
  await expect(family.caregivers().getByRole('listitem')).toHaveCount(2);

  const familyUrl = page.url().replace(/^http:\/\/127\.0\.0\.1:\d+/, '');
  const newUrl = await host.restart();
  // A new host run means a new token and port: open its link, then go back to the family.
  await openApp(page, newUrl);
  // A restart never carries an unlocked session along: the remembered profile asks its PIN.
  await new RaterPickerPage(page).unlock('Anna de Vries');
  await page.goto(new URL(familyUrl, newUrl).toString());
  await family.expectLoaded(code);
  await expect(page.getByText('Actief als')).toContainText('Anna de Vries');
  await expect(family.caregivers().getByRole('listitem', { name: 'moeder (M.)' })).toBeVisible();
  await expect(family.caregivers().getByRole('listitem', { name: 'vader (B.)' })).toBeVisible();
  await expect(family.visits().getByRole('listitem', { name: '2026-10-15' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Gegevens' }).getByLabel('Notities')).toHaveValue('Verwezen door de POH-GGZ.');

  const log = family.accessLog();
  // As a privacy officer reads them (shared/domain/access-actions.ts), not the stored codes.
  for (const action of ['Gezin aangemaakt', 'Huisbezoek toegevoegd', 'Gezin gewijzigd', 'Gezin bekeken', 'Toegangslogboek van gezin bekeken']) {
    await expect(log.getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
  }
  await expect(log.getByRole('cell', { name: 'Anna de Vries' }).first()).toBeVisible();
});

test('bad input in the form gets a Dutch message and creates nothing', async ({ page, host }) => {
  await signInAsFirstCoordinator(page, host.url, 'Bram Jansen', 'BJ');
  const families = new FamiliesPage(page);
  await families.goto();

  const first = await families.create({ babyBirthMonth: '2026-05', referralDate: '2026-09-01', caregivers: [{ role: 'Moeder', label: 'moeder' }] });
  const family = new FamilyPage(page);
  await family.expectLoaded(first);
  // A visit before the aanmelding would give negative ages in every trend: refused where it is typed.
  const visitForm = page.getByRole('form', { name: 'Huisbezoek toevoegen' });
  await visitForm.getByLabel('Datum').fill('2026-08-15');
  await visitForm.getByRole('button', { name: 'Huisbezoek toevoegen' }).click();
  await expect(page.getByRole('alert')).toContainText('Een huisbezoek op 2026-08-15 ligt vóór de aanmelding (2026-09-01)');
  await expect(family.visits().getByRole('listitem')).toHaveCount(0);
  await families.goto();

  await families.create({ code: first, babyBirthMonth: '2026-05', referralDate: '2026-09-01', caregivers: [{ role: 'Moeder', label: 'moeder' }] });
  await expect(page.getByRole('alert')).toContainText(`Gezinscode ${first} bestaat al`);

  const form = page.getByRole('form', { name: 'Nieuw gezin' });
  await form.getByLabel('Gezinscode').fill('');
  await form.getByRole('button', { name: 'Gezin aanmaken' }).click();
  await expect(page.getByRole('alert')).toContainText('Vul een gezinscode in');

  await form.getByLabel('Gezinscode').fill('OB-TOEKOMST');
  await form.getByLabel('Geboortemaand baby').fill('2099-01');
  await form.getByRole('button', { name: 'Gezin aanmaken' }).click();
  await expect(page.getByRole('alert')).toContainText('geboortemaand van de baby ligt in de toekomst');

  await families.goto();
  await expect(families.table().getByRole('row')).toHaveCount(2); // header + the one family
});
