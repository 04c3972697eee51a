import { expect, type Locator, type Page } from '@playwright/test';
import { signInAsFirstCoordinator } from './app-page';
import { FamiliesPage } from './families-page';

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

/** The first coordinator signed in, on a new family's page with one home visit (dated 2026-10-01). */
export async function signedInFamilyWithVisit(page: Page, url: string, visit: { phase: string; notes: string }): Promise<{ family: FamilyPage; code: string }> {
  await signInAsFirstCoordinator(page, url, 'Carla Smit', 'CS');
  const families = new FamiliesPage(page);
  await families.goto();
  const code = await families.create({ babyBirthMonth: '2026-04', referralDate: '2026-09-01', caregivers: [{ role: 'Moeder', label: 'moeder' }] });
  const family = new FamilyPage(page);
  await family.expectLoaded(code);
  await family.addVisit('2026-10-01', visit.phase, visit.notes);
  return { family, code };
}
