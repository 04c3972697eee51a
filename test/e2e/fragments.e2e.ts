import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { makeClip } from '../fixtures/clips';
import { expect, test } from './fixtures';
import { FragmentsPage, TagsPage } from './pages/fragments-page';
import { signedInFamilyWithVisit } from './pages/family-page';
import { RecordingPage } from './pages/recording-page';

test.describe.configure({ timeout: 300_000 });

/** FRAGMENTS_E2E_SHOTS=<dir> keeps screenshots of the finished page, to look at. */
async function keepScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.FRAGMENTS_E2E_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, name), fullPage: true });
}

/** A coordinator with a family, a home visit and one imported clip, on its recording page. */
async function openRecording(page: Page, url: string, clip: string): Promise<RecordingPage> {
  await signedInFamilyWithVisit(page, url, { phase: 'Begeleiding', notes: 'badmoment' });
  const recording = new RecordingPage(page);
  await recording.importFromFamilyPage({ file: clip });
  await recording.waitUntilPlayable();
  return recording;
}

test('with the keyboard alone a rater marks and tags ten moments while the clip plays, fixes two, flags three and gets the feedback reel', async ({ page, host }) => {
  // Long enough that ten marks fit while the import's background jobs (waveform, thumbnails, a seek-friendly
  // version: its keyframes are ten seconds apart) still share the two cores with the browser.
  const clip = await makeClip({ durationS: 40, width: 320, height: 240, fps: 25, vcodec: 'h264', acodec: 'aac', container: 'mp4' });
  await openRecording(page, host.url, clip);
  const fragments = new FragmentsPage(page);
  await expect(fragments.myFragments()).toHaveCount(0);

  // ---- From here on only the keyboard. Focus must not sit in a text field, or the keys would type.
  expect(await page.evaluate(() => document.activeElement?.closest('input, textarea, select') === null)).toBe(true);

  // Play, and mark ten moments while it plays: I … O, a tag key, Enter.
  await fragments.press('Space');
  await fragments.waitUntilPlayingPast(300);
  const tagKeys = ['1', '2', '3', '4', '5', '1', '2', '3', '4', '5'];
  for (let n = 0; n < 10; n++) {
    await fragments.press('i');
    await expect(fragments.markStatus()).toContainText('Nieuwe markering');
    // The rater watches the moment for a little while before marking its end.
    await page.waitForTimeout(350);
    await fragments.press('o', tagKeys[n]!);
    await fragments.press('Enter');
    await expect(fragments.myFragments()).toHaveCount(n + 1);
  }
  await fragments.press('k');
  // Ten spans in order, each with its tag; made while playing, so they lie at increasing times.
  const labels = await fragments.myFragments().evaluateAll((options) => options.map((o) => o.textContent ?? ''));
  expect(labels).toHaveLength(10);
  expect(labels[0]).toMatch(/^00:00:\d\d\.\d{3} – 00:00:\d\d\.\d{3} · contactinitiatief baby · CS$/);
  expect(labels[1]).toContain('sensitieve reactie');
  const starts = labels.map((label) => label.slice(0, 12));
  expect([...starts].sort()).toEqual(starts);
  expect(new Set(starts).size).toBe(10);

  // Fix one: the ninth ends three frames after its start (25 fps: 120 ms). The player steps the frames.
  await fragments.press('[');
  await expect(fragments.markStatus()).toContainText('Gekozen fragment');
  const editor = fragments.editor();
  await expect(editor.getByLabel('Begin')).toHaveValue(starts[8]!);
  await fragments.press('ArrowRight', 'ArrowRight', 'ArrowRight');
  await fragments.press('Shift+O');
  await expect(fragments.notice()).toContainText('Einde op');
  const startMs = toMs(starts[8]!);
  await expect(editor.getByLabel('Einde')).toHaveValue(toTimecode(startMs + 120));

  // Fix another: the fifth also shows eye contact (7), and loses its first tag (5 → coöperatie off, 7 stays).
  await fragments.press('[', '[', '[', '[');
  await expect(editor.getByLabel('Begin')).toHaveValue(starts[4]!);
  await fragments.press('7');
  await expect(editor.getByRole('checkbox', { name: 'oogcontact' })).toBeChecked();
  await fragments.press('5');
  await expect(editor.getByRole('checkbox', { name: 'coöperatie' })).not.toBeChecked();
  await expect(fragments.myFragments().nth(4)).toHaveAccessibleName(/· oogcontact · CS$/);

  // Undo and redo reach everything done in the session, removal too.
  await fragments.press('Delete');
  await expect(fragments.myFragments()).toHaveCount(9);
  await fragments.press('Control+z');
  await expect(fragments.myFragments()).toHaveCount(10);
  await fragments.press('Control+Shift+Z');
  await expect(fragments.myFragments()).toHaveCount(9);
  await fragments.press('Control+z');
  await expect(fragments.myFragments()).toHaveCount(10);
  await expect(fragments.myFragments().nth(4)).toHaveAccessibleName(/· oogcontact · CS$/);

  // Flag three for feedback: the first, second and third.
  await fragments.press('Escape');
  await fragments.press('[');
  await fragments.press('[', '[', '[', '[');
  await expect(editor.getByLabel('Begin')).toHaveValue(starts[0]!);
  await fragments.press('Shift+F');
  await expect(fragments.notice()).toHaveText('Gemarkeerd voor videofeedback.');
  await fragments.press(']', 'Shift+F');
  await expect(editor.getByRole('checkbox', { name: /voor videofeedback/ })).toBeChecked();
  await fragments.press(']', 'Shift+F');
  await expect(editor.getByRole('checkbox', { name: /voor videofeedback/ })).toBeChecked();
  await expect(fragments.section()).toContainText('De feedbackfilm bevat uw 3 fragmenten voor videofeedback.');
  await keepScreenshot(page, 'fragments-e2e-marked.png');

  // The feedback reel, reached with Tab and started with Enter; then its download link, the same way.
  await fragments.tabTo(fragments.reelButton());
  await fragments.press('Enter');
  const reel = fragments.videoList().getByRole('listitem').first();
  await expect(reel.getByRole('group', { name: /^Feedbackfilm/ })).toBeVisible();
  const download = reel.getByRole('link', { name: /^Feedbackfilm downloaden/ });
  await expect(download).toBeVisible({ timeout: 180_000 });
  await fragments.tabTo(download);
  const [file] = await Promise.all([page.waitForEvent('download'), fragments.press('Enter')]);
  expect(file.suggestedFilename()).toMatch(/feedbackfilm\.mp4$/);
  const saved = await file.path();
  expect(readFileSync(saved).subarray(4, 8).toString('latin1')).toBe('ftyp');

  // Everything was persisted at once: after a reload the same ten fragments, three flagged, the fixes kept.
  await page.reload();
  await expect(fragments.myFragments()).toHaveCount(10);
  const after = await fragments.myFragments().evaluateAll((options) => options.map((o) => o.textContent ?? ''));
  expect(after.filter((label) => label.includes('voor videofeedback'))).toHaveLength(3);
  expect(after[8]).toContain(`${starts[8]} – ${toTimecode(startMs + 120)}`);
  expect(after[4]).toMatch(/· oogcontact · CS$/);
  await page.getByLabel('Videofeedback', { exact: true }).selectOption({ label: 'Alleen voor videofeedback' });
  await expect(fragments.listRows()).toHaveCount(3);
  await keepScreenshot(page, 'fragments-e2e-reloaded.png');
});

