import { makeClip } from '../fixtures/clips';
import { artifactPath, expect, test } from './fixtures';
import { signedInFamilyWithVisit } from './pages/family-page';
import { RecordingPage } from './pages/recording-page';

test.describe.configure({ timeout: 240_000 });

test('a rater imports the four kinds of clips teams film, sees progress, plays and steps frame by frame', async ({ page, host }, testInfo) => {
  const clips = {
    phone: await makeClip({ durationS: 4, width: 320, height: 240, fps: 30, vcodec: 'h264', acodec: 'aac', container: 'mp4' }),
    camcorder: await makeClip({ durationS: 4, width: 640, height: 360, fps: 25, vcodec: 'h264', acodec: 'ac3', container: 'mts', interlaced: true }),
    hevc: await makeClip({ durationS: 4, width: 320, height: 240, fps: 25, vcodec: 'hevc', acodec: 'aac', container: 'mp4' }),
    vfrRotated: await makeClip({ durationS: 4, width: 320, height: 240, fps: 30, vcodec: 'h264', acodec: 'aac', container: 'mov', vfr: true, rotation: 90 }),
  };

  await signedInFamilyWithVisit(page, host.url, { phase: 'Introductie', notes: 'eerste opname' });

  const recording = new RecordingPage(page);
  const expectations: [keyof typeof clips, RegExp][] = [
    ['phone', /Speelt zoals hij is/],
    ['camcorder', /Omverpakt|Wordt omverpakt|Werkversie (wordt )?gemaakt/],
    ['hevc', /Werkversie (wordt )?gemaakt/],
    ['vfrRotated', /Werkversie (wordt )?gemaakt/],
  ];
  for (const [kind, decision] of expectations) {
    await recording.importFromFamilyPage({ file: clips[kind] });
    await expect(recording.decision()).toContainText(decision);
    if (kind === 'phone') {
      // x264's default of one keyframe in 250 frames: it plays at once, a seek-friendly version follows.
      await expect(recording.decision()).toContainText(/op de achtergrond een versie gemaakt waarin dat snel gaat/);
      await page.screenshot({ path: artifactPath(testInfo, 'video-phone-clip.png'), fullPage: true });
    } else {
      // While it is being made, its progress sits in the message that says so, and the heading
      // says "wordt gemaakt"; once playable, the finished job is listed under the decision.
      const waiting = page.getByRole('status').filter({ hasText: 'Deze opname wordt afspeelbaar gemaakt' });
      await expect(waiting.getByRole('group', { name: /Afspeelbare versie/ }).or(recording.decision().getByRole('group', { name: /Afspeelbare versie/ }))).toBeVisible();
      // One look at both, in one tick: they come from the same render, so they must agree.
      const seen = await page.evaluate(() => ({
        waiting: document.body.innerText.includes('Deze opname wordt afspeelbaar gemaakt'),
        decision: document.getElementById('playback-decision')?.parentElement?.innerText ?? '',
      }));
      expect(seen.decision).toMatch(seen.waiting ? /Werkversie wordt gemaakt|Wordt omverpakt/ : /Werkversie gemaakt|Omverpakt/);
    }
    await recording.waitUntilPlayable();
    await expect(recording.decision()).not.toContainText(/wordt gemaakt|Wordt omverpakt/);
    if (kind === 'vfrRotated') {
      await expect(page.getByText(/beeld wordt rechtop gezet/)).toBeVisible();
    }
    await recording.backToFamily();
  }
  await expect(page.getByRole('list', { name: 'Opnamen', exact: true }).getByRole('listitem')).toHaveCount(4);

  // Frame-exact stepping on the phone clip (30 fps): every step lands on the intended frame.
  await page.getByRole('list', { name: 'Opnamen', exact: true }).getByRole('link').first().click();
  await recording.waitUntilPlayable();
  await recording.waitForBackgroundVersion();
  for (let step = 1; step <= 5; step += 1) {
    await page.keyboard.press('ArrowRight');
    await expect(recording.frameNumber()).toHaveText(`Beeld ${step}`);
    await recording.expectPresentedFrame(step, 30);
  }
  await page.keyboard.press('ArrowLeft');
  await expect(recording.frameNumber()).toHaveText('Beeld 4');
  await page.getByRole('button', { name: '1 seconde vooruit' }).click();
  await expect(page.getByTestId('timecode')).toHaveText(/00:00:01\.1/);

  // Thumbnails on hover over the progress bar.
  await expect(async () => {
    await page.reload();
    await recording.waitUntilPlayable();
    const bar = page.getByRole('slider', { name: 'Tijdlijn van de opname' });
    await bar.scrollIntoViewIfNeeded();
    const box = (await bar.boundingBox())!;
    await bar.hover({ position: { x: box.width / 3, y: box.height / 2 } });
    await bar.hover({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect(page.getByTestId('scrub-preview').locator('.scrubber-thumb')).toBeVisible({ timeout: 2000 });
    await page.screenshot({ path: artifactPath(testInfo, 'video-scrub-thumbnail.png') });
  }).toPass({ timeout: 30_000 });

  // The position is remembered per recording.
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(300);
  const before = await page.getByTestId('timecode').textContent();
  await page.reload();
  await recording.waitUntilPlayable();
  await expect(page.getByTestId('timecode')).toHaveText(before!);
});
