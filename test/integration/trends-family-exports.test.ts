import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/api/envelope';
import { localToday } from '../../shared/domain/dates';
import type { ExportLanguage } from '../../shared/domain/exports';
import type { ExportFile } from '../../shared/domain/trends';
import { EXPORT_HEADERS, headerLabel, headerVariable, variableName, type HeaderKey } from '../../electron/backend/features/trends/export-headers';
import { pdfStreamText, pdfToText } from '../fixtures/pdf-text';
import { seedHandbookStory, type HandbookStory } from '../fixtures/trends-seed';
import { startTestBackend, type TestBackend, signInAs } from './support/temp-backend';

// The family page's exports (every format, one family) and the team page's family filter: the
// same rows, rules and access-log rows as the team exports, narrowed; headers in one language.

let t: TestBackend;
let story: HandbookStory;
beforeEach(async () => {
  t = startTestBackend();
  story = seedHandbookStory(t.backend.db);
  await signInAs(t.api, story.coordinatorId);
});
afterEach(() => {
  vi.useRealTimers();
  t.close();
});

const SCORE_KEYS: HeaderKey[] = [
  'familyCode',
  'caregiverId',
  'caregiverRole',
  'recordingId',
  'recordingDate',
  'babyAgeMonths',
  'moment',
  'activity',
  'visitPhase',
  'scale',
  'rater',
  'roundId',
  'blind',
  'score',
  'consensus',
];
const MOMENT_KEYS: HeaderKey[] = ['familyCode', 'caregiverId', 'caregiverRole', 'scale', 'voormeting', 'nameting', 'followUp', 'changeNameting', 'changeFollowUp'];
const header = (keys: HeaderKey[], language: ExportLanguage) => keys.map((key) => headerVariable(key, language));
const bytesOf = (file: ExportFile) => Buffer.from(file.base64, 'base64');
const date = /\d{4}-\d{2}-\d{2}/.source;

/** A CSV as rows of cells (quotes removed; the exports never put a separator inside a value here). */
function csvRows(file: ExportFile, separator: ',' | ';'): string[][] {
  const text = bytesOf(file).toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text
    .slice(1)
    .split('\r\n')
    .slice(0, -1)
    .map((line) => line.split(separator).map((cell) => cell.replace(/^"|"$/g, '')));
}

async function workbookOf(file: ExportFile): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytesOf(file) as unknown as ArrayBuffer);
  return workbook;
}

const sheetRows = (sheet: ExcelJS.Worksheet) => (sheet.getSheetValues().slice(1) as unknown[][]).map((row) => row.slice(1));
const pdfWords = (file: ExportFile) => pdfToText(bytesOf(file)) ?? pdfStreamText(bytesOf(file));

function exportLog(action: string) {
  return t.backend.db
    .prepare(`SELECT family_code AS code, outcome, detail FROM access_log WHERE action = ? ORDER BY id`)
    .all(action) as { code: string | null; outcome: string; detail: string }[];
}

