import Database from 'better-sqlite3';
import { join } from 'node:path';
import { insertFamily, insertRater, insertRecording } from '../fixtures/seed-db';
import type { AppHost } from './app-host';
import { artifactPath, expect, test } from './fixtures';
import { openApp, RaterPickerPage } from './pages/app-page';
import { RecordingPage } from './pages/recording-page';
import { switchRater } from './pages/scoring-pages';

const COORDINATOR = 'Anna de Vries';
const RATER = 'Chris Jansen';
/** As a phone names a file after the family, with a right-to-left override stored along (from before import stripped it). */
const STORED_NAME = 'VID_20260301_\u202EBakker_bad.mp4';
const SHOWN_NAME = 'VID_20260301_Bakker_bad.mp4';

/** The rows straight into the stopped host's database, then the host again on the same folder. */
async function seed(host: AppHost): Promise<string> {
  await host.stop();
  const db = new Database(join(host.dataDir, 'afstemming.sqlite'));
  try {
    db.pragma('foreign_keys = ON');
    db.transaction(() => {
      insertRater(db, COORDINATOR, 'AV', 'coordinator');
      insertRater(db, RATER, 'CJ', 'rater');
      const family = insertFamily(db, 'OB-26-001', [{ role: 'moeder', label: 'moeder (M.)' }]);
      insertRecording(db, family, { caregiverIds: [family.caregivers['moeder (M.)']!], activity: 'bad', originalName: STORED_NAME });
    })();
  } finally {
    db.close();
  }
  return host.start();
}

test("a rater's recording page never shows the original file name; a coordinator's does, without bidi controls", async ({ page, host }, testInfo) => {
  const url = await seed(host);
  // Every answer the back end sends this tab, to check what reached the browser, not only the screen.
  const answers: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('/api/call')) answers.push(response.text().catch(() => ''));
  });

  await openApp(page, url);
  await new RaterPickerPage(page).pick(COORDINATOR);
  const recording = new RecordingPage(page);
  await recording.openFromFamilies('OB-26-001', /Bad/);
  await expect(recording.details().getByText(/^Oorspronkelijke bestandsnaam:/)).toHaveText(`Oorspronkelijke bestandsnaam: ${SHOWN_NAME}`);
  await page.screenshot({ path: artifactPath(testInfo, 'recording-original-name-coordinator.png'), fullPage: true });

  await switchRater(page, RATER);
  answers.length = 0;
  await recording.openFromFamilies('OB-26-001', /Bad/);
  await expect(recording.details().getByLabel('Activiteit')).toHaveValue('bad');
  await expect(recording.details().getByText(/Oorspronkelijke bestandsnaam/)).toHaveCount(0);
  await expect(page.getByText(/Bakker|VID_2026/)).toHaveCount(0);
  await page.screenshot({ path: artifactPath(testInfo, 'recording-original-name-rater.png'), fullPage: true });
  const bodies = await Promise.all(answers);
  expect(bodies.some((body) => body.includes('"originalName":null'))).toBe(true);
  expect(bodies.filter((body) => /Bakker|VID_2026/.test(body))).toEqual([]);
});
