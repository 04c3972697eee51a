import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { ExportsSection, type ExportLabel } from './exports-section';


/** The team overview at /team. */
export class TeamPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Team' }).click();
    await expect(this.page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
    await expect(this.changeTable()).toBeVisible();
  }

  filters(): Locator {
    return this.page.getByRole('group', { name: 'Filters' });
  }

  familyCount(): Locator {
    return this.page.getByRole('status').filter({ hasText: /\d+ gezin(nen)? binnen de filters\./ });
  }

  changeTable(): Locator {
    return this.page.getByRole('table', { name: 'Gemiddelde verandering' });
  }

  changeRow(scale: 'Sensitiviteit' | 'Coöperatie', to: 'nameting' | 'follow-up'): Locator {
    return this.changeTable().getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: scale }) }).filter({ hasText: `voormeting → ${to}` });
  }

  slopeChart(scale: 'Sensitiviteit' | 'Coöperatie'): Locator {
    return this.page.getByRole('img', { name: new RegExp(`^${scale}: \\d+ ouders?\\.`) });
  }

  waitingTable(): Locator {
    return this.page.getByRole('table', { name: /^Opnamen die wachten op scores/ });
  }

  missingTable(): Locator {
    return this.page.getByRole('table', { name: /^Gezinnen met een ontbrekend meetmoment/ });
  }

  phaseTable(): Locator {
    return this.page.getByRole('table', { name: 'Gezinnen per fase' });
  }

  exports(): ExportsSection {
    return new ExportsSection(this.page);
  }

  download(label: ExportLabel): Promise<Download> {
    return this.exports().download(label);
  }

  /** The family filter: a disclosure with a checkbox per family code. */
  familyFilter(): Locator {
    return this.page.locator('details.family-filter');
  }

  /** Opens the family filter and ticks these families (the others stay as they are). */
  async chooseFamilies(...codes: string[]): Promise<void> {
    const filter = this.familyFilter();
    if ((await filter.getAttribute('open')) === null) await filter.locator('summary').click();
    const group = filter.getByRole('group', { name: 'Gezinnen' });
    for (const code of codes) await group.getByRole('checkbox', { name: code, exact: true }).check();
  }

  /** Back to all families. */
  async allFamilies(): Promise<void> {
    await this.familyFilter().getByRole('group', { name: 'Gezinnen' }).getByRole('checkbox', { name: 'Alle gezinnen' }).check();
  }
}
