import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, artifactPath } from './fixtures';
import { openApp, signInAsFirstCoordinator } from './pages/app-page';
import { FamiliesPage } from './pages/families-page';
import { FamilyPage } from './pages/family-page';
import { EraseFamilyDialog, PrivacyPage } from './pages/privacy-page';

const newFamily = { babyBirthMonth: '2026-06', referralDate: '2026-10-01', caregivers: [{ role: 'Moeder' as const, label: 'moeder' }] };

test('a coordinator makes a backup, erases a family, restores the backup after a restart and reads the log', async ({ page, host }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: artifactPath(testInfo, name), fullPage: true });
  const picker = await signInAsFirstCoordinator(page, host.url, 'Anna de Vries', 'AV');
  const families = new FamiliesPage(page);
  await families.goto();
  const erased = await families.create({ ...newFamily, code: 'OB-26-301' });
  await families.goto();
  const kept = await families.create({ ...newFamily, code: 'OB-26-302' });

  const target = mkdtempSync(join(tmpdir(), 'afstemming-e2e-restore-'));
  try {
    const privacy = new PrivacyPage(page);
    await privacy.goto();
    await expect(await privacy.createBackup(target)).toBeVisible({ timeout: 30_000 });
    const backupDir = join(target, readdirSync(target)[0]!);
    await shot('privacy-1-backup.png');

    // After the backup: one family is erased for good, another one is added.
    await families.goto();
    await families.table().getByRole('link', { name: erased }).click();
    const dialog = await new EraseFamilyDialog(page).open();
    await dialog.getByLabel(`Typ de gezinscode (${erased}) om te bevestigen`).fill(erased);
    await shot('privacy-2-erase.png');
    await dialog.getByRole('button', { name: 'Definitief verwijderen' }).click();
    await expect(page.getByRole('heading', { name: 'Gezinnen', level: 1 })).toBeVisible();
    const later = await families.create({ ...newFamily, code: 'OB-26-303' });
    await new FamilyPage(page).expectLoaded(later);

    await privacy.goto();
    await expect(await privacy.restoreBackup(backupDir)).toBeVisible({ timeout: 30_000 });
    await shot('privacy-3-restore-staged.png');

    // The restore happens at the next start; the erasure made after the backup is applied again.
    const url = await host.restart();
    await openApp(page, url);
    await picker.unlock('Anna de Vries');
    await families.goto();
    await expect(families.table().getByRole('link', { name: kept })).toBeVisible();
    await expect(families.table().getByRole('link', { name: erased })).toHaveCount(0);
    await expect(families.table().getByRole('link', { name: later })).toHaveCount(0);

    await privacy.goto();
    await expect(await privacy.verifyLog()).toContainText('Het logboek is ongeschonden');
    const overview = await privacy.showOverview();
    await expect(overview.getByRole('cell', { name: 'Gezin definitief verwijderd', exact: true }).first()).toBeVisible();
    await shot('privacy-4-log.png');
  } finally {
    rmSync(target, { recursive: true, force: true });
  }
});
