import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportFile } from '../../shared/domain/trends';
import { pdfStreamText, pdfToText } from '../fixtures/pdf-text';
import { refusal } from './support/refusal';
import { seedRecording } from './support/seed';
import { createRater, signInAs, startTestBackend, withCoordinator, type TestBackend } from './support/temp-backend';

// The family's dossier as files: the PDF for the EPD and the XLSX with every field, opened the way
// a reader opens them (pdftotext, exceljs) and checked against what was typed into the dossier.

const NOW = Date.UTC(2026, 5, 1, 11, 0, 0);
let t: TestBackend;
let familyId: number;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  t = startTestBackend(undefined, { runJobs: false });
  await withCoordinator(t.api);
  const family = await t.api.call('families.create', {
    code: 'OB-26-501',
    babyBirthMonth: '2026-01',
    referralDate: '2026-02-01',
    caregivers: [
      { role: 'moeder', label: 'Sanne' },
      { role: 'moeder', label: 'Iris' },
    ],
  });
  familyId = family.id;
  await t.api.call('dossier.updateIntake', { familyId, referrer: 'Wijkteam Noord', indication: 'lvb', highStress: true, highStressNote: 'Slaapt slecht sinds de bevalling' });
  await t.api.call('dossier.overrideContraIndication', { familyId, reason: 'Stress neemt af met steun van het netwerk' });
  await t.api.call('dossier.startPhase', { familyId, phase: 'introductie', date: '2026-02-10' });
  await t.api.call('dossier.startPhase', { familyId, phase: 'begeleiding', date: '2026-03-01' });
  const visit = await t.api.call('visits.add', { familyId, date: '2026-03-04', phase: 'begeleiding', notes: 'Badmoment samen bekeken', durationMinutes: 75 });
  await t.api.call('visits.setPresent', { id: visit.id, caregiverId: family.caregivers[0]!.id, present: true });
  const [question] = await t.api.call('visitQuestions.list', {});
  await t.api.call('visits.answer', { id: visit.id, questionId: question!.id, text: 'Moeder zag zelf dat de baby ontspande' });
  const goal = await t.api.call('goals.create', { familyId, text: 'Moeder volgt het tempo van de baby bij het baden', date: '2026-03-05' });
  await t.api.call('goals.setStatus', { id: goal.id, status: 'in-behandeling', date: '2026-03-12' });
  const [scaleQuestion] = (await t.api.call('evaluation.questions', {})).filter((q) => q.kind === 'scale');
  await t.api.call('evaluation.answer', { familyId, questionId: scaleQuestion!.id, value: 4 });
  seedRecording(t.backend, { familyId, caregiverIds: family.caregivers.map((c) => c.id), recordedOn: '2026-03-04', activity: 'bad' });
  await t.api.call('dossier.addEntry', { familyId, date: '2026-03-04', text: 'Moeder oefent dagelijks het badritueel', agreement: true });
  await t.api.call('dossier.addEntry', { familyId, date: '2026-03-11', text: 'Telefonisch contact; gaat goed' });
});
afterEach(() => {
  t.close();
  vi.useRealTimers();
});

const bytesOf = (file: ExportFile) => Buffer.from(file.base64, 'base64');
const pdfWords = (file: ExportFile) => (pdfToText(bytesOf(file)) ?? pdfStreamText(bytesOf(file))).replace(/\s+/g, ' ');

async function sheetsOf(file: ExportFile): Promise<Map<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytesOf(file) as unknown as ArrayBuffer);
  return new Map(workbook.worksheets.map((sheet) => [sheet.name, (sheet.getSheetValues().slice(1) as unknown[][]).map((row) => row.slice(1))]));
}

