import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fragment } from '../../shared/domain/fragments';
import { seedFamily, seedRecording } from './support/seed';
import { fragmentWorld, refused, type FragmentWorld } from './support/fragment-world';
import { startTestBackend, type TestBackend } from './support/temp-backend';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/eaf');
const fixture = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');

let t: TestBackend;
let w: FragmentWorld;
beforeEach(async () => {
  t = startTestBackend();
  w = await fragmentWorld(t);
});
afterEach(() => t.close());

const tagIds = async (...names: string[]) => {
  const tags = await t.api.call('tags.list', { includeArchived: true });
  return names.map((name) => tags.find((tag) => tag.name === name)!.id);
};
const list = async (recordingId: number) => (await t.api.call('fragments.list', { recordingId })).fragments;

/** A varied set of fragments: spans and a point, several tags, an archived tag, awkward notes, answers. */
async function markFragments(recordingId: number, moederId: number, vaderId: number): Promise<void> {
  const questions = await t.api.call('questions.list', {});
  const [sensitief, oog, troost, spel] = await tagIds('sensitieve reactie', 'oogcontact', 'troosten', 'plezier/spel');
  await t.api.call('fragments.create', {
    recordingId,
    startMs: 1001,
    endMs: 12_345,
    tagIds: [sensitief!, oog!],
    caregiverId: moederId,
    note: 'Moeder "kijkt", lacht;\r\nbaby reageert & kirt <3\tdan stil.',
    forFeedback: true,
    answers: [
      { questionId: questions[0]!.id, answer: 'Een blije baby.' },
      { questionId: questions[2]!.id, answer: '=Veilig' },
    ],
  });
  await t.api.call('fragments.create', { recordingId, startMs: 30_000, tagIds: [troost!], caregiverId: vaderId, note: '  spaties  ' });
  await t.api.call('fragments.create', { recordingId, startMs: 45_000, endMs: 61_000, tagIds: [spel!], caregiverId: null });
  // An old fragment with a tag that has since been archived.
  await t.api.call('tags.archive', { id: troost! });
}

const comparable = (fragments: Fragment[]) =>
  fragments.map((f) => ({
    startMs: f.startMs,
    endMs: f.endMs,
    startFrame: f.startFrame,
    endFrame: f.endFrame,
    tags: f.tags.map((tag) => tag.name),
    caregiverId: f.caregiverId,
    note: f.note,
    forFeedback: f.forFeedback,
    answers: f.answers,
    raterId: f.raterId,
  }));

