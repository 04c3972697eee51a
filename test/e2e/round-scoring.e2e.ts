import type { Page } from '@playwright/test';
import { makeClip } from '../fixtures/clips';
import { insertFamily, insertRater, insertRecording } from '../fixtures/seed-db';
import { artifactPath, expect, test } from './fixtures';
import { openApp, RaterPickerPage } from './pages/app-page';
import { FamiliesPage } from './pages/families-page';
import { FamilyPage } from './pages/family-page';
import { RecordingPage } from './pages/recording-page';
import { ScorePageWithPlayer } from './pages/score-page';
import { RoundsPages, switchRater } from './pages/scoring-pages';

test.describe.configure({ timeout: 240_000 });


const ANNA = 'Anna de Vries';
const BRAM = 'Bram Jansen';
const FAMILY = 'OB-26-001';
const MOTHER = 'moeder (M.)';
const PRE = /^OB-26-001 #\d+ · 2026-03-01 · Voormeting · Spelen/;
const POST = /^OB-26-001 #\d+ · 2026-09-14 · Nameting · Voeden/;
/** What a round blind to the moment must never show a rater: the family, the dates and any moment. */
const UNMASKING = [FAMILY, '2026-03-01', '2026-09-14', '01-03-2026', '14-09-2026', /voormeting/i, /nameting/i, /follow-up/i];

function expectMasked(text: string) {
  for (const secret of UNMASKING) {
    if (typeof secret === 'string') expect(text, `the page shows "${secret}"`).not.toContain(secret);
    else expect(text, `the page shows ${secret}`).not.toMatch(secret);
  }
}

