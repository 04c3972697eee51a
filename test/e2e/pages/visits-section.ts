import { expect, type Locator, type Page } from '@playwright/test';

/** The home visits on the family page (Dutch UI): the add form, each visit's fields, the question editor. */
export class VisitsSection {
  constructor(private readonly page: Page) {}

  list(): Locator {
    return this.page.getByRole('list', { name: 'Huisbezoeken' });
  }

  /** The visits themselves (each visit also holds a list of its recordings). */
  items(): Locator {
    return this.list().locator(':scope > li');
  }

  /** One visit's fields, unfolded. */
  async visit(date: string): Promise<Locator> {
    const item = this.items().and(this.page.getByRole('listitem', { name: date, exact: true }));
    const details = item.locator('details');
    if ((await details.getAttribute('open')) === null) await item.locator('summary').click();
    return item.getByRole('group', { name: `Huisbezoek van ${date}` });
  }

  async add(input: { date: string; phase?: string; minutes?: string; activity?: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Huisbezoek toevoegen' });
    await form.getByLabel('Datum').fill(input.date);
    if (input.phase) await form.getByLabel('Fase').selectOption({ label: input.phase });
    await form.getByLabel('Duur (minuten)').fill(input.minutes ?? '');
    await form.getByLabel('Gefilmde activiteit').selectOption({ label: input.activity ?? 'Niets gefilmd' });
    await form.getByRole('button', { name: 'Huisbezoek toevoegen' }).click();
  }

  /** The status line beside a field or checkbox. */
  status(control: Locator): Locator {
    return control.locator('xpath=ancestor::div[contains(@class, "field")][1]').locator('.save-status');
  }

  /** Types into an autosaved field, leaves it, and waits until it says it is saved. */
  async fill(group: Locator, label: string, text: string): Promise<void> {
    const field = group.getByLabel(label, { exact: true });
    await field.fill(text);
    await field.blur();
    await expect(this.status(field)).toHaveText('Opgeslagen');
  }

  async check(group: Locator, label: string): Promise<void> {
    const box = group.getByRole('checkbox', { name: label, exact: true });
    await box.check();
    await expect(this.status(box)).toHaveText('Opgeslagen');
  }

  questionEditor(): Locator {
    return this.page.locator('details.visit-questions-editor');
  }
}
