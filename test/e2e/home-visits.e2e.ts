import { artifactPath, expect, test } from './fixtures';
import { openApp, RaterPickerPage } from './pages/app-page';
import { VisitsSection } from './pages/visits-section';
import { seedTeamStory } from './team-story';

// The team story's first family (OB-26-001): referred on 2026-02-01, a mother, one visit on
// 2026-03-01 with its recordings. Its begeleiding gets a start here, so a visit added without a
// phase has one to take.
const story = (db: Parameters<typeof seedTeamStory>[0]) => {
  seedTeamStory(db);
  db.prepare(`INSERT INTO family_phases (family_id, phase, started_on, recorded_at) VALUES (1, 'begeleiding', '2026-02-20', '2026-06-01T10:00:00.000Z')`).run();
};

const fitsSideways = (page: import('@playwright/test').Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('a begeleider logs two home visits with duration, who was there, the activity and the answers; they survive a reload; bad input is refused in Dutch', async ({ page, host }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const url = await host.reseed(story);
  await openApp(page, url);
  await new RaterPickerPage(page).pick('Bram Jansen');
  await page.evaluate(() => (window.location.hash = '#/families/1'));
  const visits = new VisitsSection(page);
  await expect(visits.items()).toHaveCount(1);

  // The visit the recordings came from lists them, each a link to its recording page.
  const first = await visits.visit('2026-03-01');
  const recordings = first.getByRole('list', { name: 'Opnamen bij dit bezoek' });
  await expect(recordings.getByRole('link')).toHaveCount(4);
  await expect(recordings.getByRole('link', { name: '2026-02-10 — Spelen — Voormeting' })).toHaveAttribute('href', /#\/recordings\/\d+$/);

  // Two visits: one without a phase (it gets begeleiding, the family's phase on that date).
  await visits.add({ date: '2026-03-15', minutes: '75', activity: 'Voeden' });
  const second = await visits.visit('2026-03-15');
  await expect(second.getByLabel('Fase', { exact: true })).toHaveValue('begeleiding');
  await expect(second.getByLabel('Duur (minuten)')).toHaveValue('75');
  await visits.check(second, 'moeder');
  await visits.fill(second, 'Verder aanwezig', 'oma, tolk');
  await visits.fill(second, 'Toelichting bij de activiteit', 'fles op schoot');
  await visits.fill(second, 'Wat ging er goed in dit bezoek?', 'Moeder volgde het tempo van de baby.');
  await visits.fill(second, 'Wat neemt de ouder mee naar de komende week?', 'Even wachten voor ze de fles geeft.');

  await visits.add({ date: '2026-03-29', phase: 'Begeleiding', minutes: '60' });
  const third = await visits.visit('2026-03-29');
  await third.getByLabel('Gefilmde activiteit').selectOption({ label: 'Bad' });
  await expect(visits.status(third.getByLabel('Gefilmde activiteit'))).toHaveText('Opgeslagen');
  await visits.fill(third, 'Duur (minuten)', '50');
  await visits.fill(third, 'Hoe was het contact met de ouder, en tussen ouder en baby?', 'Open, vader was er ook even.');
  await expect(visits.items()).toHaveCount(3);
  await page.screenshot({ path: artifactPath(testInfo, 'home-visits-1280.png'), fullPage: true });
  expect(await fitsSideways(page), 'the family page scrolls sideways at 1280×720').toBe(true);

  // Bad input: a duration past 600 minutes says so in Dutch and keeps the saved value.
  const duration = third.getByLabel('Duur (minuten)');
  await duration.fill('601');
  await duration.blur();
  await expect(visits.status(duration)).toContainText('Een huisbezoek duurt hooguit 600 minuten.');
  // A visit before the aanmelding is refused where it is typed, and nothing is added.
  await visits.add({ date: '2026-01-20' });
  await expect(page.getByRole('form', { name: 'Huisbezoek toevoegen' }).locator('xpath=following-sibling::p[@role="alert"][1]')).toContainText(
    'Een huisbezoek op 2026-01-20 ligt vóór de aanmelding (2026-02-01)',
  );
  await expect(visits.items()).toHaveCount(3);

  // Everything is there after a reload (the 601 was never saved).
  await page.reload();
  const again = await visits.visit('2026-03-15');
  await expect(again.getByLabel('Duur (minuten)')).toHaveValue('75');
  await expect(again.getByRole('checkbox', { name: 'moeder', exact: true })).toBeChecked();
  await expect(again.getByLabel('Verder aanwezig', { exact: true })).toHaveValue('oma, tolk');
  await expect(again.getByLabel('Gefilmde activiteit')).toHaveValue('voeden');
  await expect(again.getByLabel('Toelichting bij de activiteit')).toHaveValue('fles op schoot');
  await expect(again.getByLabel('Wat ging er goed in dit bezoek?')).toHaveValue('Moeder volgde het tempo van de baby.');
  await expect(again.getByLabel('Wat neemt de ouder mee naar de komende week?')).toHaveValue('Even wachten voor ze de fles geeft.');
  const later = await visits.visit('2026-03-29');
  await expect(later.getByLabel('Duur (minuten)')).toHaveValue('50');
  await expect(later.getByLabel('Gefilmde activiteit')).toHaveValue('bad');
  await expect(later.getByRole('checkbox', { name: 'moeder', exact: true })).not.toBeChecked();
  await expect(later.getByLabel('Hoe was het contact met de ouder, en tussen ouder en baby?')).toHaveValue('Open, vader was er ook even.');
  await expect(later.getByRole('list', { name: 'Opnamen bij dit bezoek' })).toHaveCount(0);
  await expect(later.getByText('Nog geen opnamen bij dit bezoek.')).toBeVisible();
  // Only a coordinator manages the questions.
  await expect(visits.questionEditor()).toHaveCount(0);

  await page.setViewportSize({ width: 1440, height: 900 });
  expect(await fitsSideways(page), 'the family page scrolls sideways at 1440 px').toBe(true);

  // In English, the same visit.
  await page.getByLabel('Taal').selectOption('en');
  const english = page.getByRole('list', { name: 'Home visits' }).locator(':scope > li').filter({ has: page.getByRole('group', { name: 'Home visit of 2026-03-29' }) }).getByRole('group', { name: 'Home visit of 2026-03-29' });
  await expect(english.getByLabel('Duration (minutes)')).toHaveValue('50');
  await expect(english.getByRole('group', { name: 'Present' })).toBeVisible();
  await expect(english.getByLabel('Activity filmed')).toHaveValue('bad');
});

test('a coordinator adds a question and archives one; the visits show the list as it is, old answers keep their question', async ({ page, host }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const url = await host.reseed(story);
  await openApp(page, url);
  await new RaterPickerPage(page).pick('Anna de Vries');
  await page.evaluate(() => (window.location.hash = '#/families/1'));
  const visits = new VisitsSection(page);
  const visit = await visits.visit('2026-03-01');
  await visits.fill(visit, 'Naar welke fragmenten hebben we samen gekeken, en wat zag de ouder zelf?', 'Het badmoment.');

  const editor = visits.questionEditor();
  await editor.locator('summary').click();
  const list = editor.getByRole('list', { name: 'Vragen bij elk huisbezoek beheren' });
  await expect(list.getByRole('textbox')).toHaveCount(5);
  await editor.getByRole('button', { name: 'Vraag toevoegen' }).click();
  await expect(list.getByRole('textbox', { name: 'Vraag 6', exact: true })).toBeFocused();
  await list.getByRole('textbox', { name: 'Vraag 6', exact: true }).fill('Welke afspraak maakten we?');
  await list.getByRole('textbox', { name: 'Vraag 6', exact: true }).blur();
  await expect(editor.getByRole('status').filter({ hasText: 'Opgeslagen' })).toBeVisible();
  await editor.getByRole('button', { name: 'Archiveer vraag 2' }).click();
  await expect(list.getByRole('textbox')).toHaveCount(5);
  await expect(editor.getByRole('list', { name: 'Gearchiveerde vragen' })).toContainText('Naar welke fragmenten hebben we samen gekeken');
  // Reorder: the new question to the top.
  await editor.getByRole('button', { name: 'Vraag 5 omhoog' }).click();
  await expect(list.getByRole('textbox', { name: 'Vraag 4', exact: true })).toHaveValue('Welke afspraak maakten we?');
  await expect(editor.getByRole('status').filter({ hasText: 'Opgeslagen' })).toBeVisible();

  // The visit now asks the new question, and keeps the answer to the archived one, marked so.
  await expect(visit.getByLabel('Welke afspraak maakten we?')).toBeVisible();
  await expect(visit.getByLabel('Naar welke fragmenten hebben we samen gekeken, en wat zag de ouder zelf? (gearchiveerde vraag)')).toHaveValue('Het badmoment.');

  await page.reload();
  const reloaded = await visits.visit('2026-03-01');
  // Date, others present, activity note, notes; five questions and the archived one with its answer.
  await expect(reloaded.getByRole('textbox')).toHaveCount(4 + 6);
  await expect(reloaded.getByLabel('Welke afspraak maakten we?')).toHaveValue('');
  await editor.locator('summary').click();
  await expect(list.getByRole('textbox', { name: 'Vraag 4', exact: true })).toHaveValue('Welke afspraak maakten we?');
  await expect(list.getByRole('textbox', { name: 'Vraag 5', exact: true })).toHaveValue('Waar let ik op bij het volgende bezoek?');
  expect(await fitsSideways(page), 'the family page scrolls sideways at 1280×720').toBe(true);

  // Brought back from the archive, with its answer.
  await editor.getByRole('button', { name: /^Haal terug: Naar welke fragmenten/ }).click();
  await expect(editor.getByRole('list', { name: 'Gearchiveerde vragen' })).toHaveCount(0);
  await expect(reloaded.getByLabel('Naar welke fragmenten hebben we samen gekeken, en wat zag de ouder zelf?', { exact: true })).toHaveValue('Het badmoment.');
});
