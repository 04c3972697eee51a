import { expect, type Locator, type Page } from '@playwright/test';

/** The dossier's parts on the family page: phases, aanmelding, logbook, open agreements (Dutch UI). */
export class DossierSection {
  constructor(private readonly page: Page) {}

  phases(): Locator {
    return this.page.getByRole('region', { name: 'Fasen' });
  }

  timeline(): Locator {
    return this.phases().getByRole('list', { name: 'Tijdlijn van de fasen' });
  }

  intake(): Locator {
    return this.page.getByRole('region', { name: 'Aanmelding' });
  }

  logbook(): Locator {
    return this.page.getByRole('region', { name: 'Logboek' });
  }

  openAgreements(): Locator {
    return this.page.getByRole('region', { name: 'Open afspraken' });
  }

  /** Waits until the field next to `label` in `region` says it is saved. */
  private async saved(region: Locator, label: string): Promise<void> {
    await expect(region.getByLabel(label, { exact: true }).locator('xpath=ancestor::div[contains(@class, "field")][1]').getByRole('status')).toHaveText('Opgeslagen');
  }

  async fillIntake(referrer: string, indication: string): Promise<void> {
    const intake = this.intake();
    await intake.getByLabel('Verwijzer').fill(referrer);
    await this.saved(intake, 'Verwijzer');
    await intake.getByLabel('Indicatie', { exact: true }).selectOption({ label: indication });
    await this.saved(intake, 'Indicatie');
  }

  async checkUnsafe(note: string): Promise<void> {
    const intake = this.intake();
    await intake.getByLabel('Acuut onveilige situatie').check();
    await this.saved(intake, 'Acuut onveilige situatie');
    await intake.getByLabel('Toelichting bij de onveilige situatie').fill(note);
    await this.saved(intake, 'Toelichting bij de onveilige situatie');
  }

  /** Starts a phase; the caller checks the outcome (it may be refused). */
  async startPhase(phase: string, date: string): Promise<void> {
    const form = this.phases().getByRole('form', { name: 'Volgende fase starten' });
    await form.getByLabel('Volgende fase').selectOption({ label: phase });
    await form.getByLabel('Begindatum').fill(date);
    await form.getByRole('button', { name: 'Fase starten' }).click();
  }

  async expectCurrent(phase: string): Promise<void> {
    await expect(this.timeline().locator('[aria-current="step"]')).toHaveAccessibleName(phase);
  }

  async override(reason: string): Promise<void> {
    const form = this.phases().getByRole('form', { name: 'Besluit coördinator' });
    await form.getByLabel('Reden om toch door te gaan').fill(reason);
    await form.getByRole('button', { name: 'Toch laten doorgaan' }).click();
    await expect(form).toHaveCount(0);
  }

  async addEntry(date: string, text: string, agreement = false): Promise<void> {
    const form = this.logbook().getByRole('form', { name: 'Logboekregel toevoegen' });
    await form.getByLabel('Datum').fill(date);
    await form.getByLabel('Tekst').fill(text);
    if (agreement) await form.getByLabel('Afspraak met de ouders').check();
    await form.getByRole('button', { name: 'Regel toevoegen' }).click();
  }

  entries(): Locator {
    return this.logbook().getByRole('list', { name: 'Logboekregels' }).getByRole('listitem');
  }
}
