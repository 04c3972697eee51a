import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/envelope';
import type { ExportFile } from '../../shared/domain/trends';
import { seedHandbookStory, type HandbookStory } from '../fixtures/trends-seed';
import { startTestBackend, type TestBackend, signInAs } from './support/temp-backend';

let t: TestBackend;
let story: HandbookStory;
beforeEach(async () => {
  t = startTestBackend();
  story = seedHandbookStory(t.backend.db);
  await signInAs(t.api, story.coordinatorId);
});
afterEach(() => t.close());

const scratch = mkdtempSync(join(tmpdir(), 'afstemming-trends-export-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The score columns in Dutch, the default language (export-headers.ts). */
const HEADER = [
  'gezinscode',
  'ouder_id',
  'rol_ouder',
  'opname_id',
  'opnamedatum',
  'leeftijd_baby_maanden',
  'meetmoment',
  'activiteit',
  'fase_bezoek',
  'schaal',
  'beoordelaar',
  'ronde_id',
  'blind',
  'score',
  'consensus',
];
/** Words that must never leave the app: a caregiver label that looks like a name, and raters' names. */
const NAMES = ['Marieke', 'vader (B.)', 'Anna', 'Bram', 'Jansen', 'Cora', 'Smit', 'Daan', 'Bakker'];
const bytesOf = (file: ExportFile) => Buffer.from(file.base64, 'base64');
const hasTool = (command: string) => spawnSync(command, ['-v'], { encoding: 'utf8' }).error === undefined;
const today = /\d{4}-\d{2}-\d{2}/;

function save(file: ExportFile): string {
  const path = join(scratch, file.fileName);
  writeFileSync(path, bytesOf(file));
  return path;
}

function pdfText(file: ExportFile): string | null {
  if (!hasTool('pdftotext')) return null;
  const result = spawnSync('pdftotext', ['-layout', save(file), '-'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout : null;
}

describe('CSV export', () => {
  it('writes the long format in the comma dialect: BOM, CRLF, Dutch ASCII header, quoted text, bare numbers, no names', async () => {
    const file = await t.api.call('trends.exportCsv', { dialect: 'comma' });
    expect(file.fileName).toMatch(new RegExp(`^afstemming-scores-${today.source}\\.csv$`));
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    const text = bytesOf(file).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const lines = text.slice(1).split('\r\n').slice(0, -1);
    expect(lines[0]).toBe(HEADER.map((h) => `"${h}"`).join(','));
    // 38 submitted scores are visible: the blind round's recording (a blind 9 and a practice 9) is left out.
    expect(lines).toHaveLength(1 + 38);
    expect(file).toMatchObject({ rowCount: 38, familyCount: 4 });
    const [bram] = story.raterIds as [number];
    expect(lines).toContain(
      `"OB-26-001",${story.mother},"moeder",${story.recordings.voormeting},"2026-02-10",1,"voormeting","spelen","introductie","sensitivity","R${String(bram).padStart(3, '0')}",1,"ja",3,3`,
    );
    // A practice score on the recording without a moment: exported, marked not blind, no round.
    const cells = lines.slice(1).map((l) => l.split(','));
    const practice = cells.filter((c) => c[3] === String(story.recordings.geen));
    expect(practice.map((c) => [c[6], c[11], c[12], c[13]])).toEqual([
      ['"geen"', '', '"nee"', '5'],
      ['"geen"', '', '"nee"', '5'],
    ]);
    expect(cells.some((c) => c[3] === String(story.recordings.blind))).toBe(false);
    for (const name of NAMES) expect(text).not.toContain(name);
  });

  it('writes the Dutch Excel dialect with semicolons, narrowed to one family and one rater', async () => {
    const [bram] = story.raterIds as [number];
    const file = await t.api.call('trends.exportCsv', { dialect: 'semicolon', familyId: story.family, filters: { raterId: bram } });
    expect(file.fileName).toMatch(new RegExp(`^afstemming-scores-OB-26-001-${today.source}-excel-nl\\.csv$`));
    const lines = bytesOf(file).toString('utf8').slice(1).split('\r\n').slice(0, -1);
    expect(lines[0]).toBe(HEADER.map((h) => `"${h}"`).join(';'));
    expect(lines.slice(1).every((l) => l.startsWith('"OB-26-001";') && l.includes(`;"R${String(bram).padStart(3, '0')}";`))).toBe(true);
    expect(lines).toHaveLength(1 + 2 + 2 + 4);
  });

  it.runIf(hasTool('Rscript'))('opens in R with read.csv and read.csv2 as numbers and text', async () => {
    const comma = save(await t.api.call('trends.exportCsv', { dialect: 'comma' }));
    const semicolon = save(await t.api.call('trends.exportCsv', { dialect: 'semicolon' }));
    const script = [
      `a <- read.csv(${JSON.stringify(comma)}, fileEncoding = "UTF-8-BOM")`,
      `b <- read.csv2(${JSON.stringify(semicolon)}, fileEncoding = "UTF-8-BOM")`,
      'stopifnot(identical(a, b))',
      'cat(nrow(a), ncol(a), class(a$score), class(a$gezinscode), names(a)[1], sum(is.na(a$consensus)), a$gezinscode[1], "\\n")',
    ].join('; ');
    const result = spawnSync('Rscript', ['-e', script], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('38 15 integer character gezinscode 32 OB-26-001');
  });
});

describe('XLSX export', () => {
  it('holds the long format, the values per moment and an explanation, with numbers as numbers', async () => {
    const file = await t.api.call('trends.exportXlsx', {});
    expect(file.fileName).toMatch(new RegExp(`^afstemming-scores-${today.source}\\.xlsx$`));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytesOf(file) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['scores', 'momenten', 'toelichting']);
    const scores = workbook.getWorksheet('scores')!;
    expect(scores.getRow(1).values).toEqual([undefined, ...HEADER]);
    expect(scores.actualRowCount).toBe(1 + 38);
    const first = scores.getRow(2).values as unknown[];
    expect(first.slice(1, 4)).toEqual(['OB-26-001', story.mother, 'moeder']);
    expect(typeof first[14]).toBe('number');

    const moments = workbook.getWorksheet('momenten')!;
    expect(moments.getRow(1).values).toEqual([undefined, 'gezinscode', 'ouder_id', 'rol_ouder', 'schaal', 'voormeting', 'nameting', 'follow_up', 'verandering_nameting', 'verandering_follow_up']);
    const rows = moments.getSheetValues().slice(2) as unknown[][];
    const mother = rows.find((row) => row[1] === 'OB-26-001' && row[3] === 'moeder' && row[4] === 'cooperation')!;
    // Mean of 4, 5, 4 rounded to two decimals in the data; missing values stay empty.
    expect(mother.slice(5, 10)).toEqual([4.33, 6.33, 7, 2, 2.67]);
    const onlyPre = rows.find((row) => row[1] === 'OB-26-002' && row[4] === 'sensitivity')!;
    expect(onlyPre[5]).toBe(4.5);
    expect(onlyPre.slice(6, 10).every((cell) => cell === undefined || cell === null)).toBe(true);

    const notes = (workbook.getWorksheet('toelichting')!.getSheetValues().slice(1) as unknown[][]).map((row) => String(row?.[1] ?? '')).join('\n');
    expect(notes).toMatch(/blinde ronde/);
    expect(notes).toMatch(/gezinscode: Pseudonieme gezinscode/);
    const everything = JSON.stringify(workbook.worksheets.map((sheet) => sheet.getSheetValues()));
    for (const name of NAMES) expect(everything).not.toContain(name);
  });
});

describe('PDF exports', () => {
  it('make a family report for the clinician without names', async () => {
    const file = await t.api.call('trends.exportFamilyPdf', { familyId: story.family });
    expect(file.fileName).toMatch(new RegExp(`^afstemming-rapport-OB-26-001-${today.source}\\.pdf$`));
    expect(file.mimeType).toBe('application/pdf');
    expect(bytesOf(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(file);
    if (text !== null) {
      for (const expected of ['Gezin OB-26-001', 'Sensitiviteit', 'Coöperatie', 'Moeder', 'Vader', 'voormeting', 'nog in een blinde ronde', 'Zeer sensitief']) {
        expect(text).toContain(expected);
      }
      for (const name of NAMES) expect(text).not.toContain(name);
    }
  });

  it('make the team overview as a report', async () => {
    const file = await t.api.call('trends.exportTeamPdf', {});
    expect(file.fileName).toMatch(new RegExp(`^afstemming-teamoverzicht-${today.source}\\.pdf$`));
    const text = pdfText(file);
    if (text !== null) {
      for (const expected of ['Teamoverzicht', 'Gemiddelde verandering', 'OB-26-004', 'in een blinde ronde', "d_z"]) expect(text).toContain(expected);
      for (const name of NAMES) expect(text).not.toContain(name);
    }
  });
});

describe('every export', () => {
  it('is logged per family it holds, plus one team row with the file, totals and filters', async () => {
    const file = await t.api.call('trends.exportCsv', { dialect: 'comma', filters: { activity: 'spelen' } });
    const rows = t.backend.db
      .prepare(`SELECT family_code AS code, detail FROM access_log WHERE action = 'export.csv' AND outcome = 'ok' ORDER BY id`)
      .all() as { code: string | null; detail: string }[];
    expect(rows.map((row) => row.code)).toEqual(['OB-26-001', 'OB-26-003', null]);
    expect(rows[0]!.detail).toBe(`${file.fileName}: 20 scorerijen van dit gezin; filters: activity=spelen`);
    expect(rows[2]!.detail).toBe(`${file.fileName}: 2 gezinnen, ${file.rowCount} scorerijen; filters: activity=spelen`);

    await t.api.call('trends.exportFamilyPdf', { familyId: story.family });
    await t.api.call('trends.exportXlsx', { familyId: story.onlyPre });
    const actions = t.backend.db.prepare(`SELECT action, family_code AS code FROM access_log WHERE action LIKE 'export.%' AND action <> 'export.csv' ORDER BY id`).all();
    expect(actions).toEqual([
      { action: 'export.pdf_family', code: 'OB-26-001' },
      { action: 'export.pdf_family', code: null },
      { action: 'export.xlsx', code: 'OB-26-002' },
      { action: 'export.xlsx', code: null },
    ]);
  });

  it('is refused to a rater, and to an unknown family, without writing a file', async () => {
    expect(((await t.api.call('trends.exportFamilyPdf', { familyId: 424242 }).catch((e: unknown) => e)) as ApiError).code).toBe('not_found');
    await signInAs(t.api, story.raterIds[0]!);
    for (const call of [
      t.api.call('trends.exportCsv', { dialect: 'comma' }),
      t.api.call('trends.exportXlsx', {}),
      t.api.call('trends.exportTeamPdf', {}),
      t.api.call('trends.exportFamilyPdf', { familyId: story.family }),
    ]) {
      expect(((await call.catch((e: unknown) => e)) as ApiError).code).toBe('forbidden');
    }
    const refused = t.backend.db.prepare(`SELECT count(*) AS n FROM access_log WHERE action LIKE 'export.%' AND outcome = 'refused'`).get();
    expect(refused).toEqual({ n: 5 });
  });
});