test('a coordinator manages the tag set; the list filters, exports the four formats and reads ELAN back in, undoably', async ({ page, host }) => {
  const clip = await makeClip({ durationS: 4, width: 320, height: 240, fps: 25, vcodec: 'h264', acodec: 'aac', container: 'mp4' });
  await openRecording(page, host.url, clip);
  const fragments = new FragmentsPage(page);

  // Two quick moments with tag keys alone (a digit starts a moment at the playhead), then Enter.
  await fragments.press('8', 'Enter');
  await expect(fragments.myFragments()).toHaveCount(1);
  await fragments.press('Escape', 'Shift+ArrowRight', '2', '3', 'Enter');
  await expect(fragments.myFragments()).toHaveCount(2);
  await expect(fragments.myFragments().nth(1)).toHaveAccessibleName(/^00:00:01\.\d{3} \(moment\) · sensitieve reactie, gemist signaal · CS$/);

  // Dragging the moment's edge with the mouse turns it into a span that ends on a whole frame (25 fps: 40 ms).
  const canvas = fragments.timeline().locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const [viewStart, msPerPx] = (await fragments.timeline().getAttribute('data-view'))!.split(':').map(Number) as [number, number];
  const x = box.x + (1000 - viewStart) / msPerPx;
  const y = box.y + 20;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 40, y, { steps: 4 });
  await page.mouse.move(x + 0.45 * 1000 / msPerPx, y, { steps: 4 });
  await page.mouse.up();
  await expect(fragments.myFragments().nth(1)).toHaveAccessibleName(/^00:00:01\.000 – 00:00:01\.(\d{3}) ·/);
  const dragged = /– 00:00:01\.(\d{3})/.exec((await fragments.myFragments().nth(1).textContent())!)!;
  expect(Number(dragged[1]) % 40).toBe(0);
  expect(Number(dragged[1])).toBeGreaterThan(300);

  // The note saves as it is typed; Esc leaves the field, and Ctrl+Z takes the typing back as one step.
  const note = fragments.editor().getByLabel('Notitie');
  await note.fill('Moeder kijkt en lacht terug.');
  await expect(fragments.editor().getByRole('status').filter({ hasText: 'Opgeslagen' })).toBeVisible();
  await fragments.press('Escape', 'Control+z');
  await expect(note).toHaveValue('');
  await fragments.press('Control+Shift+Z');
  await expect(note).toHaveValue('Moeder kijkt en lacht terug.');

  // The coordinator adds a tag and archives "troosten": old fragments keep showing it.
  const tags = new TagsPage(page);
  await tags.goto();
  await tags.addTag('wiegen', 'De ouder wiegt de baby om te kalmeren.');
  await tags.archive('troosten');
  await page.getByLabel('Omschrijving van wiegen').fill('De ouder wiegt of schommelt de baby.');
  await expect(page.getByRole('row', { name: /wiegen/ }).getByRole('status').filter({ hasText: 'Opgeslagen' })).toBeVisible();
  await page.goBack();
  await expect(fragments.myFragments()).toHaveCount(2);
  await expect(fragments.myFragments().first()).toHaveAccessibleName(/troosten/);
  const palette = page.getByRole('group', { name: 'Markeren' });
  await expect(palette.getByRole('button', { name: /troosten/ })).toHaveCount(0);
  await expect(palette.getByRole('button', { name: /wiegen/ })).toBeVisible();

  // Filters narrow the list; the exports hold what the list shows.
  await page.getByLabel('Label', { exact: true }).selectOption({ label: 'gemist signaal' });
  await expect(fragments.listRows()).toHaveCount(1);
  const [csv] = await Promise.all([page.waitForEvent('download'), fragments.exportButton('CSV voor Excel (puntkomma)').click()]);
  const csvText = readFileSync(await csv.path(), 'utf8');
  expect(csvText).toContain(';');
  expect(csvText.trim().split(/\r?\n/)).toHaveLength(2);
  await page.getByRole('button', { name: 'Filters wissen' }).click();
  await expect(fragments.listRows()).toHaveCount(2);
  for (const format of ['CSV (komma)', 'Excel (XLSX)'] as const) {
    const [file] = await Promise.all([page.waitForEvent('download'), fragments.exportButton(format).click()]);
    expect(file.suggestedFilename()).toMatch(format === 'Excel (XLSX)' ? /\.xlsx$/ : /\.csv$/);
  }
  const [eaf] = await Promise.all([page.waitForEvent('download'), fragments.exportButton('ELAN (.eaf)').click()]);
  expect(eaf.suggestedFilename()).toMatch(/\.eaf$/);
  const eafPath = await eaf.path();

  // One fragment as a video of its own: ticked in the list, made as a job with progress, then downloadable.
  await fragments.list().getByRole('checkbox', { name: /^Kies het fragment van 00:00:01/ }).check();
  await page.getByRole('button', { name: 'Fragment als video (1 gekozen)' }).click();
  await expect(fragments.videoList().getByRole('link', { name: /^Video downloaden/ })).toBeVisible({ timeout: 120_000 });

  // The .eaf read back in: a dry run shows the tiers, the import adds two fragments, Ctrl+Z takes them away.
  await page.getByLabel('ELAN-bestand (.eaf)').setInputFiles({ name: 'terug.eaf', mimeType: 'text/xml', buffer: readFileSync(eafPath) });
  const preview = page.getByRole('group', { name: 'Controle van terug.eaf' });
  await expect(preview.getByRole('cell', { name: 'wordt ingelezen' }).first()).toBeVisible();
  await preview.getByRole('button', { name: '2 fragmenten inlezen' }).click();
  await expect(fragments.myFragments()).toHaveCount(4);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await fragments.press('Control+z');
  await expect(fragments.myFragments()).toHaveCount(2);
  await keepScreenshot(page, 'fragments-e2e-exports.png');
});

function toMs(timecode: string): number {
  const [h, m, s] = timecode.split(':');
  return Math.round((Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000);
}

function toTimecode(ms: number): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor((ms % 3_600_000) / 60_000))}:${pad(Math.floor((ms % 60_000) / 1000))}.${pad(ms % 1000, 3)}`;
}