describe('a family export in every format', () => {
  it('CSV in both dialects: the team columns, this family only, two file names, a row per family in the log', async () => {
    const comma = await t.api.call('trends.exportCsv', { familyId: story.family, dialect: 'comma' });
    const semicolon = await t.api.call('trends.exportCsv', { familyId: story.family, dialect: 'semicolon' });
    expect(comma.fileName).toMatch(new RegExp(`^afstemming-scores-OB-26-001-${date}\\.csv$`));
    expect(semicolon.fileName).toBe(comma.fileName.replace(/\.csv$/, '-excel-nl.csv'));

    const rows = csvRows(comma, ',');
    const team = csvRows(await t.api.call('trends.exportCsv', { dialect: 'comma' }), ',');
    expect(rows[0]).toEqual(header(SCORE_KEYS, 'nl'));
    expect(rows[0]).toEqual(team[0]);
    // Exactly the team export's rows of this family, in the same order.
    expect(rows.slice(1)).toEqual(team.slice(1).filter((row) => row[0] === 'OB-26-001'));
    expect(rows.length).toBeGreaterThan(1);
    expect(comma).toMatchObject({ familyCount: 1, rowCount: rows.length - 1 });

    // Excel-NL: semicolons and a decimal comma, the same cells otherwise.
    const nl = csvRows(semicolon, ';');
    expect(nl).toEqual(rows);

    const log = exportLog('export.csv').filter((row) => row.detail.startsWith(comma.fileName));
    expect(log).toEqual([
      { code: 'OB-26-001', outcome: 'ok', detail: `${comma.fileName}: ${rows.length - 1} scorerijen van dit gezin; filters: geen` },
      { code: null, outcome: 'ok', detail: `${comma.fileName}: 1 gezinnen, ${rows.length - 1} scorerijen; filters: geen` },
    ]);
  });

  it('XLSX: the team sheets and headers, values of this family only', async () => {
    const file = await t.api.call('trends.exportXlsx', { familyId: story.family });
    expect(file.fileName).toMatch(new RegExp(`^afstemming-scores-OB-26-001-${date}\\.xlsx$`));
    const workbook = await workbookOf(file);
    const team = await workbookOf(await t.api.call('trends.exportXlsx', {}));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['scores', 'momenten', 'toelichting']);
    expect(team.worksheets.map((sheet) => sheet.name)).toEqual(['scores', 'momenten', 'toelichting']);
    for (const name of ['scores', 'momenten']) {
      const own = sheetRows(workbook.getWorksheet(name)!);
      const all = sheetRows(team.getWorksheet(name)!);
      expect(own[0]).toEqual(all[0]);
      expect(own.slice(1)).toEqual(all.slice(1).filter((row) => row[0] === 'OB-26-001'));
      expect(own.length).toBeGreaterThan(1);
    }
    expect(sheetRows(workbook.getWorksheet('momenten')!)[0]).toEqual(header(MOMENT_KEYS, 'nl'));
    expect(exportLog('export.xlsx').slice(0, 2).map((row) => row.code)).toEqual(['OB-26-001', null]);
  });

  it('PDF: the family report, with the columns named as in the spreadsheets', async () => {
    const file = await t.api.call('trends.exportFamilyPdf', { familyId: story.family });
    expect(file.fileName).toMatch(new RegExp(`^afstemming-rapport-OB-26-001-${date}\\.pdf$`));
    const text = pdfWords(file);
    for (const key of ['recordingDate', 'moment', 'activity', 'sensitivity', 'cooperation'] as const) expect(text).toContain(headerLabel(key, 'nl'));
    expect(text).toContain('Gezin OB-26-001');
    for (const other of ['OB-26-002', 'OB-26-003', 'OB-26-004']) expect(text).not.toContain(other);
    expect(exportLog('export.pdf_family').map((row) => row.code)).toEqual(['OB-26-001', null]);
  });

  it('never holds a score of a round that is still blind, in any format', async () => {
    const csv = csvRows(await t.api.call('trends.exportCsv', { familyId: story.family, dialect: 'comma' }), ',');
    const recordingId = csv[0]!.indexOf(headerVariable('recordingId', 'nl'));
    expect(csv.slice(1).some((row) => row[recordingId] === String(story.recordings.blind))).toBe(false);

    const workbook = await workbookOf(await t.api.call('trends.exportXlsx', { familyId: story.family }));
    expect(sheetRows(workbook.getWorksheet('scores')!).some((row) => row[3] === story.recordings.blind)).toBe(false);
    // The mother's follow-up stays 7,5 (the blind round's 9 would have raised it).
    const mother = sheetRows(workbook.getWorksheet('momenten')!).find((row) => row[2] === 'moeder' && row[3] === 'sensitivity')!;
    expect(mother.slice(4, 7)).toEqual([3, 7, 7.5]);

    // The report names the recording as waiting in a blind round, with no value.
    const text = pdfWords(await t.api.call('trends.exportFamilyPdf', { familyId: story.family }));
    const line = text.split('\n').find((l) => l.includes('18-08-2026') && l.includes('blinde ronde')); // the blind round's recording
    expect(line).toBeDefined();
    expect(line).not.toMatch(/\b9\b/);
  });

  it('is refused to a rater in every format (they may not see earlier scores), and logged as refused', async () => {
    await signInAs(t.api, story.raterIds[0]!);
    const calls = [
      t.api.call('trends.exportCsv', { familyId: story.family, dialect: 'comma' }),
      t.api.call('trends.exportCsv', { familyId: story.family, dialect: 'semicolon' }),
      t.api.call('trends.exportXlsx', { familyId: story.family }),
      t.api.call('trends.exportFamilyPdf', { familyId: story.family }),
    ];
    for (const call of calls) expect(((await call.catch((e: unknown) => e)) as ApiError).code).toBe('forbidden');
    const rows = t.backend.db.prepare(`SELECT outcome, count(*) AS n FROM access_log WHERE action LIKE 'export.%' GROUP BY outcome`).all();
    expect(rows).toEqual([{ outcome: 'refused', n: 4 }]);
  });

  it('refuses an unknown family in Dutch and writes nothing', async () => {
    for (const call of [
      t.api.call('trends.exportCsv', { familyId: 424242, dialect: 'comma' }),
      t.api.call('trends.exportCsv', { familyId: 424242, dialect: 'semicolon' }),
      t.api.call('trends.exportXlsx', { familyId: 424242 }),
      t.api.call('trends.exportFamilyPdf', { familyId: 424242 }),
      t.api.call('trends.exportTeamPdf', { filters: { familyIds: [story.family, 424242] } }),
      t.api.call('trends.team', { filters: { familyIds: [424242] } }),
    ]) {
      const error = (await call.catch((e: unknown) => e)) as ApiError;
      expect(error.code).toBe('not_found');
      expect(error.message).toBe('Dit gezin bestaat niet (meer).');
    }
    expect(t.backend.db.prepare(`SELECT count(*) AS n FROM access_log WHERE action LIKE 'export.%' AND outcome = 'ok'`).get()).toEqual({ n: 0 });
  });
});

