import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { accessActionName, actionsOfKind } from '../../shared/domain/access-actions';
import { insertFamily, insertRater, insertRecording } from '../fixtures/seed-db';
import { artifactPath, expect, test } from './fixtures';
import { AccessLogOverview } from './pages/access-log-overview';
import { openApp, RaterPickerPage } from './pages/app-page';
import { PrivacyPage } from './pages/privacy-page';
import { RecordingPage } from './pages/recording-page';

// The access log as a privacy officer reads it: one row per real look at a recording (not one per
// background refetch while the page stays open and things change elsewhere), Dutch action names,
// local time (Playwright runs in Europe/Amsterdam, the host stores UTC), filters that narrow the
// rows in the back end, and a CSV export for Dutch Excel.

const COORDINATOR = 'Anna de Vries';
const RATER = 'Bram Jansen';
const ZONE = 'Europe/Amsterdam';

/** One API call in a tab's own session, as the UI makes it. */
async function call<T = unknown>(page: Page, method: string, input: unknown): Promise<{ ok: boolean; value?: T; error?: { message: string } }> {
  return page.evaluate(
    async ([m, i]) => {
      const response = await fetch('/api/call', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ method: m, input: i }) });
      return response.json();
    },
    [method, input] as const,
  );
}

/** What Intl itself says the local hour, minute and second are in the zone (not the app's formatter). */
function localClock(iso: string): { text: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return { text: `${parts.hour}:${parts.minute}:${parts.second}`, hour: Number(parts.hour) };
}

function localDate(iso: string): { day: number; month: number; year: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, day: 'numeric', month: 'numeric', year: 'numeric' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return { day: Number(parts.day), month: Number(parts.month), year: Number(parts.year) };
}

