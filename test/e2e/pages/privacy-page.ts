import { expect, type Locator, type Page } from '@playwright/test';

/** The erase dialog on a family page. */
export class EraseFamilyDialog {
  constructor(private readonly page: Page) {}

  async open(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Gezin definitief verwijderen' }).click();
    const dialog = this.page.getByRole('alertdialog');
    await expect(dialog).toBeVisible();
    return dialog;
  }
}

/** "Logboek en back-up": log verification, overviews and backups (coordinators). */
export class PrivacyPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Logboek en back-up' }).click();
    await expect(this.page.getByRole('heading', { name: 'Toegangslogboek en back-ups', level: 1 })).toBeVisible();
  }

  section(name: string): Locator {
    return this.page.getByRole('region', { name });
  }

  async verifyLog(): Promise<Locator> {
    const section = this.section('Controleer logboek');
    await section.getByRole('button', { name: 'Controleer logboek' }).click();
    return section.getByRole('status');
  }

  async showOverview(): Promise<Locator> {
    const section = this.section('Overzicht van toegang');
    await section.getByRole('button', { name: 'Toon overzicht' }).click();
    return section.getByRole('table');
  }

  async createBackup(targetDir: string): Promise<Locator> {
    const section = this.section('Back-up');
    await section.getByLabel('Map voor de back-up (volledig pad)').fill(targetDir);
    await section.getByRole('button', { name: 'Maak back-up' }).click();
    return section.getByRole('status').filter({ hasText: 'Back-up gemaakt' });
  }

  async verifyBackup(dir: string): Promise<Locator> {
    const section = this.section('Back-up');
    await section.getByLabel('Map van de back-up (volledig pad)').fill(dir);
    await section.getByRole('button', { name: 'Controleer back-up' }).click();
    return section.getByRole('status').filter({ hasText: 'back-up is' });
  }

  /** Verifies, then restores a backup (with the confirmation); it takes effect at the next start. */
  async restoreBackup(dir: string): Promise<Locator> {
    const section = this.section('Back-up');
    await section.getByLabel('Map van de back-up (volledig pad)').fill(dir);
    await section.getByRole('button', { name: 'Zet back-up terug' }).click();
    const confirm = this.page.getByRole('alertdialog', { name: 'Zet back-up terug' });
    await confirm.getByRole('button', { name: 'Controleer en zet klaar' }).click();
    return section.getByRole('status').filter({ hasText: 'staat klaar' });
  }
}
