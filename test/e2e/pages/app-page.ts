import { expect, type Page } from '@playwright/test';

/** Opens the app the way a user does: the host's link with its token, then waits for "ready". */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
}

export class RaterPickerPage {
  constructor(private readonly page: Page) {}

  async createFirstCoordinator(name: string, initials: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Toevoegen' });
    await form.getByLabel('Naam').fill(name);
    await form.getByLabel('Initialen').fill(initials);
    await form.getByRole('button', { name: 'Toevoegen' }).click();
  }

  async pick(name: string): Promise<void> {
    await this.page.getByRole('list', { name: 'Lijst van beoordelaars' }).getByRole('button', { name: new RegExp(name) }).click();
    await expect(this.page.getByText(`Actief als`)).toBeVisible();
  }
}
