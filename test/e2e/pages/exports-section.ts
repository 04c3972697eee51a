import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The four export buttons, with the same short labels on the family page and the team page. */
export type ExportLabel = 'CSV' | 'CSV (Excel-NL)' | 'Excel' | 'PDF';
export const EXPORT_LABELS: readonly ExportLabel[] = ['CSV', 'CSV (Excel-NL)', 'Excel', 'PDF'];

/** The "Exporteren" group inside a page or section. */
export class ExportsSection {
  readonly region: Locator;

  constructor(
    private readonly page: Page,
    within: Locator | Page = page,
    /** "Export" when the UI is English. */
    heading = 'Exporteren',
  ) {
    this.region = within.getByRole('region', { name: heading, exact: true });
  }

  button(label: ExportLabel | string): Locator {
    return this.region.getByRole('button', { name: label, exact: true });
  }

  /** Clicks one export and waits until the file is there and the status line names it. */
  async download(label: ExportLabel | string): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.button(label).click()]);
    await expect(this.region.getByRole('status').filter({ hasText: download.suggestedFilename() })).toBeVisible();
    await expect(this.region).toHaveAttribute('aria-busy', 'false');
    return download;
  }
}
