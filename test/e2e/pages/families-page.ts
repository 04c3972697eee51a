import { expect, type Locator, type Page } from '@playwright/test';

export interface NewFamily {
  code?: string;
  babyBirthMonth: string;
  referralDate: string;
  caregivers: { role: 'Moeder' | 'Vader' | 'Partner' | 'Anders'; label: string }[];
}

export class FamiliesPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gezinnen' }).click();
    await expect(this.page.getByRole('heading', { name: 'Gezinnen', level: 1 })).toBeVisible();
  }

  table(): Locator {
    return this.page.getByRole('table', { name: 'Lijst van gezinnen' });
  }

  async create(family: NewFamily): Promise<string> {
    await this.page.getByRole('link', { name: 'Nieuw gezin' }).click();
    const form = this.page.getByRole('form', { name: 'Nieuw gezin' });
    const code = form.getByLabel('Gezinscode');
    await expect(code).not.toHaveValue('');
    if (family.code !== undefined) await code.fill(family.code);
    await form.getByLabel('Geboortemaand baby').fill(family.babyBirthMonth);
    await form.getByLabel('Aanmelddatum').fill(family.referralDate);
    for (const [index, caregiver] of family.caregivers.entries()) {
      if (index > 0) await form.getByRole('button', { name: 'Nog een ouder' }).click();
      const group = form.getByRole('group', { name: `Ouders / verzorgers ${index + 1}` });
      await group.getByLabel('Rol').selectOption({ label: caregiver.role });
      await group.getByLabel('Korte omschrijving').fill(caregiver.label);
    }
    const usedCode = await code.inputValue();
    await form.getByRole('button', { name: 'Gezin aanmaken' }).click();
    // Wait for the outcome (the new family's page, or the refusal): the app navigates only after the save,
    // and a click on the menu before that would be overtaken by it.
    const opened = this.page.getByRole('heading', { name: `Gezin ${usedCode}`, level: 1 });
    await expect(opened.or(form.getByRole('alert'))).toBeVisible();
    return usedCode;
  }
}
