import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { openApp, signInAsFirstCoordinator } from './pages/app-page';
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
  await expect(overview.getByRole('cell', { name: 'Gezin definitief verwijderd', exact: true })).toBeVisible();

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

test('the log check says when rows were removed at its end, and a missing log key says why the app is read-only', async ({ page, host }) => {
  const picker = await signInAsFirstCoordinator(page, host.url, 'Anna de Vries', 'AV');
  const families = new FamiliesPage(page);
  await families.goto();
  await families.create({ babyBirthMonth: '2026-06', referralDate: '2026-10-01', caregivers: [{ role: 'Moeder', label: 'moeder' }] });
  const privacy = new PrivacyPage(page);
  await privacy.goto();
  await expect(await privacy.verifyLog()).toContainText('Het logboek is ongeschonden');

  // While the app is closed, someone with the database (but not the key) removes the last rows and their links.
  await host.stop();
  const db = new Database(join(host.dataDir, 'afstemming.sqlite'));
  db.exec('DROP TRIGGER access_log_no_delete; DROP TRIGGER access_log_mac_no_delete');
  const { id } = db.prepare('SELECT max(id) AS id FROM access_log').get() as { id: number };
  db.prepare('DELETE FROM access_log WHERE id > ?').run(id - 3);
  db.prepare('DELETE FROM access_log_mac WHERE log_id > ?').run(id - 3);
  db.close();
  await host.start();
  await openApp(page, host.url);
  await picker.unlock('Anna de Vries');
  await privacy.goto();
  const found = await privacy.verifyLog();
  await expect(found).toContainText('Het logboek is niet ongeschonden');
  await expect(found).toContainText('Aan het eind van het logboek zijn regels verwijderd');

  // Without its key file the log cannot be continued verifiably: read-only, with its own explanation.
  await host.stop();
  renameSync(join(host.dataDir, 'access-log.key'), join(host.dataDir, 'access-log.key.elders'));
  await host.start();
  await openApp(page, host.url);
  const banner = page.getByRole('alert').filter({ hasText: 'De sleutel van het logboek ontbreekt; Afstemming staat op alleen-lezen.' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Zet het sleutelbestand terug uit de oude gegevensmap');
});