describe('fragment exports through the API', () => {
  it('exports CSV (both dialects), XLSX and ELAN named by family code and date', async () => {
    await markFragments(w.recordingId, w.moederId, w.vaderId);
    const csv = await t.api.call('fragments.export', { recordingId: w.recordingId, format: 'csv' });
    expect(csv).toMatchObject({ fileName: 'OB-26-001_2026-03-01_fragmenten.csv', encoding: 'utf8', count: 3, mimeType: 'text/csv;charset=utf-8' });
    expect(csv.content.startsWith('\uFEFF"gezin",')).toBe(true);
    expect(csv.content).toContain(`"'=Veilig"`);
    expect(csv.content).toContain('"OB-26-001",');
    expect(csv.content).not.toMatch(/Anna|Bakker/); // rater names never, initials only

    const dutch = await t.api.call('fragments.export', { recordingId: w.recordingId, format: 'csv_nl' });
    expect(dutch.fileName).toBe('OB-26-001_2026-03-01_fragmenten.csv');
    expect(dutch.content.split('\r\n')[1]).toMatch(/^"OB-26-001";\d+;"2026-03-01";"spelen";"voormeting";29,970;\d+;"CT";1001;12345;11,344;"00:00:01,001";"00:00:12,345";30;/);

    const xlsx = await t.api.call('fragments.export', { recordingId: w.recordingId, format: 'xlsx' });
    expect(xlsx).toMatchObject({ fileName: 'OB-26-001_2026-03-01_fragmenten.xlsx', encoding: 'base64', count: 3 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.content, 'base64') as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Fragmenten')!.rowCount).toBe(4);

    const eaf = await t.api.call('fragments.export', { recordingId: w.recordingId, format: 'eaf' });
    expect(eaf).toMatchObject({ fileName: 'OB-26-001_2026-03-01_fragmenten.eaf', encoding: 'utf8', count: 3 });
    expect(eaf.content).toContain('TIER_ID="CT"');
    expect(eaf.content).not.toContain('seed.mp4'); // the original file name may hold a person's name

    const log = await t.api.call('accessLog.forFamily', { familyId: w.familyId });
    expect(log.filter((row) => row.action === 'fragment.export').map((row) => row.detail)).toEqual(
      expect.arrayContaining([`opname ${w.recordingId}: 3 fragmenten geëxporteerd (csv)`, `opname ${w.recordingId}: 3 fragmenten geëxporteerd (eaf)`]),
    );
  });

  it('exports only what the filters select', async () => {
    await markFragments(w.recordingId, w.moederId, w.vaderId);
    const file = await t.api.call('fragments.export', { recordingId: w.recordingId, format: 'csv', filters: { forFeedback: true } });
    expect(file.count).toBe(1);
  });
});

describe('ELAN round trip and import', () => {
  it('imports an exported .eaf into another recording unchanged: export → import → export gives the same file', async () => {
    await markFragments(w.recordingId, w.moederId, w.vaderId);
    const first = await t.api.call('fragments.export', { recordingId: w.recordingId, format: 'eaf' });

    // Another family, same roles in view, same frame rate.
    const other = await seedFamily(t.api, 'OB-26-002', [
      { role: 'moeder', label: 'moeder' },
      { role: 'vader', label: 'vader' },
    ]);
    const target = seedRecording(t.backend, { familyId: other.id, caregiverIds: other.caregivers.map((c) => c.id), fps: [30000, 1001] });
    const imported = await t.api.call('fragments.importEaf', { recordingId: target, content: first.content });
    expect(imported.count).toBe(3);
    expect(imported.fragments.every((f) => f.origin === 'eaf' && f.raterId === w.coordinator.id)).toBe(true);

    const roles = (familyCaregivers: { id: number; role: string }[]) => new Map(familyCaregivers.map((c) => [c.id, c.role]));
    const family = await t.api.call('families.get', { id: w.familyId });
    const source = comparable(await list(w.recordingId)).map((f) => ({ ...f, caregiverId: f.caregiverId === null ? null : roles(family.caregivers).get(f.caregiverId) }));
    const copy = comparable(await list(target)).map((f) => ({ ...f, caregiverId: f.caregiverId === null ? null : roles(other.caregivers).get(f.caregiverId) }));
    expect(copy).toEqual(source);

    const second = await t.api.call('fragments.export', { recordingId: target, format: 'eaf' });
    const body = (xml: string) => xml.replace(/DATE="[^"]*"/, '').replace(/OB-26-00\d/g, 'CODE');
    expect(body(second.content)).toBe(body(first.content));
  });

  it('recomputes frames for the frame rate of the target recording', async () => {
    await markFragments(w.recordingId, w.moederId, w.vaderId);
    const eaf = await t.api.call('fragments.export', { recordingId: w.recordingId, format: 'eaf' });
    const pal = seedRecording(t.backend, { familyId: w.familyId, caregiverIds: [w.moederId, w.vaderId], fps: [25, 1] });
    const { fragments } = await t.api.call('fragments.importEaf', { recordingId: pal, content: eaf.content });
    expect(fragments.map((f) => [f.startMs, f.startFrame, f.endMs, f.endFrame])).toEqual([
      [1001, 25, 12_345, 308],
      [30_000, 750, 30_000, 750],
      [45_000, 1125, 61_000, 1525],
    ]);
  });

  it('imports a file made by ELAN: tag names in any case, caregiver from the convention, other tiers reported', async () => {
    const result = await t.api.call('fragments.importEaf', { recordingId: w.recordingId, content: fixture('elan-made.eaf') });
    expect(result.tiers.filter((tier) => !tier.imported).map((tier) => tier.tierId)).toEqual(['AB twijfel', 'transcriptie', 'woorden']);
    expect(
      result.fragments.map((f) => ({ start: f.startMs, end: f.endMs, tags: f.tags.map((tag) => tag.name), caregiverId: f.caregiverId, note: f.note })),
    ).toEqual([
      { start: 1520, end: 3880, tags: ['oogcontact'], caregiverId: null, note: '' },
      { start: 6310, end: 12_455, tags: ['sensitieve reactie'], caregiverId: w.moederId, note: 'Moeder pakt de baby op zodra hij begint te huilen & praat zacht.' },
      { start: 14_000, end: 19_870, tags: ['gemist signaal'], caregiverId: null, note: '' },
    ]);
    const log = await t.api.call('accessLog.forFamily', { familyId: w.familyId });
    expect(log.some((row) => row.action === 'fragment.import' && row.detail === `opname ${w.recordingId}: 3 fragmenten ingelezen uit ELAN`)).toBe(true);
  });

  it('checks without writing on a dry run', async () => {
    const result = await t.api.call('fragments.importEaf', { recordingId: w.recordingId, content: fixture('elan-made.eaf'), dryRun: true });
    expect(result).toMatchObject({ dryRun: true, count: 3, fragments: [] });
    expect(await list(w.recordingId)).toEqual([]);
  });

  it('refuses hostile and wrong files with a Dutch message and imports nothing, not even part of a file', async () => {
    const existing = await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 0, tagIds: await tagIds('oogcontact') });
    const shortClip = seedRecording(t.backend, { familyId: w.familyId, caregiverIds: [w.moederId], durationMs: 10_000 });
    const good = fixture('elan-made.eaf');
    const cases: [number, string, string][] = [
      [w.recordingId, fixture('doctype-xxe.eaf'), 'DOCTYPE'],
      [w.recordingId, fixture('billion-laughs.eaf'), 'DOCTYPE'],
      [w.recordingId, fixture('unknown-slot.eaf'), 'verwijst naar een onbekend tijdvak (ts9)'],
      [w.recordingId, good.replace('<ANNOTATION_VALUE>gemist signaal', '<ANNOTATION_VALUE>onbekend label'), 'Onbekende labels: "onbekend label"'],
      [w.recordingId, good.replace('<ANNOTATION_VALUE>moeder<', '<ANNOTATION_VALUE>oma<'), 'Niet in beeld in deze opname: "oma"'],
      // The first two annotations fit in 10 s, the third does not: nothing is imported.
      [shortClip, good, 'valt buiten de opname, die 00:00:10.000 duurt'],
      [w.recordingId, good.slice(0, 2000), 'geen geldige XML'],
      [w.recordingId, good.replace('TIME_SLOT_ID="ts8" TIME_VALUE="19870"', 'TIME_SLOT_ID="ts8"'), 'tijdvak zonder tijd'],
      [w.recordingId, good.replace('TIME_SLOT_ID="ts3" TIME_VALUE="3880"', 'TIME_SLOT_ID="ts3" TIME_VALUE="1000"'), 'het einde ligt vóór het begin'],
    ];
    for (const [recordingId, content, message] of cases) {
      const error = await refused(t.api.call('fragments.importEaf', { recordingId, content }));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain(message);
    }
    const tooBig = await refused(t.api.call('fragments.importEaf', { recordingId: w.recordingId, content: 'x'.repeat(20 * 1024 * 1024 + 1) }));
    expect(tooBig.message).toContain('te groot (maximaal 20 MB)');
    expect((await list(w.recordingId)).map((f) => f.id)).toEqual([existing.id]);
    expect(await list(shortClip)).toEqual([]);
  });
});