/** The player left of the card and level with it, or above it when the window is narrow. */
async function layoutOf(page: Page, scorePage: ScorePageWithPlayer): Promise<'side by side' | 'stacked'> {
  const player = (await scorePage.player().boundingBox())!;
  const card = (await scorePage.card.root().boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(player.x).toBeGreaterThanOrEqual(0);
  expect(card.x + card.width).toBeLessThanOrEqual(viewport.width);
  if (player.x + player.width <= card.x && card.y < player.y + player.height) return 'side by side';
  expect(card.y).toBeGreaterThanOrEqual(player.y + player.height);
  return 'stacked';
}

test('a rater scores a round blind to the moment beside the playing clip: no family, date or moment; keys score, citations seek the player', async ({
  page,
  host,
}, testInfo) => {
  // A keyframe every half second: seek-friendly as imported, so no better version replaces it while the test plays.
  const clip = await makeClip({ durationS: 20, width: 640, height: 360, fps: 25, vcodec: 'h264', acodec: 'aac', container: 'mp4', keyframeEvery: 12 });
  const url = await host.reseed((db) => {
    insertRater(db, ANNA, 'AV', 'coordinator');
    insertRater(db, BRAM, 'BJ', 'rater');
    insertRater(db, 'Cora Smit', 'CS', 'rater');
    const family = insertFamily(db, FAMILY, [{ role: 'moeder', label: MOTHER }]);
    insertRecording(db, family, { caregiverIds: [family.caregivers[MOTHER]!], moment: 'nameting', activity: 'voeden', recordedOn: '2026-09-14' });
  });
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, url);
  await new RaterPickerPage(page).pick(ANNA);

  // The coordinator imports the voormeting with real video (the visit of 2026-03-01 gives its date).
  const families = new FamiliesPage(page);
  await families.goto();
  await families.table().getByRole('link', { name: FAMILY }).click();
  await new FamilyPage(page).expectLoaded(FAMILY);
  const recording = new RecordingPage(page);
  await recording.importFromFamilyPage({ file: clip, activity: 'Spelen', moment: 'Voormeting' });
  await recording.waitUntilPlayable();

  const rounds = new RoundsPages(page);
  await rounds.create({ name: 'Voorjaar blind', date: '2026-10-01', recordings: [PRE, POST], raters: [BRAM, 'Cora Smit'], revealRule: 'coordinator', blindMoment: true });
  await expect(page.getByText('Blind voor het meetmoment', { exact: true })).toBeVisible();
  await expect(page.getByText(/Beoordelaars zien neutrale clipcodes in plaats van gezin, datum en meetmoment/)).toBeVisible();
  // The coordinator, outside the round, sees the families and the codes the raters see instead.
  const preRow = rounds.agenda().getByRole('row', { name: /OB-26-001 #\d+ · 2026-03-01/ });
  const postRow = rounds.agenda().getByRole('row', { name: /OB-26-001 #\d+ · 2026-09-14/ });
  const codeOf = async (row: typeof preRow) => (await row.getByText(/^Beoordelaars zien: Clip [A-Z]$/).innerText()).replace('Beoordelaars zien: ', '');
  const preCode = await codeOf(preRow);
  const postCode = await codeOf(postRow);
  expect([preCode, postCode].sort()).toEqual(['Clip A', 'Clip B']);
  await page.screenshot({ path: artifactPath(testInfo, 'round-blind-moment-coordinator.png'), fullPage: true });

  // The rater's agenda: neutral codes only.
  await switchRater(page, BRAM);
  await rounds.open('Voorjaar blind');
  await expect(rounds.agenda().getByRole('rowheader')).toHaveText([/^Clip [AB] · (Spelen|Voeden)/, /^Clip [AB] · (Spelen|Voeden)/]);
  expectMasked(await rounds.agenda().innerText());
  await rounds.agenda().getByRole('link', { name: `Scoren: ${preCode} · Spelen` }).click();

  const scorePage = new ScorePageWithPlayer(page);
  await expect(page.getByRole('heading', { level: 1, name: `Scoren: ${preCode} (blind voor het meetmoment)` })).toBeVisible();
  await expect(scorePage.card.root().getByText('Blind · Voorjaar blind')).toBeVisible();
  await scorePage.waitUntilPlayable();
  expect(await layoutOf(page, scorePage)).toBe('side by side');
  expectMasked(await scorePage.allText());

  // A real clip plays: the video element's own clock moves.
  await scorePage.toolbarButton('Afspelen').click();
  await expect.poll(() => scorePage.currentTime(), { timeout: 15_000 }).toBeGreaterThan(1.2);
  await scorePage.toolbarButton('Pauzeren').click();
  await expect.poll(() => scorePage.paused()).toBe(true);
  const pausedAt = await scorePage.currentTime();
  expect(pausedAt).toBeGreaterThan(1.2);
  // Far enough from the end (20 s) that two jumps of 5 s still land inside the clip.
  expect(pausedAt).toBeLessThan(8);

  // Scoring with the keyboard; the scale keeps the arrows to itself, the player does not step.
  const card = scorePage.card;
  await card.point('Sensitiviteit', MOTHER, 1).focus();
  await page.keyboard.press('6');
  await expect(card.point('Sensitiviteit', MOTHER, 6)).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(card.point('Sensitiviteit', MOTHER, 7)).toHaveAttribute('aria-checked', 'true');
  await expect(card.point('Sensitiviteit', MOTHER, 7)).toBeFocused();
  expect(await scorePage.currentTime()).toBe(pausedAt);
  await card.point('Coöperatie', MOTHER, 1).focus();
  await page.keyboard.press('5');
  await expect(card.point('Coöperatie', MOTHER, 5)).toHaveAttribute('aria-checked', 'true');

  // Cite where the player stands: type, Tab to "Citeer huidige tijd", Enter.
  const rationale = card.rationale('Sensitiviteit', MOTHER);
  await rationale.focus();
  await page.keyboard.type('Kijkt de baby aan en wacht');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Citeer huidige tijd' }).first()).toBeFocused();
  await page.keyboard.press('Enter');
  const cited = `00:${String(Math.floor(pausedAt)).padStart(2, '0')}`;
  await expect(rationale).toHaveValue(`Kijkt de baby aan en wacht [${cited}]`);
  await expect(card.root().getByRole('status').filter({ hasText: /^Opgeslagen$/ }).first()).toBeVisible();

  // Move the player away, then the cited time brings it back there and plays.
  await scorePage.toolbarButton('5 seconden vooruit').click();
  await scorePage.toolbarButton('5 seconden vooruit').click();
  await expect.poll(() => scorePage.currentTime()).toBeGreaterThan(pausedAt + 9);
  await card.root().getByRole('button', { name: `Speel af vanaf ${cited}` }).click();
  await expect.poll(() => scorePage.paused()).toBe(false);
  const afterSeek = await scorePage.currentTime();
  expect(afterSeek).toBeGreaterThanOrEqual(Math.floor(pausedAt));
  expect(afterSeek).toBeLessThan(Math.floor(pausedAt) + 3);
  await expect.poll(() => scorePage.currentTime()).toBeGreaterThan(afterSeek + 0.3);
  await scorePage.toolbarButton('Pauzeren').click();

  await card.submit();
  expectMasked(await scorePage.allText());

  // The whole page fits the window: 1280×720 and 1440×900 side by side, a narrow window stacked.
  await page.evaluate(() => window.scrollTo(0, 0));
  expect(await scorePage.fitsWidth()).toBe(true);
  await page.screenshot({ path: artifactPath(testInfo, 'round-scoring-1280x720.png') });
  await page.screenshot({ path: artifactPath(testInfo, 'round-scoring-1280x720-full.png'), fullPage: true });
  // Scrolled down to the end of the card, the whole player is still in view.
  await card.root().getByRole('button', { name: 'Heropenen' }).scrollIntoViewIfNeeded();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
  const stuck = (await scorePage.player().boundingBox())!;
  expect(stuck.y).toBeGreaterThanOrEqual(0);
  expect(stuck.y + stuck.height).toBeLessThanOrEqual(720);
  await page.screenshot({ path: artifactPath(testInfo, 'round-scoring-1280x720-scrolled.png') });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.setViewportSize({ width: 1440, height: 900 });
  expect(await scorePage.fitsWidth()).toBe(true);
  expect(await layoutOf(page, scorePage)).toBe('side by side');
  await page.screenshot({ path: artifactPath(testInfo, 'round-scoring-1440x900.png') });
  await page.setViewportSize({ width: 900, height: 800 });
  expect(await scorePage.fitsWidth()).toBe(true);
  expect(await layoutOf(page, scorePage)).toBe('stacked');
  await page.screenshot({ path: artifactPath(testInfo, 'round-scoring-900x800.png'), fullPage: true });
});
