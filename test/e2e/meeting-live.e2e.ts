import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { connect as netConnect } from 'node:net';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { makeClip } from '../fixtures/clips';
import { peerCertificate } from '../fixtures/peer-certificate';
import { insertFamily, insertRater, insertRecording } from '../fixtures/seed-db';
import { AppHost } from './app-host';
import { chromiumExecutable } from './chromium';
import { artifactPath, expect, test } from './fixtures';
import { E2E_PIN, openApp, RaterPickerPage } from './pages/app-page';
import { DevicePage, ProjectorPage } from './pages/meeting-live-pages';
import { MeetingPage, RoundsPages } from './pages/scoring-pages';

// The monthly intervisie as it happens in a room: the coordinator's laptop on the projector (this
// computer's own 127.0.0.1 host), four raters on their phones reaching the meeting's HTTPS listener
// on a second loopback address that stands in for the room's Wi-Fi.

const LAN = '127.0.0.2';
const ANNA = 'Anna de Vries';
const RATERS = ['Bram Jansen', 'Cora Smit', 'Daan Bakker', 'Eva Visser'];
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
/** Sensitivity, cooperation per rater for the mother: sensitivity spreads 3–8. */
const SCORES: Record<string, [number, number]> = { 'Bram Jansen': [3, 5], 'Cora Smit': [5, 5], 'Daan Bakker': [7, 6], 'Eva Visser': [8, 6] };