const NL_MONTHS = ['jan.', 'feb.', 'mrt.', 'apr.', 'mei', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'];

test('one row per recording view while the page stays open, in Dutch and local time, filtered and exported', async ({ page, host, browser }, testInfo) => {
  test.setTimeout(120_000);
  const url = await host.reseed((db) => {
    insertRater(db, COORDINATOR, 'AV', 'coordinator');
    insertRater(db, RATER, 'BJ', 'rater');
    const first = insertFamily(db, 'OB-26-001', [{ role: 'moeder', label: 'moeder (M.)' }]);
    insertRecording(db, first, { caregiverIds: [first.caregivers['moeder (M.)']!], activity: 'spelen' });
    insertFamily(db, 'OB-26-002', [{ role: 'vader', label: 'vader (V.)' }]);
  });

  // Every call this tab makes, by method: which reads a change elsewhere makes it repeat.
  const calls: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/call')) calls.push(String(request.postDataJSON()?.method));
  });
  const count = (method: string) => calls.filter((m) => m === method).length;

  await openApp(page, url);
  await new RaterPickerPage(page).pick(COORDINATOR);
  const recording = new RecordingPage(page);
  await recording.openFromFamilies('OB-26-001', /Spelen/);
  const recordingId = Number(/#\/recordings\/(\d+)/.exec(page.url())![1]);
  await expect(page.getByRole('table', { name: 'Lijst van fragmenten' }).or(page.getByText('Nog geen fragmenten')).first()).toBeVisible();
  await expect.poll(() => count('recordings.get')).toBeGreaterThan(0);
  const readsAtOpen = count('recordings.get');

  // Meanwhile, in another browser (its own session), a colleague adds a fragment, renames a rater
  // and looks at the other family; the open page hears each change.
  const otherContext = await browser.newContext({ timezoneId: ZONE, locale: 'nl-NL' });
  try {
    const other = await otherContext.newPage();
    await openApp(other, await host.newLink());
    // The workstation remembers who was signed in last: the other window starts at the lock screen.
    await new RaterPickerPage(other).unlock(COORDINATOR);
    const tags = await call<{ id: number }[]>(other, 'tags.list', {});
    const made = await call(other, 'fragments.create', { recordingId, startMs: 1000, endMs: 2000, tagIds: [tags.value![0]!.id], note: 'uit het andere venster' });
    expect(made.ok).toBe(true);
    const raters = await call<{ id: number; name: string }[]>(other, 'raters.list', {});
    const bram = raters.value!.find((r) => r.name === RATER)!;
    expect((await call(other, 'raters.update', { id: bram.id, name: 'Bram J. Jansen' })).ok).toBe(true);
    const families = await call<{ id: number; code: string }[]>(other, 'families.list', {});
    const second = families.value!.find((f) => f.code === 'OB-26-002')!;
    expect((await call(other, 'families.get', { id: second.id })).ok).toBe(true);
    // A refused change to the first family (a code that is not one), for the outcome filter.
    const first = families.value!.find((f) => f.code === 'OB-26-001')!;
    expect((await call(other, 'families.update', { id: first.id, code: 'geen code' })).ok).toBe(false);

    // The open page shows the new fragment (it refetched the fragments) without rereading the recording.
    await expect(page.getByRole('table', { name: 'Lijst van fragmenten' })).toContainText('00:01.000–00:02.000');
    await page.waitForTimeout(500);
    expect(count('recordings.get'), 'a fragment or rater change elsewhere rereads the recording').toBe(readsAtOpen);

    // A change to the recording itself does reread it (a stale screen is a bug too) …
    expect((await call(other, 'recordings.update', { id: recordingId, notes: 'Aangepast in het andere venster.' })).ok).toBe(true);
    await expect(recording.details().getByLabel('Notities')).toHaveValue('Aangepast in het andere venster.');
    expect(count('recordings.get')).toBeGreaterThan(readsAtOpen);
  } finally {
    await otherContext.close();
  }

  // … and still the log holds one row for this look at the recording.
  const privacy = new PrivacyPage(page);
  await privacy.goto();
  const overview = new AccessLogOverview(page);
  await overview.show({ family: 'OB-26-001', kind: 'Bekijken' });
  const views = overview.rowsWithAction('Opname bekeken');
  await expect(views).toHaveCount(1);
  const view = views.first();
  await expect(view.getByRole('cell', { name: COORDINATOR })).toBeVisible();
  await expect(view).toContainText(`opname ${recordingId}`);

  // Local time: computed here from the stored UTC moment, in the same zone, and not the UTC hour.
  const stored = (await view.locator('time').getAttribute('datetime'))!;
  const clock = localClock(stored);
  expect(clock.hour).not.toBe(new Date(stored).getUTCHours());
  const date = localDate(stored);
  const expectedWhen = `${date.day} ${NL_MONTHS[date.month - 1]} ${date.year} ${clock.text}`;
  await expect(view.locator('time')).toHaveText(expectedWhen);
  await page.screenshot({ path: artifactPath(testInfo, 'access-log-views.png'), fullPage: true });

  // Every row shown is a view of the first family.
  expect(new Set(await overview.column(2))).toEqual(new Set(['OB-26-001']));
  const viewNames = actionsOfKind('view').map((action) => accessActionName(action, 'nl'));
  const shownViews = await overview.column(3);
  expect(shownViews).toEqual(expect.arrayContaining(['Opname bekeken', 'Gezin bekeken']));
  for (const action of shownViews) expect(viewNames).toContain(action);

  // Kind "Wijzigen": the fragment, the recording's notes and the refused code change; no views.
  await overview.show({ family: 'OB-26-001', kind: 'Wijzigen' });
  const changes = await overview.column(3);
  expect(changes).toEqual(expect.arrayContaining(['Fragment gemaakt', 'Opname gewijzigd', 'Gezin gewijzigd']));
  expect(changes).not.toContain('Opname bekeken');

  // Outcome "Geweigerd": only the refused change.
  await overview.show({ outcome: 'Geweigerd' });
  await expect(overview.rows()).toHaveCount(1);
  await expect(overview.rows().first()).toContainText('Gezin gewijzigd');
  await expect(overview.rows().first()).toContainText('Geweigerd');

  // The other family: only its own rows.
  await overview.show({ family: 'OB-26-002' });
  expect(new Set(await overview.column(2))).toEqual(new Set(['OB-26-002']));
  expect(await overview.column(3)).toContain('Gezin bekeken');
  await expect(overview.summary()).toHaveText(/^\d+ regels?\.$/);

  // The whole log, at a 1280×720 window: no sideways scroll.
  await page.setViewportSize({ width: 1280, height: 720 });
  await overview.show({});
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  await page.screenshot({ path: artifactPath(testInfo, 'access-log-1280.png'), fullPage: true });
  expect(fits, 'the privacy page scrolls sideways at 1280×720').toBe(true);

  // The CSV: Dutch Excel (BOM, semicolons), Dutch headers and names, the same local time.
  await overview.show({ family: 'OB-26-001', kind: 'Bekijken' });
  const download = await overview.exportCsv();
  expect(download.suggestedFilename()).toMatch(/^toegangslogboek-\d{4}-\d{2}-\d{2}\.csv$/);
  const file = readFileSync((await download.path())!, 'utf8');
  expect(file.startsWith('\uFEFF')).toBe(true);
  const [header, ...lines] = file.slice(1).trimEnd().split('\r\n');
  expect(header).toBe('"Tijdstip (Europe/Amsterdam)";"Wie";"Rol";"Via apparaat";"Gezin";"Handeling";"Soort handeling";"Uitkomst";"Details";"Code handeling";"Regelnummer"');
  const sheetWhen = `${String(date.day).padStart(2, '0')}-${String(date.month).padStart(2, '0')}-${date.year} ${clock.text}`;
  const recordingLines = lines.filter((line) => line.includes('"Opname bekeken"'));
  expect(recordingLines).toHaveLength(1);
  expect(recordingLines[0]).toContain(`"${sheetWhen}";"${COORDINATOR}";"coördinator";"";"OB-26-001";"Opname bekeken";"bekijken";"toegestaan"`);
  expect(lines.every((line) => line.includes('"OB-26-001"') && line.includes('"bekijken"'))).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: /^toegangslogboek-.*\.csv gemaakt/ })).toBeVisible();

  // The export is itself in the log.
  await overview.show({ kind: 'Exporteren' });
  await expect(overview.rowsWithAction('Toegangslogboek geëxporteerd (CSV)')).toHaveCount(1);
});
