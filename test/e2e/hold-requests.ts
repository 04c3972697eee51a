import type { Page, Request } from '@playwright/test';

/**
 * Holds the matching requests at the network until the returned function is called: how a test
 * sees what the UI does while an upload or a save is still under way.
 */
export async function holdRequests(page: Page, url: string, which: (request: Request) => boolean = () => true): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    if (which(route.request())) await held;
    await route.continue();
  });
  return release;
}
