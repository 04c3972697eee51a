import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/api/envelope';
import type { ExportedFile, FragmentList } from '../../shared/domain/fragments';
import { fragmentWorld, type FragmentWorld } from './support/fragment-world';
import { describeInput, fuzzSeed, HOSTILE_STRINGS, notDutch, randomString, reproduce, Rng, subSeed } from './support/fuzz';
import { seedRecording } from './support/seed';
import { startTestBackend, type TestBackend } from './support/temp-backend';

/*
 * The exporters with hostile cell text (there is no XLSX importer: XLSX is export-only). Notes and
 * answers full of formula starts, separators, quotes, control and RTL characters must come out of
 * CSV with the formula guard, out of XLSX as plain text cells (never a formula), and out of ELAN
 * so that the app reads its own file back to the same text.
 */

const FILE = 'test/integration/fuzz-exports.test.ts';
const SEED = fuzzSeed();
const NOTES = Number(process.env['FUZZ_RUNS'] ?? 40);
const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r', '=cmd|', "=HYPERLINK(\"http://x\",\"y\")", '+SUM(1,1)', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1', ' =1+1'];

let t: TestBackend;
let w: FragmentWorld;
let target: number;
beforeAll(async () => {
  t = startTestBackend();
  w = await fragmentWorld(t);
  target = seedRecording(t.backend, { familyId: w.familyId, caregiverIds: [w.moederId, w.vaderId], durationMs: 900_000 });
});
afterAll(() => t?.close());

/** Mostly text a note may hold; now and then a control character, which must be refused in Dutch. */
function hostileNote(rng: Rng): string {
  const text = anyHostileText(rng);
  // eslint-disable-next-line no-control-regex -- removing NUL is the point
  return rng.chance(0.85) ? text.replace(/\u0000/g, '') : text;
}

function anyHostileText(rng: Rng): string {
  switch (rng.int(0, 3)) {
    case 0:
      return rng.pick(FORMULA_STARTS) + randomString(rng, 20);
    case 1:
      return rng.pick(HOSTILE_STRINGS.filter((s) => s.length <= 20_000));
    case 2:
      return `${randomString(rng, 10)}\n${rng.pick(FORMULA_STARTS)}${randomString(rng, 10)}`;
    default:
      return randomString(rng, 200);
  }
}

/** RFC 4180 as a spreadsheet reads it: quoted fields may hold separators, quotes and line breaks. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(field);
      field = '';
    } else if (char === '\n' || (char === '\r' && text[i + 1] === '\n')) {
      if (char === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** XML (XLSX) normalises a carriage return to a line feed; that is not the injection this test is about. */
const lineEnds = (text: string) => text.replace(/\r\n?/g, '\n');

describe(`fuzz: exports keep hostile text inert and the app reads its own ELAN back (seed ${SEED})`, () => {
  it(`${NOTES} hostile notes and answers through CSV, XLSX and ELAN`, async () => {
    const rng = new Rng(subSeed(SEED, 'exports'));
    const tagId = (await t.api.call('tags.list', {}))[0]!.id;
    const questionId = (await t.api.call('questions.list', {}))[0]!.id;
    const failures: string[] = [];
    const notes = new Map<number, string>();
    for (let i = 0; i < NOTES; i++) {
      const note = hostileNote(rng);
      const answer = hostileNote(rng);
      const input = { recordingId: w.recordingId, startMs: 1000 * (i + 1), endMs: 1000 * (i + 1) + 500, tagIds: [tagId], note, answers: [{ questionId, answer }] };
      const created = (await t.dispatch('fragments.create', input)) as Envelope<{ id: number; note: string }>;
      if (!created.ok) {
        if (created.error.code === 'internal') failures.push(`create ${describeInput(note)}: answered 'internal'`);
        const wrong = notDutch(created.error.message);
        if (wrong) failures.push(`create ${describeInput(note)}: ${wrong}`);
        continue;
      }
      notes.set(created.value.id, created.value.note);
    }
    expect(notes.size, 'most hostile notes are valid notes').toBeGreaterThan(NOTES / 2);

    const exported: Partial<Record<'csv' | 'csv_nl' | 'xlsx' | 'eaf', ExportedFile>> = {};
    for (const format of ['csv', 'csv_nl', 'xlsx', 'eaf'] as const) {
      const answer = (await t.dispatch('fragments.export', { recordingId: w.recordingId, format })) as Envelope<ExportedFile>;
      if (!answer.ok) failures.push(`export ${format}: ${answer.error.code} ${answer.error.message}`);
      else exported[format] = answer.value;
    }

    // CSV: every text cell quoted, and a cell that a spreadsheet would run starts with an apostrophe.
    for (const format of ['csv', 'csv_nl'] as const) {
      const content = exported[format]?.content ?? '';
      for (const note of notes.values()) {
        const guarded = /^[=+\-@\t\r]/.test(note) ? `'${note}` : note;
        if (!content.includes(`"${guarded.replace(/"/g, '""')}"`)) failures.push(`${format}: note ${describeInput(note)} not written as guarded, quoted text`);
      }
      const separator = format === 'csv' ? ',' : ';';
      const risky = parseCsv(content.replace(/^\uFEFF/, ''), separator).flat().filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+([.,]\d+)?$/.test(cell));
      if (risky.length) failures.push(`${format}: cells a spreadsheet would run: ${describeInput(risky.slice(0, 3))}`);
    }

    // XLSX: notes are plain strings, never formulas, and come back as written.
    if (exported.xlsx) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(exported.xlsx.content, 'base64') as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Fragmenten')!;
      const headers = (sheet.getRow(1).values as unknown[]).map(String);
      const noteColumn = headers.indexOf('notitie');
      sheet.eachRow((row, index) => {
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) failures.push(`xlsx: row ${index} has a formula cell ${describeInput(cell.value)}`);
        });
      });
      const xlsxNotes = new Set<string>();
      sheet.eachRow((row, index) => {
        if (index > 1) xlsxNotes.add(lineEnds(String(row.getCell(noteColumn).value ?? '')));
      });
      for (const note of notes.values()) if (!xlsxNotes.has(lineEnds(note))) failures.push(`xlsx: note ${describeInput(note)} did not come back as written`);
    }

    // ELAN: the app reads its own export back, to the same notes.
    if (exported.eaf) {
      const imported = (await t.dispatch('fragments.importEaf', { recordingId: target, content: exported.eaf.content })) as Envelope<{ count: number }>;
      if (!imported.ok) failures.push(`eaf: the app refused its own export: ${imported.error.code} ${imported.error.message.slice(0, 300)}`);
      else {
        const list = (await t.api.call('fragments.list', { recordingId: target })) as FragmentList;
        const back = new Set(list.fragments.map((f) => f.note));
        for (const note of notes.values()) if (!back.has(note)) failures.push(`eaf: note ${describeInput(note)} did not come back as written`);
      }
    }
    expect(failures, reproduce(SEED, FILE)).toEqual([]);
  });
});
