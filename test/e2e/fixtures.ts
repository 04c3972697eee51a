import { join } from 'node:path';
import { test as base, expect, type TestInfo } from '@playwright/test';
import { AppHost } from './app-host';

/** Each test gets its own data folder and its own host on a free port. */
export const test = base.extend<{ host: AppHost }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  host: async ({}, use) => {
    const host = new AppHost();
    await host.start();
    await use(host);
    await host.dispose();
  },
});

export { expect };

/**
 * Where a test keeps the screenshots and PDFs someone looks at: its own output folder, or one
 * folder for all of them with E2E_SCREENSHOTS_DIR (to review a whole run's pictures at once).
 */
export function artifactDir(testInfo: TestInfo): string {
  return process.env.E2E_SCREENSHOTS_DIR ?? testInfo.outputDir;
}

export function artifactPath(testInfo: TestInfo, name: string): string {
  return join(artifactDir(testInfo), name);
}
