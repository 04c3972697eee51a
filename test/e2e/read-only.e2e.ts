import Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, artifactPath } from './fixtures';
import { openApp, signInAsFirstCoordinator } from './pages/app-page';
import { FamiliesPage } from './pages/families-page';

/** Damages the (empty) erasures table's root page, so the start-up quick_check fails but reads still work. */
function damageDatabase(dataDir: string) {
  const file = join(dataDir, 'afstemming.sqlite');
  const db = new Database(file, { readonly: true });
  const { rootpage } = db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'erasures'`).get() as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(64, 0xab), 0, 64, (rootpage - 1) * pageSize);
  closeSync(fd);
}

test('a damaged database opens read-only: a persistent alert on every page leads to the restore', async ({ page, host }, testInfo) => {
  const picker = await signInAsFirstCoordinator(page, host.url, 'Anna de Vries', 'AV');
  const families = new FamiliesPage(page);
  await families.goto();
  const code = await families.create({ babyBirthMonth: '2026-06', referralDate: '2026-10-01', caregivers: [{ role: 'Moeder', label: 'moeder' }] });

  await host.stop();
  damageDatabase(host.dataDir);
  await host.start();
  await openApp(page, host.url);

  const banner = page.getByRole('alert').filter({ hasText: 'De database is beschadigd en staat op alleen-lezen.' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Afstemming heeft niets gewijzigd');
  // Signing in still works (a start always locks), and so does reading; the alert stays on every page.
  await picker.unlock('Anna de Vries');
  await families.goto();
  await expect(families.table().getByRole('link', { name: code })).toBeVisible();
  await expect(banner).toBeVisible();

  await banner.getByRole('link', { name: 'Naar back-up terugzetten' }).click();
  await expect(page.getByRole('heading', { name: 'Toegangslogboek en back-ups', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Zet back-up terug' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Maak back-up' })).toBeDisabled();
  await expect(banner).toBeVisible();
  await page.screenshot({ path: artifactPath(testInfo, 'privacy-read-only.png'), fullPage: true });
});
