import { expect, type Locator, type Page } from '@playwright/test';

export type ScaleTitle = 'Sensitiviteit' | 'Coöperatie';

/** The agreement page (/agreement), reached through the main menu. */
export class AgreementPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Overeenstemming' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Overeenstemming tussen beoordelaars' })).toBeVisible();
    await expect(this.summary()).toBeVisible();
  }

  summary(): Locator {
    return this.page.locator('.agreement-summary');
  }

  scale(name: ScaleTitle): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  /** The table of every statistic of one scale (its caption starts with the scale's name). */
  statistics(name: ScaleTitle): Locator {
    return this.scale(name).getByRole('table', { name: new RegExp(`^${name}: \\d+ items`) });
  }

  beforeAfter(name: ScaleTitle): Locator {
    return this.scale(name).getByRole('region', { name: /^Voor en na/ });
  }

  heatmap(name: ScaleTitle): Locator {
    return this.scale(name).getByRole('region', { name: /^Paren beoordelaars/ });
  }
}