describe('the language of an export', () => {
  it('writes English headers, sheet names and report texts when asked, and the same names in every format', async () => {
    const csv = csvRows(await t.api.call('trends.exportCsv', { familyId: story.family, dialect: 'semicolon', language: 'en' }), ';');
    expect(csv[0]).toEqual(header(SCORE_KEYS, 'en'));
    expect(csv[0]!.slice(0, 3)).toEqual(['family_code', 'caregiver_id', 'caregiver_role']);

    const workbook = await workbookOf(await t.api.call('trends.exportXlsx', { familyId: story.family, language: 'en' }));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['scores', 'moments', 'notes']);
    expect(sheetRows(workbook.getWorksheet('scores')!)[0]).toEqual(csv[0]);
    expect(sheetRows(workbook.getWorksheet('moments')!)[0]).toEqual(['family_code', 'caregiver_id', 'caregiver_role', 'scale', 'pre_test', 'post_test', 'follow_up', 'change_post_test', 'change_follow_up']);
    const notes = sheetRows(workbook.getWorksheet('notes')!).map((row) => String(row[0] ?? '')).join('\n');
    expect(notes).toContain('family_code: Pseudonymous family code.');
    expect(notes).not.toMatch(/Kolommen|gezinscode/);

    const family = pdfWords(await t.api.call('trends.exportFamilyPdf', { familyId: story.family, language: 'en' }));
    // (Two-word headers wrap in the narrow columns of the report, so single words are looked for.)
    for (const expected of ['Family OB-26-001', 'How to read this report', 'Filters: none', 'Moment', 'Activity', 'Source', 'Sensitivity', 'Cooperation', 'still in a blind round'])
      expect(family).toContain(expected);
    for (const dutch of ['Opnamedatum', 'Meetmoment', 'Sensitiviteit', 'Zo leest u']) expect(family).not.toContain(dutch);

    const team = pdfWords(await t.api.call('trends.exportTeamPdf', { language: 'en' }));
    for (const expected of ['Team overview', 'Mean change', 'Family code', 'Family phase']) expect(team).toContain(expected);
    for (const dutch of ['Gezinscode', 'Gemiddelde verandering', 'Opnamen die wachten']) expect(team).not.toContain(dutch);
  });

  it('is Dutch by default, with no English header in any file', async () => {
    const dutch = new Set<string>(Object.values(EXPORT_HEADERS).map((labels) => variableName(labels.nl)));
    const onlyEnglish = Object.values(EXPORT_HEADERS)
      .map((labels) => variableName(labels.en))
      .filter((name) => !dutch.has(name));
    expect(onlyEnglish).toContain('family_code');
    const csv = csvRows(await t.api.call('trends.exportCsv', { dialect: 'comma' }), ',');
    const workbook = await workbookOf(await t.api.call('trends.exportXlsx', {}));
    const xlsxHeaders = ['scores', 'momenten'].flatMap((name) => sheetRows(workbook.getWorksheet(name)!)[0] as string[]);
    for (const name of onlyEnglish) {
      expect(csv[0]).not.toContain(name);
      expect(xlsxHeaders).not.toContain(name);
    }
    const team = pdfWords(await t.api.call('trends.exportTeamPdf', {}));
    for (const key of ['familyCode', 'familyPhase', 'recordingDate', 'moment', 'voormeting'] as const) expect(team).toContain(headerLabel(key, 'nl'));
  });

  it('refuses a language it does not know', async () => {
    const answer = await t.dispatch('trends.exportCsv', { dialect: 'comma', language: 'de' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('the team page family filter', () => {
  it('narrows the overview and every team export to the chosen families', async () => {
    const fourth = (t.backend.db.prepare(`SELECT id FROM families WHERE code = 'OB-26-004'`).get() as { id: number }).id;
    const chosen = [story.family, fourth];
    const overview = await t.api.call('trends.team', { filters: { familyIds: chosen } });
    expect(overview.familyCount).toBe(2);
    expect(new Set(overview.lines.map((line) => line.familyCode))).toEqual(new Set(['OB-26-001', 'OB-26-004']));
    expect(overview.waiting.items.every((item) => chosen.includes(item.familyId))).toBe(true);
    expect(overview.missing.items.map((item) => item.familyCode)).toEqual(['OB-26-004']);

    const csv = await t.api.call('trends.exportCsv', { dialect: 'semicolon', filters: { familyIds: chosen } });
    expect(csv.fileName).toMatch(new RegExp(`^afstemming-scores-2-gezinnen-${date}-excel-nl\\.csv$`));
    expect(new Set(csvRows(csv, ';').slice(1).map((row) => row[0]))).toEqual(new Set(['OB-26-001', 'OB-26-004']));
    expect(exportLog('export.csv').map((row) => row.code)).toEqual(['OB-26-001', 'OB-26-004', null]);
    expect(exportLog('export.csv').at(-1)!.detail).toContain(`familyIds=${chosen.join('|')}`);

    const one = await t.api.call('trends.exportXlsx', { filters: { familyIds: [story.onlyPre] } });
    expect(one.fileName).toMatch(new RegExp(`^afstemming-scores-OB-26-002-${date}\\.xlsx$`));
    expect(new Set(sheetRows((await workbookOf(one)).getWorksheet('scores')!).slice(1).map((row) => row[0]))).toEqual(new Set(['OB-26-002']));

    const pdf = await t.api.call('trends.exportTeamPdf', { filters: { familyIds: chosen } });
    expect(pdf.fileName).toMatch(new RegExp(`^afstemming-teamoverzicht-2-gezinnen-${date}\\.pdf$`));
    const text = pdfWords(pdf);
    expect(text).toContain('Gekozen gezinnen: OB-26-001, OB-26-004');
    expect(text).not.toContain('OB-26-003');
    expect(exportLog('export.pdf_team').map((row) => row.code)).toEqual(['OB-26-001', 'OB-26-004', null]);
  });

  it('refuses an empty choice (that is "all", sent as no filter)', async () => {
    const answer = await t.dispatch('trends.team', { filters: { familyIds: [] } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('file names', () => {
  it('carry the local date, not the UTC one', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Europe/Amsterdam';
    try {
      vi.useFakeTimers({ toFake: ['Date'] });
      // 23:30 UTC on 3 December is already 4 December in Amsterdam.
      vi.setSystemTime(new Date('2026-12-03T23:30:00Z'));
      expect(localToday()).toBe('2026-12-04');
      const file = await t.api.call('trends.exportCsv', { familyId: story.family, dialect: 'semicolon' });
      expect(file.fileName).toBe('afstemming-scores-OB-26-001-2026-12-04-excel-nl.csv');
    } finally {
      vi.useRealTimers();
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
