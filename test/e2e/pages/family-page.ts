import { expect, type Locator, type Page } from '@playwright/test';

export class FamilyPage {
  constructor(private readonly page: Page) {}

  async expectLoaded(code: string): Promise<void> {
    await expect(this.page.getByRole('heading', { name: `Gezin ${code}`, level: 1 })).toBeVisible();
  }

  caregivers(): Locator {
    return this.page.getByRole('list', { name: 'Ouders / verzorgers' });
  }

  visits(): Locator {
    return this.page.getByRole('list', { name: 'Huisbezoeken' });
  }

  async addVisit(date: string, phase: string, notes: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Huisbezoek toevoegen' });
    await form.getByLabel('Datum').fill(date);
    await form.getByLabel('Fase').selectOption({ label: phase });
    await form.getByLabel('Notities').fill(notes);
    await form.getByRole('button', { name: 'Huisbezoek toevoegen' }).click();
    await expect(this.visits().getByRole('listitem', { name: date })).toBeVisible();
  }

  /** Types into an autosaved field and waits until the app says it is saved. */
  async editNotes(text: string): Promise<void> {
    const details = this.page.getByRole('region', { name: 'Gegevens' });
    await details.getByLabel('Notities').fill(text);
    await expect(details.getByRole('status').filter({ hasText: 'Opgeslagen' })).toBeVisible();
  }

  accessLog(): Locator {
    return this.page.getByRole('table', { name: 'Toegangslogboek' });
  }
}
