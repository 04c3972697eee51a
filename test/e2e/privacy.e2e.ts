import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { signInAsFirstCoordinator } from './pages/app-page';
import { FamiliesPage } from './pages/families-page';
import { FamilyPage } from './pages/family-page';
import { EraseFamilyDialog, PrivacyPage } from './pages/privacy-page';

test('a coordinator erases a family after typing its code, checks the log, and makes and checks a backup', async ({ page, host }) => {
  await signInAsFirstCoordinator(page, host.url, 'Anna de Vries', 'AV');

  const families = new FamiliesPage(page);
  await families.goto();
  const code = await families.create({ babyBirthMonth: '2026-06', referralDate: '2026-10-01', caregivers: [{ role: 'Moeder', label: 'moeder' }] });
  const family = new FamilyPage(page);
  await family.expectLoaded(code);

  const dialog = await new EraseFamilyDialog(page).open();
  const confirm = dialog.getByRole('button', { name: 'Definitief verwijderen' });
  const typed = dialog.getByLabel(`Typ de gezinscode (${code}) om te bevestigen`);
  await typed.fill('OB-00-000');
  await expect(confirm).toBeDisabled();
  await typed.fill(code);
  await confirm.click();
  await expect(page.getByRole('heading', { name: 'Gezinnen', level: 1 })).toBeVisible();
  await expect(families.table().getByRole('link', { name: code })).toHaveCount(0);

  const privacy = new PrivacyPage(page);
  await privacy.goto();
  await expect(await privacy.verifyLog()).toContainText('Het logboek is ongeschonden');
  const overview = await privacy.showOverview();
  await expect(overview.getByRole('cell', { name: 'family.erase', exact: true })).toBeVisible();

  const target = mkdtempSync(join(tmpdir(), 'afstemming-e2e-backup-'));
  try {
    await expect(await privacy.createBackup(target)).toBeVisible({ timeout: 30_000 });
    const [made] = readdirSync(target);
    expect(made).toMatch(/^afstemming-backup-/);
    await expect(await privacy.verifyBackup(join(target, made!))).toContainText('De back-up is in orde');
  } finally {
    rmSync(target, { recursive: true, force: true });
  }
});
