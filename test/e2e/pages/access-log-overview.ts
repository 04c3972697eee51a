import { expect, type Download, type Locator, type Page } from '@playwright/test';

export interface AccessLogFilter {
  family?: string;
  rater?: string;
  from?: string;
  to?: string;
  /** As the select names it: Bekijken, Wijzigen, Exporteren, Inloggen en sessie, Intervisie, Beheer. */
  kind?: string;
  /** Toegestaan, Geweigerd or Fout. */
  outcome?: string;
}

/** "Overzicht van toegang" on the privacy page: filters, the table, paging and the CSV export. */
export class AccessLogOverview {
  constructor(private readonly page: Page) {}

  region(): Locator {
    return this.page.getByRole('region', { name: 'Overzicht van toegang' });
  }

  /** Sets every filter (an absent one to "Alle" or empty) and shows the overview. */
  async show(filter: AccessLogFilter = {}): Promise<void> {
    const region = this.region();
    await region.getByLabel('Gezin').selectOption({ label: filter.family ?? 'Alle' });
    await region.getByLabel('Beoordelaar').selectOption({ label: filter.rater ?? 'Alle' });
    await region.getByLabel('Vanaf').fill(filter.from ?? '');
    await region.getByLabel('Tot en met').fill(filter.to ?? '');
    await region.getByLabel('Soort handeling').selectOption({ label: filter.kind ?? 'Alle' });
    await region.getByLabel('Uitkomst').selectOption({ label: filter.outcome ?? 'Alle' });
    const answered = this.page.waitForResponse((response) => response.url().endsWith('/api/call') && response.request().postDataJSON()?.method === 'accessLog.overview');
    const button = region.getByRole('button', { name: 'Toon overzicht' });
    await button.click();
    await answered;
    // Enabled again once the answer is on screen (it is disabled while the call runs).
    await expect(button).toBeEnabled();
    await expect(this.summary()).toBeVisible();
  }

  /** "Eerste 500 van 1.234 regels …", "12 regels." or "Geen regels bij deze filters." */
  summary(): Locator {
    return this.region().getByRole('status').filter({ hasText: /^(Eerste \S+ van|Regel \S+ van|Geen regels bij|\S+ regels?\.$)/ });
  }

  table(): Locator {
    return this.region().getByRole('table', { name: 'Overzicht van toegang' });
  }

  rows(): Locator {
    return this.table().locator('tbody tr');
  }

  /** The rows whose action reads `action` (the Dutch name, as a privacy officer reads it). */
  rowsWithAction(action: string): Locator {
    return this.rows().filter({ has: this.page.getByRole('cell', { name: action, exact: true }) });
  }

  /** The text of one column (0-based: when, who, family, action, outcome, detail) of every row shown. */
  async column(index: number): Promise<string[]> {
    return this.rows().evaluateAll((rows, i) => rows.map((row) => row.children[i]?.textContent?.trim() ?? ''), index);
  }

  async exportCsv(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.region().getByRole('button', { name: 'Exporteer als CSV (Excel)' }).click();
    return download;
  }
}