/** What Chromium pins (base64 SHA-256 of the public key), after checking the certificate is the one the projector shows. */
async function pinShownCertificate(origin: string, shownFingerprint: string): Promise<string> {
  const certificate = await peerCertificate(origin);
  expect(certificate.fingerprint256.replace(/:/g, '')).toBe(shownFingerprint.replace(/\s/g, ''));
  return createHash('sha256').update(certificate.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

function refusesConnections(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

test('four raters score from their phones while the clip plays on the projector; submissions and the reveal reach every device; a cited fragment plays on the projector; stopping closes the listener', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const clip = await makeClip({ durationS: 20, width: 640, height: 360, fps: 25, vcodec: 'h264', acodec: 'aac', container: 'mp4' });
  const host = new AppHost(undefined, ['--meeting-address', LAN, '--meeting-port', '0']);
  let phones: Browser | null = null;
  try {
    await host.start();
    const url = await host.reseed((db) => {
      insertRater(db, ANNA, 'AV', 'coordinator');
      RATERS.forEach((name) => insertRater(db, name, name.split(' ').map((part) => part[0]).join(''), 'rater'));
      const family = insertFamily(db, 'OB-26-007', [{ role: 'moeder', label: 'moeder (M.)' }]);
      const mother = family.caregivers['moeder (M.)']!;
      const video = { dataDir: host.dataDir, file: clip };
      insertRecording(db, family, { caregiverIds: [mother], moment: 'voormeting', activity: 'spelen', durationMs: 20_000, video });
      insertRecording(db, family, { caregiverIds: [mother], moment: 'nameting', activity: 'voeden', recordedOn: '2026-09-14', durationMs: 20_000, video });
    });

    // The projector: the coordinator makes a round that is blind to the moment and opens its meeting.
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page, url);
    await new RaterPickerPage(page).pick(ANNA);
    const rounds = new RoundsPages(page);
    await rounds.create({ name: 'Intervisie december', date: '2026-12-03', recordings: [/^OB-26-007 #\d+ · 2026-03-01/, /^OB-26-007 #\d+ · 2026-09-14/], raters: RATERS, revealRule: 'coordinator', blindMoment: true });
    await page.getByRole('link', { name: 'Intervisie openen' }).click();
    await expect(page.getByRole('heading', { name: 'Intervisie: Intervisie december', level: 1 })).toBeVisible();
    const projector = new ProjectorPage(page);
    const { code, joinUrl, fingerprint } = await projector.start(LAN);
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);
    expect(joinUrl).toMatch(new RegExp(`^https://127\\.0\\.0\\.2:\\d+/#/join/${code.replace('-', '')}$`));
    const origin = new URL(joinUrl).origin;
    const spki = await pinShownCertificate(origin, fingerprint);

    // Four phones, in a browser that trusts exactly this meeting's certificate (as after checking the fingerprint).
    phones = await chromium.launch({ executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${spki}`] });
    const contexts: BrowserContext[] = [];
    const devices = new Map<string, DevicePage>();
    for (const name of RATERS) {
      // One small phone among them: the card must work at 360 px too.
      const width = name === 'Eva Visser' ? 360 : 390;
      const context = await phones.newContext({ viewport: { width, height: 800 }, isMobile: true, hasTouch: true, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
      contexts.push(context);
      const device = new DevicePage(await context.newPage());
      await device.page.goto(joinUrl);
      await device.join(name, E2E_PIN);
      devices.set(name, device);
    }
    // Nothing of the library before admission either: a waiting phone sees its waiting screen only.
    await expect(projector.devices().getByRole('row')).toHaveCount(1 + RATERS.length);
    for (const name of RATERS) await projector.admit(name);
    await expect(projector.panel()).toContainText(`Code ${code} · 4 van 4 apparaten doen mee`);
    await expect(projector.panel().getByRole('img', { name: /^QR-code/ })).toHaveCount(0);
    for (const device of devices.values()) await expect(device.page.getByRole('heading', { name: 'Agenda' })).toBeVisible();

    // The projector puts the second clip up: every phone opens its score card at once.
    const agendaLabels = await page.getByRole('region', { name: 'Agenda' }).getByRole('listitem').evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
    const second = agendaLabels[1]!;
    // Blind to the moment: the room sees neutral codes, never family, date or moment, until the reveal.
    expect(agendaLabels.every((label) => /^Clip [A-Z] · /.test(label))).toBe(true);
    await page.getByRole('button', { name: `Op de projector: ${second}` }).click();
    await expect(projector.stage()).toHaveAccessibleName(`Opname op de projector: ${second}`);
    await expect(projector.video()).toHaveJSProperty('readyState', 4, { timeout: 20_000 });
    await page.screenshot({ path: artifactPath(testInfo, 'meeting-projector-clip.png') });

    for (const [name, device] of devices) {
      await expect(device.card()).toBeVisible();
      await expect(device.page.getByText('Nu op de projector').first()).toBeVisible();
      const [sensitivity, cooperation] = SCORES[name]!;
      await device.tapScore('Sensitiviteit', 'moeder (M.)', sensitivity);
      await device.tapScore('Coöperatie', 'moeder (M.)', cooperation);
      if (name === 'Bram Jansen') {
        await device.card().getByLabel('Onderbouwing Sensitiviteit, moeder (M.)').fill('Moeder kijkt weg bij het huilen [00:05]');
        await device.card().getByLabel('Onderbouwing Sensitiviteit, moeder (M.)').blur();
      }
      await device.submit();
      // Live on the projector: the name, never the value.
      await expect(projector.agendaItem(second)).toContainText(name.split(' ')[0]!);
    }
    const phone = devices.get('Bram Jansen')!;
    await expect(phone.page.getByText('Blind: de scores van anderen ziet u pas na het onthullen.')).toBeVisible();
    for (const device of devices.values()) {
      const text = await device.page.locator('body').innerText();
      expect(text).not.toMatch(/OB-26-007|2026-03-01|2026-09-14|Voormeting|Nameting/);
    }
    // The card fits a phone: no sideways scrolling at 390 or 360 px.
    for (const device of devices.values()) {
      expect(await device.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    }
    // Back on the agenda a phone sees who has submitted: names, never values.
    const eva = devices.get('Eva Visser')!;
    await eva.page.getByRole('button', { name: 'Terug naar de agenda' }).tap();
    await expect(eva.page.getByRole('button', { name: `Scoren: ${second}` })).toContainText('Ingediend door Bram Jansen, Cora Smit, Daan Bakker, Eva Visser');
    await phone.page.screenshot({ path: artifactPath(testInfo, 'meeting-phone-card.png'), fullPage: true });

    // Outside the allow-list a joined phone gets nothing: no library, no other family, no video bytes.
    const refused = await phone.page.evaluate(async () => {
      const call = async (method: string, input: unknown) =>
        (await (await fetch('/api/call', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ method, input }) })).json()) as { ok: boolean; error?: { code: string } };
      return {
        families: await call('families.list', {}),
        recording: await call('recordings.get', { id: 1 }),
        practice: await call('scoring.sheet', { recordingId: 1, roundId: null }),
        media: (await fetch('/media/1')).status,
        upload: (await fetch('/api/upload', { method: 'POST' })).status,
      };
    });
    expect(refused.families.ok).toBe(false);
    expect(refused.recording.ok).toBe(false);
    expect(refused.practice.ok).toBe(false);
    expect(refused.media).toBe(404);
    expect(refused.upload).toBe(404);

    // The first clip too, then the reveal: it reaches every phone.
    await page.getByRole('button', { name: `Op de projector: ${agendaLabels[0]!}` }).click();
    for (const [name, device] of devices) {
      await expect(device.card()).toBeVisible();
      const cooperation = SCORES[name]![1];
      await device.tapScore('Sensitiviteit', 'moeder (M.)', 5);
      await device.tapScore('Coöperatie', 'moeder (M.)', cooperation);
      await device.submit();
    }
    await page.getByRole('button', { name: 'Onthullen' }).click();
    for (const device of devices.values()) {
      await expect(device.page.getByRole('heading', { name: 'Na het onthullen' })).toBeVisible();
      await expect(device.page.getByRole('article').first().getByRole('row', { name: /Eva Visser/ })).toBeVisible();
    }
    await expect(devices.get('Cora Smit')!.page.getByRole('article').first()).toContainText('verschil 5');

    // The disputed item first on the projector; Bram's cited moment plays on the projector in one click.
    const meeting = new MeetingPage(page);
    const top = meeting.items().first().getByRole('article');
    await expect(top).toContainText('Sensitiviteit');
    await top.getByText('Onderbouwingen', { exact: true }).click();
    await top.getByRole('button', { name: /00:05/ }).click();
    // It played from the cited moment on (what has been played, so a slow machine that reaches the end still counts).
    await expect
      .poll(
        async () =>
          projector.video().evaluate((video: HTMLVideoElement) =>
            Array.from({ length: video.played.length }, (_, i) => [video.played.start(i), video.played.end(i)]).some(([start, end]) => start! >= 4.5 && start! <= 5.5 && end! > 5.2),
          ),
        { timeout: 20_000 },
      )
      .toBe(true);

    // Consensus as today, from the projector.
    const title = (await top.getAttribute('aria-label'))!;
    const consensus = top.getByRole('form', { name: `Consensusscore ${title}` });
    await consensus.getByRole('radio', { name: /^6 / }).click();
    await consensus.getByRole('button', { name: 'Consensus vastleggen' }).click();
    await expect(top.getByText(/^Consensus 6, vastgelegd door Anna de Vries/)).toBeVisible();
    await expect(devices.get('Daan Bakker')!.page.getByText('Consensus: 6')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.screenshot({ path: artifactPath(testInfo, 'meeting-projector.png') });

    // Stop: the listener is gone and every phone is signed out.
    const port = Number(new URL(origin).port);
    await projector.stop();
    expect(await refusesConnections(LAN, port)).toBe(true);
    await expect(phone.page.getByText(/De intervisie is niet meer bereikbaar/)).toBeVisible({ timeout: 30_000 });
    for (const context of contexts) await context.close();

    // The access log has every join, admission and the stop.
    await host.stop();
    const log = new Database(join(host.dataDir, 'afstemming.sqlite'), { readonly: true });
    const actions = log.prepare("SELECT action, COUNT(*) AS n FROM access_log WHERE action LIKE 'meeting.%' GROUP BY action").all() as { action: string; n: number }[];
    log.close();
    const count = (action: string) => actions.find((row) => row.action === action)?.n ?? 0;
    expect(count('meeting.start')).toBe(1);
    expect(count('meeting.join_request')).toBe(RATERS.length);
    expect(count('meeting.admit')).toBe(RATERS.length);
    expect(count('meeting.stop')).toBe(1);
  } finally {
    await phones?.close();
    await host.dispose();
  }
});
