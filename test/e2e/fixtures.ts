import { test as base, expect } from '@playwright/test';
import { AppHost } from './app-host';

/** Each test gets its own data folder and its own host on a free port. */
export const test = base.extend<{ host: AppHost }>({
  host: async ({}, use) => {
    const host = new AppHost();
    await host.start();
    await use(host);
    await host.dispose();
  },
});

export { expect };
