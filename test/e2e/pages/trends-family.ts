import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { ExportsSection } from './exports-section';

/** The "Verloop van de scores" section on a family page. */
export class FamilyTrendSection {
  readonly region: Locator;

  constructor(private readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Verloop van de scores' });
  }

  async expectLoaded(): Promise<void> {
    await expect(this.region).toBeVisible();
    await expect(this.region.getByRole('img').first()).toBeVisible();
  }

  caregiver(heading: string): Locator {
    return this.region.getByRole('region', { name: heading });
  }

  /** The chart of one scale for one caregiver, found by its accessible summary. */
  chart(scale: 'Sensitiviteit' | 'Coöperatie', caregiverLabel: string): Locator {
    return this.region.getByRole('img', { name: new RegExp(`^${scale} van ${caregiverLabel.replace(/[()]/g, '\\$&')}\\.`) });
  }

  pointTable(caregiverLabel: string): Locator {
    return this.region.getByRole('table', { name: `Scores van ${caregiverLabel}` });
  }

  momentTable(caregiverLabel: string): Locator {
    return this.region.getByRole('table', { name: `Per meetmoment: ${caregiverLabel}` });
  }

  filters(): Locator {
    return this.region.getByRole('group', { name: 'Filters' });
  }

  /** Clicks a dot of a chart (they are SVG, so by their visible label, e.g. "N 7"). */
  async clickPoint(chart: Locator, label: string): Promise<void> {
    await chart.locator('g.trend-dot', { hasText: label }).first().locator('circle, path').first().click();
  }

  /** The family's exports (CSV, CSV (Excel-NL), Excel, PDF) under "Exporteren". */
  exports(): ExportsSection {
    return new ExportsSection(this.page, this.region);
  }

  /** The report for the clinician: the PDF of the family's exports. */
  downloadReport(): Promise<Download> {
    return this.exports().download('PDF');
  }
}
