import type { Page } from '@playwright/test';
import { artifactPath, expect, test } from './fixtures';
import { openApp, RaterPickerPage } from './pages/app-page';
import { seedTeamStory } from './team-story';

// Every page of the workstation at the two window sizes people use (a 1280×720 laptop, a 1440 px
// monitor): it shows its heading and never scrolls sideways. The phone (390 px) is where the
// intervisie score card is used; meeting-live.e2e.ts checks that one on a phone.

const PAGES: [name: string, hash: string][] = [
  ['gezinnen', '#/families'],
  ['nieuw-gezin', '#/families/new'],
  ['gezin', '#/families/1'],
  ['beoordelaars', '#/raters'],
  ['opname', '#/recordings/1'],
  ['labels', '#/tags'],
  ['rondes', '#/rounds'],
  ['nieuwe-ronde', '#/rounds/new'],
  ['ronde', '#/rounds/1'],
  ['intervisie', '#/rounds/1/meeting'],
  ['notulen', '#/rounds/1/minutes'],
  ['scoren', '#/recordings/1/score?round=1'],
  ['oefenen', '#/scoring/practice'],
  ['ankerteksten', '#/scoring/anchors'],
  ['team', '#/team'],
  ['overeenstemming', '#/agreement'],
  ['logboek', '#/access-log'],
  ['evaluatie-ouders', '#/evaluation'],
  ['evaluatieformulier', '#/evaluation/form/1'],
  ['evaluatieformulier-print', '#/evaluation/form/1/print'],
  ['evaluatieformulier-leeg', '#/evaluation/blank'],
];

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; widest: string }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    // Name the element that sticks out furthest, so a failure says where to look.
    let widest = '';
    let right = root.clientWidth;
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      const box = element.getBoundingClientRect();
      if (box.right > right + 1) {
        right = box.right;
        widest = `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''} (${Math.round(box.right)} px)`;
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest };
  });
}

test('every page fits 1280×720 and 1440 px windows without sideways scrolling', async ({ page, host }, testInfo) => {
  test.setTimeout(240_000);
  const url = await host.reseed(seedTeamStory);
  await openApp(page, url);
  await new RaterPickerPage(page).pick('Anna de Vries');
  const problems: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const [name, hash] of PAGES) {
      await page.evaluate((target) => (window.location.hash = target), hash);
      await expect(page.locator('main h1, #main h1, article h1, h1').first()).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: 'Bezig met laden' })).toHaveCount(0);
      const { scrollWidth, clientWidth, widest } = await horizontalOverflow(page);
      if (scrollWidth > clientWidth) problems.push(`${name} at ${size.width}: ${scrollWidth} > ${clientWidth}; widest ${widest}`);
      await page.screenshot({ path: artifactPath(testInfo, `layout-${size.width}-${name}.png`), fullPage: true });
    }
  }
  expect(problems).toEqual([]);
});