describe('the dossier export', () => {
  it('writes a PDF for the EPD with the phases, the aanmelding, visits and logbook, pseudonymous', async () => {
    const file = await t.api.call('dossier.exportPdf', { familyId, language: 'nl' });
    expect(file.fileName).toBe('afstemming-dossier-OB-26-501-2026-06-01.pdf');
    expect(file.mimeType).toBe('application/pdf');
    expect(bytesOf(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfWords(file);
    for (const expected of [
      'Dossier gezin OB-26-501',
      'Wijkteam Noord',
      'licht verstandelijke beperking',
      'Slaapt slecht sinds de bevalling',
      'Stress neemt af met steun van het netwerk',
      'introductie',
      '10-02-2026',
      'Badmoment samen bekeken',
      'Moeder oefent dagelijks het badritueel',
      'Open afspraken',
      'Moeder 1, Moeder 2',
      'Moeder zag zelf dat de baby ontspande',
      // Cells wrap in their columns, so only the first line of a long one is read whole.
      'Moeder volgt het tempo van de',
      'in behandeling 12-03-2026',
      'Evaluatie door de ouders',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // Pseudonymous: the caregivers' labels are not in it, and the coordinator who decided is named by initials.
    expect(text).toMatch(/ja, door CT op/);
    expect(text).not.toContain('Coördinator Test');
    expect(text).not.toContain('Sanne');
    expect(text).not.toContain('Iris');
  });

  it('writes an XLSX with one sheet per part and every field, numbers as numbers', async () => {
    const file = await t.api.call('dossier.exportXlsx', { familyId, language: 'nl' });
    expect(file.fileName).toBe('afstemming-dossier-OB-26-501-2026-06-01.xlsx');
    const sheets = await sheetsOf(file);
    expect([...sheets.keys()]).toEqual([
      'Gezin',
      'Fasen',
      'Aanmelding',
      'Begeleidingsdoelen',
      'Huisbezoeken',
      'Vragen na het huisbezoek',
      'Opnamen',
      'Videofeedback',
      'Logboek',
      'Evaluatie door de ouders',
      'Toelichting',
    ]);
    const visits = sheets.get('Huisbezoeken')!;
    expect(visits[1]!.slice(1, 5)).toEqual(['04-03-2026', 'begeleiding', 75, 'Moeder 1']);
    expect(sheets.get('Vragen na het huisbezoek')![1]![3]).toBe('Moeder zag zelf dat de baby ontspande');
    expect(sheets.get('Begeleidingsdoelen')![1]![2]).toBe('open 05-03-2026\nin behandeling 12-03-2026');
    expect(sheets.get('Evaluatie door de ouders')![1]![1]).toBe(4);
    expect(sheets.get('Gezin')).toContainEqual(['Gezinscode', 'OB-26-501']);
    expect(sheets.get('Aanmelding')).toContainEqual(['Verwijzer', 'Wijkteam Noord']);
    const logbook = sheets.get('Logboek')!;
    expect(logbook[0]).toEqual(['Nummer', 'Datum', 'Afspraak', 'Tekst', 'Door', 'Aangemaakt', 'Gewijzigd']);
    expect(logbook.slice(1).map((row) => [typeof row[0], row[1], row[2], row[3]])).toEqual([
      ['number', '04-03-2026', 'open', 'Moeder oefent dagelijks het badritueel'],
      ['number', '11-03-2026', undefined, 'Telefonisch contact; gaat goed'],
    ]);
    const recordings = sheets.get('Opnamen')!;
    expect(recordings).toHaveLength(2);
    expect(recordings[1]![3]).toBe('bad');
  });

  it('reads in English when asked', async () => {
    const text = pdfWords(await t.api.call('dossier.exportPdf', { familyId, language: 'en' }));
    expect(text).toContain('Dossier of family OB-26-501');
    expect(text).toContain('mild intellectual disability');
    expect(text).toContain('page 1 of');
    const sheets = await sheetsOf(await t.api.call('dossier.exportXlsx', { familyId, language: 'en' }));
    expect([...sheets.keys()]).toEqual([
      'Family',
      'Phases',
      'Referral',
      'Guidance goals',
      'Home visits',
      'Questions after the visit',
      'Recordings',
      'Video feedback',
      'Logbook',
      "Parents' evaluation",
      'Explanation',
    ]);
  });

  it('is logged for the family every time, may be made by the begeleider, and refuses an unknown family', async () => {
    const rater = await createRater(t.api, { name: 'Begeleider Een', initials: 'BE', role: 'rater' });
    await signInAs(t.api, rater.id);
    await t.api.call('dossier.exportPdf', { familyId, language: 'nl' });
    await t.api.call('dossier.exportXlsx', { familyId, language: 'nl' });
    const rows = t.backend.db
      .prepare(`SELECT action, family_id, detail FROM access_log WHERE action LIKE 'export.dossier%' ORDER BY id`)
      .all() as { action: string; family_id: number; detail: string }[];
    expect(rows.map((row) => [row.action, row.family_id])).toEqual([
      ['export.dossier_pdf', familyId],
      ['export.dossier_xlsx', familyId],
    ]);
    expect(rows[0]!.detail).toMatch(/^afstemming-dossier-OB-26-501-2026-06-01\.pdf: \d+ onderdelen, \d+ regels$/);

    const error = await refusal(t.api.call('dossier.exportPdf', { familyId: 99_999, language: 'nl' }));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('Dit gezin bestaat niet (meer).');
    const badLanguage = await refusal(t.api.call('dossier.exportXlsx', { familyId, language: 'de' as 'nl' }));
    expect(badLanguage.message).toContain('Kies nl of en als taal.');
  });
});
