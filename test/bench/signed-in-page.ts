import type { Page } from 'playwright-core';
import type { WebHost } from '../../electron/web/web-host';
import { TEST_PIN } from '../integration/support/temp-backend';

/**
 * A browser tab is its own session: it opens a one-time link and signs in with the rater's PIN
 * (here through the page's own fetch, so the cookie the host hands out lands in the browser).
 */
export async function openSignedInPage(page: Page, host: WebHost, raterId: number, pin = TEST_PIN): Promise<void> {
  await page.goto(host.newLink());
  await page.waitForSelector('#root[data-app-state="ready"]');
  const answer = await page.evaluate(
    async ([id, secret]) => {
      const res = await fetch('/api/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ method: 'session.selectRater', input: { raterId: id, pin: secret } }),
      });
      return (await res.json()) as { ok: boolean };
    },
    [raterId, pin] as const,
  );
  if (!answer.ok) throw new Error(`signing in the bench page failed: ${JSON.stringify(answer)}`);
}
