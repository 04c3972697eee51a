import { expect, type Page } from '@playwright/test';
import { SEEDED_PIN } from '../../fixtures/seed-db';

/** Opens the app the way a user does: the host's link with its token, then waits for "ready". */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
}

/** The PIN every e2e profile uses: the seeded ones (seed-db.ts) and those made through the UI. */
export const E2E_PIN = SEEDED_PIN;

export class RaterPickerPage {
  constructor(private readonly page: Page) {}

  async createFirstCoordinator(name: string, initials: string, password = E2E_PIN): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Toevoegen' });
    await form.getByLabel('Naam').fill(name);
    await form.getByLabel('Initialen').fill(initials);
    await form.getByLabel('Uw wachtwoord (minstens 8 tekens)').fill(password);
    await form.getByRole('button', { name: 'Toevoegen' }).click();
  }

  /** Picks a name from the list and signs in with its PIN, as at a shared workstation. */
  async pick(name: string, pin = E2E_PIN): Promise<void> {
    await this.page.getByRole('list', { name: 'Lijst van beoordelaars' }).getByRole('button', { name: new RegExp(name) }).click();
    await this.enterPin(name, pin);
    await expect(this.page.getByText(`Actief als`)).toBeVisible();
  }

  /** The lock screen after inactivity, "Vergrendelen" or a restart: the remembered profile's PIN. */
  async unlock(name: string, pin = E2E_PIN): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Werkplek vergrendeld' })).toBeVisible();
    await this.enterPin(name, pin);
    await expect(this.page.getByText(`Actief als`)).toBeVisible();
  }

  async enterPin(name: string, pin: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Aanmelden' });
    await form.getByLabel(`Pincode voor ${name}`).fill(pin);
    await form.getByRole('button', { name: 'Aanmelden' }).click();
  }
}

/** A fresh app as its first user meets it: create the first coordinator and sign in as that person. */
export async function signInAsFirstCoordinator(page: Page, url: string, name: string, initials: string): Promise<RaterPickerPage> {
  await openApp(page, url);
  const picker = new RaterPickerPage(page);
  await expect(page.getByRole('heading', { name: 'Wie bent u?' })).toBeVisible();
  await picker.createFirstCoordinator(name, initials);
  // Whoever just chose the first password is signed in with it at once.
  await expect(page.locator('.active-rater')).toContainText(name);
  return picker;
}
