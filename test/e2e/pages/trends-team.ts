import { expect, type Download, type Locator, type Page } from '@playwright/test';

export type TeamExport = 'CSV (komma; R, SPSS)' | 'CSV (puntkomma; Excel-NL)' | 'Excel (XLSX)' | 'Teamoverzicht (PDF)';

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
    return this.page.getByRole('img', { name: new RegExp(`^${scale}: \\d+ ouders`) });
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

  async download(name: TeamExport): Promise<Download> {
    const exports = this.page.getByRole('region', { name: 'Exporteren' });
    const [download] = await Promise.all([this.page.waitForEvent('download'), exports.getByRole('button', { name }).click()]);
    await expect(exports.getByRole('status').filter({ hasText: download.suggestedFilename() })).toBeVisible();
    return download;
  }
}
