import type { Page } from '@playwright/test';
import { makeClip } from '../fixtures/clips';
import { artifactPath, expect, test } from './fixtures';
import { signedInFamilyWithVisit } from './pages/family-page';
import { RecordingPage } from './pages/recording-page';

test.describe.configure({ timeout: 240_000 });

/** A call the UI would make, from inside the signed-in tab (for fragments, which are not what this test is about). */
async function call<T>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, input }) => {
      const response = await fetch('/api/call', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ method, input }) });
      const body = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(body.error?.message ?? 'refused');
      return body.value as never;
    },
    { method, input },
  );
}

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('a begeleider chooses two fragments for a visit with captions, holds the session with the parents, and makes the feedback film', async ({ page, host }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // Keyframes twice a second: the clip plays as it is and is cut exactly for the film.
  const clip = await makeClip({ durationS: 8, width: 320, height: 240, fps: 25, vcodec: 'h264', acodec: 'aac', container: 'mp4', keyframeEvery: 12 });
  const { family, code } = await signedInFamilyWithVisit(page, host.url, { phase: 'Introductie', notes: 'badmoment' });
  const recording = new RecordingPage(page);
  await recording.importFromFamilyPage({ file: clip });
  await recording.waitUntilPlayable();
  const recordingId = Number(/recordings\/(\d+)/.exec(page.url())![1]);
  // Two fragments marked earlier, with tags (2: "sensitieve reactie", 7: "oogcontact"); one flagged for feedback.
  const flagged = await call<{ id: number }>(page, 'fragments.create', { recordingId, startMs: 1000, endMs: 2500, tagIds: [2], forFeedback: true });
  await call(page, 'fragments.create', { recordingId, startMs: 4000, endMs: 5500, tagIds: [7] });
  await recording.backToFamily();
  // The session is held at the next visit.
  await family.addVisit('2026-10-15', 'Begeleiding', 'terugkijken');

  const visit = family.visits().getByRole('listitem', { name: '2026-10-15' });
  await visit.getByRole('button', { name: 'Videofeedback voorbereiden' }).click();
  const prepare = visit.getByRole('region', { name: 'Videofeedback bij het bezoek van 2026-10-15' });
  const add = prepare.getByRole('form', { name: 'Fragment toevoegen' });
  const chosen = prepare.getByRole('list', { name: 'Gekozen fragmenten, op volgorde' }).getByRole('listitem');
  // The one marked for video feedback is offered first.
  const options = add.getByLabel('Fragment').locator('option');
  await expect(options).toHaveCount(3);
  await expect(options.nth(1)).toHaveText(/^★ voor videofeedback · 2026-10-01 Spelen 0:01–0:02 · sensitieve reactie \(CS\)$/);
  await add.getByLabel('Fragment').selectOption({ index: 1 });
  await add.getByLabel('Onderschrift voor de ouders').fill('Kijk hoe jullie samen lachen.');
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(chosen).toHaveCount(1);
  // A caption with a timecode is refused in Dutch, and nothing is added.
  await add.getByLabel('Fragment').selectOption({ index: 1 });
  await add.getByLabel('Onderschrift voor de ouders').fill('Bij 0:04 pak je hem op');
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(prepare.getByRole('alert')).toContainText('Een onderschrift is voor de ouders: schrijf het in gewone woorden, zonder tijdcode.');
  await expect(chosen).toHaveCount(1);
  await add.getByLabel('Onderschrift voor de ouders').fill('Je pakt hem rustig op en kijkt hem aan.');
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(chosen).toHaveCount(2);
  await expect(add.getByLabel('Fragment').locator('option')).toHaveCount(1);
  await expect(add.getByText('Alle fragmenten van dit gezin staan al in deze videofeedback.')).toBeVisible();
  // The begeleider's order: the second one first.
  await prepare.getByRole('button', { name: 'Fragment 2 naar voren' }).click();
  await expect(prepare.getByLabel('Onderschrift voor de ouders bij fragment 1')).toHaveValue('Je pakt hem rustig op en kijkt hem aan.');
  await expect(prepare.getByLabel('Onderschrift voor de ouders bij fragment 2')).toHaveValue('Kijk hoe jullie samen lachen.');
  expect(await fitsWidth(page)).toBe(true);
  await prepare.screenshot({ path: artifactPath(testInfo, 'feedback-prepare-1280.png') });

  // ---- Session mode: full screen (or the whole window), the parents' own view.
  await prepare.getByRole('button', { name: 'Start videofeedback' }).click();
  const mode = page.getByRole('dialog', { name: 'Videofeedback met de ouders' });
  await expect(mode).toBeVisible();
  await expect(mode.getByText('Fragment 1 van 2')).toBeVisible();
  await expect(mode.getByText('Je pakt hem rustig op en kijkt hem aan.')).toBeVisible();
  // The video waits at the start of the fragment's span (4.0 s) and plays only that span.
  const video = mode.getByLabel('Fragment 1', { exact: true });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(4, 1);
  await mode.getByRole('button', { name: 'Afspelen' }).click();
  await expect(mode.getByRole('button', { name: 'Afspelen' })).toBeVisible({ timeout: 10_000 });
  const stoppedAt = await video.evaluate((v: HTMLVideoElement) => ({ time: v.currentTime, paused: v.paused }));
  expect(stoppedAt.paused).toBe(true);
  expect(stoppedAt.time).toBeGreaterThanOrEqual(5.4);
  expect(stoppedAt.time).toBeLessThan(6);
  // The questions as prompts, each with a field for the parents' words, saved as they are typed.
  await expect(mode.getByRole('textbox')).toHaveCount(3);
  await mode.getByLabel('Wat zie je?').fill('Hij kijkt naar mij als ik hem optil.');
  await expect(mode.getByRole('status').filter({ hasText: 'Opgeslagen' })).toBeVisible();
  // Nothing of the team's own work: no family code, tag names, rater, timecodes or file names.
  const shown = await mode.innerText();
  for (const hidden of [code, 'sensitieve reactie', 'oogcontact', 'Carla', 'CS', '.mp4', 'badmoment']) expect(shown).not.toContain(hidden);
  expect(shown).not.toMatch(/\d{1,2}:\d{2}/);
  expect(await mode.locator('video').evaluate((v: HTMLVideoElement) => v.controls)).toBe(false);
  // Tab stays in the session: the app behind it (with the family's code) cannot be reached.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null || document.activeElement === document.body)).toBe(true);
  }
  await page.screenshot({ path: artifactPath(testInfo, 'feedback-session-1280x720.png') });

  // Next with the button, back with the arrow key (once focus is out of the text field).
  await mode.getByRole('button', { name: 'Volgende' }).click();
  await expect(mode.getByText('Fragment 2 van 2')).toBeVisible();
  await expect(mode.getByText('Kijk hoe jullie samen lachen.')).toBeVisible();
  await mode.getByLabel('Hoe is dit voor jou als ouder?').fill('Fijn, dat had ik niet gezien.');
  await expect(mode.getByRole('status').filter({ hasText: 'Opgeslagen' })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  // In the text field the arrow moves the cursor, not the session.
  await expect(mode.getByText('Fragment 2 van 2')).toBeVisible();
  await mode.getByRole('button', { name: 'Nog eens bekijken' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(mode.getByText('Fragment 1 van 2')).toBeVisible();
  await expect(mode.getByLabel('Wat zie je?')).toHaveValue('Hij kijkt naar mij als ik hem optil.');
  await page.keyboard.press('ArrowRight');
  await expect(mode.getByText('Fragment 2 van 2')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(mode).toHaveCount(0);
  // Back on the visit, with the page usable again and focus where the session started.
  await expect(prepare.getByRole('button', { name: 'Start videofeedback' })).toBeFocused();

  // ---- The parents' words survive a reload.
  await page.reload();
  await family.expectLoaded(code);
  await visit.getByRole('button', { name: 'Videofeedback voorbereiden' }).click();
  await prepare.getByRole('button', { name: 'Start videofeedback' }).click();
  await expect(mode.getByLabel('Wat zie je?')).toHaveValue('Hij kijkt naar mij als ik hem optil.');
  await mode.getByRole('button', { name: 'Volgende' }).click();
  await expect(mode.getByLabel('Hoe is dit voor jou als ouder?')).toHaveValue('Fijn, dat had ik niet gezien.');
  await mode.getByRole('button', { name: 'Sluiten' }).click();
  await expect(mode).toHaveCount(0);

  // ---- The feedback film of this visit, with the captions on its title cards.
  await prepare.getByRole('button', { name: 'Feedbackfilm maken' }).click();
  const films = prepare.getByRole('list', { name: 'Feedbackfilms van dit bezoek' });
  const download = films.getByRole('link', { name: `Download ${code}_2026-10-15_feedbackfilm-bezoek.mp4` });
  await expect(download).toBeVisible({ timeout: 90_000 });
  const response = await page.request.get(new URL((await download.getAttribute('href'))!, page.url()).toString());
  expect(response.status()).toBe(200);
  expect((await response.body()).length).toBeGreaterThan(1000);
  const session = await call<{ items: { fragmentId: number }[] }>(page, 'feedbackSessions.get', { visitId: (await call<{ visits: { id: number; date: string }[] }>(page, 'families.get', { id: Number(/families\/(\d+)/.exec(page.url())![1]) })).visits.find((v) => v.date === '2026-10-15')!.id });
  expect(session.items.map((i) => i.fragmentId).at(-1)).toBe(flagged.id);

  // In English, the session speaks English too (the captions and questions are the team's own words).
  await page.getByLabel('Taal').selectOption('en');
  const english = page.getByRole('region', { name: 'Video feedback for the visit of 2026-10-15' });
  await english.getByRole('button', { name: 'Start video feedback' }).click();
  const englishMode = page.getByRole('dialog', { name: 'Video feedback with the parents' });
  await expect(englishMode.getByText('Fragment 1 of 2')).toBeVisible();
  await expect(englishMode.getByRole('button', { name: 'Next' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(englishMode).toHaveCount(0);
});
