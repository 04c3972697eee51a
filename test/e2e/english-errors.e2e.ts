import { expect, test } from './fixtures';
import { signInAsFirstCoordinator } from './pages/app-page';
import { FamiliesPage } from './pages/families-page';
import { FamilyPage } from './pages/family-page';

// Back-end refusals reach the UI in the language it is switched to, form field messages too, and
// an ordinary typo reads as the clear sentence it is, not as "Er ging iets mis" (something broke).

test('a refusal from the back end reads in Dutch, and in English once the UI is switched', async ({ page, host }) => {
  await signInAsFirstCoordinator(page, host.url, 'Eva Smit', 'ES');
  const families = new FamiliesPage(page);
  await families.goto();
  const first = await families.create({ babyBirthMonth: '2026-05', referralDate: '2026-09-01', caregivers: [{ role: 'Moeder', label: 'moeder' }] });
  await new FamilyPage(page).expectLoaded(first);
  await families.goto();

  // A typo in the family code (a space): the schema's message, in Dutch, at the form and at the field.
  await page.getByRole('link', { name: 'Nieuw gezin' }).click();
  const nl = page.getByRole('form', { name: 'Nieuw gezin' });
  await nl.getByLabel('Gezinscode').fill('OB 26');
  await nl.getByLabel('Geboortemaand baby').fill('2026-05');
  await nl.getByRole('button', { name: 'Gezin aanmaken' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText('Ongeldige invoer (code): Een gezinscode bestaat uit letters, cijfers en streepjes (bijv. OB-26-001).');
  await expect(alert).not.toContainText('Er ging iets mis');
  await expect(nl.getByLabel('Gezinscode')).toHaveAttribute('aria-invalid', 'true');
  await expect(nl.getByLabel('Gezinscode')).toHaveAccessibleDescription(/^Een gezinscode bestaat uit letters, cijfers en streepjes/);

  // Switched to English: the refusal already on screen follows, the field message too.
  await page.getByLabel('Taal').selectOption('en');
  const en = page.getByRole('form', { name: 'New family' });
  await expect(alert).toHaveText('Invalid input (code): A family code consists of letters, digits and hyphens (e.g. OB-26-001).');
  await expect(en.getByLabel('Family code')).toHaveAccessibleDescription(/^A family code consists of letters, digits and hyphens/);

  // A handler's own refusal (the code exists already), freshly from the back end, in English.
  await en.getByLabel('Family code').fill(first);
  await en.getByRole('button', { name: 'Create family' }).click();
  await expect(alert).toHaveText(`Family code ${first} already exists. Choose another code.`);
  await expect(alert).not.toContainText('Something went wrong');
  await expect(en.getByLabel('Family code')).toHaveAccessibleDescription(/^This code already exists\./);

  // And back to Dutch: the same refusal in Dutch again.
  await page.getByLabel('Language').selectOption('nl');
  await expect(alert).toHaveText(`Gezinscode ${first} bestaat al. Kies een andere code.`);
  await expect(page.getByRole('form', { name: 'Nieuw gezin' }).getByLabel('Gezinscode')).toHaveAccessibleDescription(/^Deze code bestaat al\./);
});
