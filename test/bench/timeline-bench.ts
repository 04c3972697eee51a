/**
 * Timeline benchmark (issue "Fragments", the UI side): a recording with 2,000 fragments by 6 raters,
 * opened in Chromium on the real recording page. Measured: how long one zoom or scroll step of the
 * timeline takes, from the wheel event to the frame after it is painted (state change, React
 * render and commit, style, layout, paint). Target: ≤ 50 ms.
 *
 * Printed: timeline_rerender_ms is the p95 over all 60 steps (20 zoom in, 20 scroll, 20 zoom out);
 * the medians and per-kind p95s are printed too. TIMELINE_BENCH_SCREENSHOTS=<dir> also saves
 * screenshots of the page.
 */
import { createReadStream, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { insertFragment, saveAnswers, setFragmentTags } from '../../electron/backend/features/fragments/fragment-repository';
import { startWebHost } from '../../electron/web/web-host';
import { msToFrame } from '../../shared/domain/frames';
import { chromiumExecutable } from '../e2e/chromium';
import { makeClip } from '../fixtures/clips';
import { seedFamily } from '../integration/support/seed';
import { createRater, startTestBackend, withCoordinator } from '../integration/support/temp-backend';
import { openSignedInPage } from './signed-in-page';

type Print = (name: string, value: number) => void;
const ROOT = resolve(import.meta.dirname, '../..');
const FRAGMENTS = 2000;
const RATERS = 6;
const STEPS = 20;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

/**
 * Runs in the page (as a string: tsx would wrap inner functions in a `__name` helper the page
 * lacks). Dispatches `steps` wheel events on the timeline, one at a time, and times each from the
 * event to the first timer after the next animation frame once the timeline has committed the new view.
 */
function wheelScript(kind: 'zoomIn' | 'zoomOut' | 'scroll', steps: number): string {
  const init =
    kind === 'zoomIn'
      ? '{ deltaY: -120, ctrlKey: true }'
      : kind === 'zoomOut'
        ? '{ deltaY: 120, ctrlKey: true }'
        : '{ deltaY: 240, shiftKey: true }';
  return `(async () => {
    const viewport = document.querySelector('.timeline-viewport');
    const section = document.querySelector('.timeline');
    const rect = viewport.getBoundingClientRect();
    const times = [];
    const commits = [];
    for (let i = 0; i < ${steps}; i += 1) {
      await new Promise((done) => setTimeout(done, 60));
      const before = section.getAttribute('data-view');
      const started = performance.now();
      const elapsed = await new Promise((done) => {
        const timeout = setTimeout(() => { observer.disconnect(); done(null); }, 2000);
        const observer = new MutationObserver(() => {
          if (section.getAttribute('data-view') === before) return;
          observer.disconnect();
          clearTimeout(timeout);
          commits.push(performance.now() - started);
          requestAnimationFrame(() => setTimeout(() => done(performance.now() - started), 0));
        });
        observer.observe(section, { attributes: true, attributeFilter: ['data-view'] });
        viewport.dispatchEvent(new WheelEvent('wheel', Object.assign({ bubbles: true, cancelable: true, clientX: rect.left + rect.width / 2, clientY: rect.top + 40 }, ${init})));
      });
      if (elapsed !== null) times.push(elapsed);
    }
    return { times, commits, rendered: Number(document.querySelector('.timeline-canvas').dataset.drawn) };
  })()`;
}

export async function runTimelineBench(print: Print): Promise<void> {
  const t = startTestBackend();
  try {
    const coordinator = await withCoordinator(t.api, 'Anna Bakker');
    const raters = [coordinator];
    for (let n = 1; n < RATERS; n++) raters.push(await createRater(t.api, { name: `Beoordelaar ${n}`, initials: `B${n}`, role: 'rater' }));
    const family = await seedFamily(t.api, 'OB-26-BENCH', [
      { role: 'moeder', label: 'moeder' },
      { role: 'vader', label: 'vader' },
    ]);

    // A real (small) video, imported as the app does, so the page has a working player.
    const clip = await makeClip({ durationS: 600, width: 160, height: 120, fps: 25 }, { timeoutMs: 600_000 });
    const upload = await t.backend.media.receiveUpload(createReadStream(clip), basename(clip), t.caller);
    if (!upload.ok) throw new Error(upload.error.message);
    const recording = await t.api.call('recordings.importUpload', {
      uploadId: upload.value.uploadId,
      familyId: family.id,
      visitId: family.visits[0]!.id,
      caregiverIds: family.caregivers.map((c) => c.id),
      activity: 'spelen',
      moment: 'voormeting',
      recordedOn: '2026-03-01',
    });
    await t.backend.services.jobs.whenIdle();

    // Seeded straight into the tables in one transaction: 2,000 API calls would time the seeding.
    const tags = await t.api.call('tags.list', {});
    const questions = await t.api.call('questions.list', {});
    const rate = { num: recording.fpsNum, den: recording.fpsDen };
    const durationMs = recording.durationMs;
    const db = t.backend.db;
    const now = new Date().toISOString();
    db.transaction(() => {
      for (let i = 0; i < FRAGMENTS; i++) {
        const startMs = Math.floor((i * (durationMs - 10_000)) / FRAGMENTS);
        const endMs = i % 7 === 0 ? startMs : Math.min(durationMs, startMs + 1500 + (i % 11) * 700);
        const id = insertFragment(
          db,
          {
            recordingId: recording.id,
            raterId: raters[i % RATERS]!.id,
            caregiverId: i % 5 === 0 ? null : family.caregivers[i % 2]!.id,
            startMs,
            endMs,
            startFrame: msToFrame(startMs, rate),
            endFrame: msToFrame(endMs, rate),
            note: i % 3 === 0 ? '' : `Fragment ${i}: moeder reageert op het signaal.`,
            forFeedback: i % 9 === 0,
            origin: 'app',
          },
          now,
        );
        setFragmentTags(db, id, [tags[i % tags.length]!.id, ...(i % 4 === 0 ? [tags[(i + 3) % tags.length]!.id] : [])]);
        if (i % 6 === 0) saveAnswers(db, id, [{ questionId: questions[0]!.id, answer: 'Een tevreden baby.' }]);
      }
    })();

    const host = await startWebHost({ backend: t.backend, staticDir: join(ROOT, 'renderer/dist') });
    const browser = await chromium.launch({
      executablePath: chromiumExecutable(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await openSignedInPage(page, host, coordinator.id);
      const loadStarted = performance.now();
      await page.goto(`${host.origin}/#/recordings/${recording.id}`);
      await page.waitForSelector('[data-player-ready="true"]', { timeout: 60_000 });
      await page.waitForFunction(`document.querySelectorAll('[id^="fragment-option-"]').length >= ${FRAGMENTS} && Number(document.querySelector('.timeline-canvas')?.dataset.drawn) > 0`, undefined, { timeout: 60_000 });
      print('page_with_2000_fragments_ready_ms', performance.now() - loadStarted);
      await page.waitForTimeout(1000);

      const shots = process.env.TIMELINE_BENCH_SCREENSHOTS;
      if (shots) {
        mkdirSync(shots, { recursive: true });
        await page.screenshot({ path: join(shots, 'timeline-whole-clip.png'), fullPage: true });
      }

      // One unmeasured round warms the JIT and the style caches, as a rater's first zoom would.
      await page.evaluate(wheelScript('zoomIn', 5));
      await page.evaluate(wheelScript('zoomOut', 8));

      const zoomIn = (await page.evaluate(wheelScript('zoomIn', STEPS))) as { times: number[]; commits: number[]; rendered: number };
      const scroll = (await page.evaluate(wheelScript('scroll', STEPS))) as { times: number[]; commits: number[]; rendered: number };
      const zoomOut = (await page.evaluate(wheelScript('zoomOut', STEPS))) as { times: number[]; commits: number[]; rendered: number };
      if (shots) {
        // A working zoom (about 40 s in view) with a fragment selected, as a rater would look at it.
        await page.keyboard.press('0');
        for (let i = 0; i < 4; i++) await page.keyboard.press('z');
        await page.keyboard.press(']');
        await page.keyboard.press(']');
        await page.waitForTimeout(400);
        await page.screenshot({ path: join(shots, 'recording-page-zoomed.png'), fullPage: true });
        await page.locator('section.fragments').screenshot({ path: join(shots, 'fragments-section.png') });
        await page.locator('section.timeline').screenshot({ path: join(shots, 'timeline-zoomed.png') });
        await page.keyboard.press('0');
        await page.waitForTimeout(200);
        await page.locator('section.timeline').screenshot({ path: join(shots, 'timeline-whole.png') });
      }
      const all = [...zoomIn.times, ...scroll.times, ...zoomOut.times];
      if (all.length < 3 * STEPS - 2) throw new Error(`only ${all.length} of ${3 * STEPS} steps changed the view`);

      print('timeline_rerender_ms', percentile(all, 0.95));
      print('timeline_rerender_median_ms', percentile(all, 0.5));
      print('timeline_zoom_p95_ms', percentile([...zoomIn.times, ...zoomOut.times], 0.95));
      print('timeline_scroll_p95_ms', percentile(scroll.times, 0.95));
      print('timeline_commit_p95_ms', percentile([...zoomIn.commits, ...scroll.commits, ...zoomOut.commits], 0.95));
      if (process.env.TIMELINE_BENCH_VERBOSE) console.log(JSON.stringify({ zoomIn, scroll, zoomOut }));
      print('timeline_blocks_rendered_zoomed_in', zoomIn.rendered);
      print('timeline_blocks_rendered_whole_clip', zoomOut.rendered);
    } finally {
      await browser.close();
      await host.close();
    }
  } finally {
    t.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runTimelineBench((name, value) => console.log(`${name}: ${Number.isInteger(value) ? value : value.toFixed(1)}`));
}
