import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/api/envelope';
import type { Family } from '../../shared/domain/entities';
import { makeClip } from '../fixtures/clips';
import { refusal } from './support/refusal';
import { seedRecording } from './support/seed';
import { createRater, signInAs, startTestBackend, withCoordinator, type TestBackend } from './support/temp-backend';

// "Today" is 2026-06-01 (only Date is faked, so ctx.now says so too). The family was referred on
// 2026-02-01 and has a mother and a father; a second family exists to be mixed up with.
const NOW = Date.UTC(2026, 5, 1, 11, 0, 0);
let t: TestBackend;
let family: Family;
let other: Family;
let coordinatorId: number;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  t = startTestBackend(undefined, { runJobs: false });
  coordinatorId = (await withCoordinator(t.api)).id;
  const caregivers = [
    { role: 'moeder' as const, label: 'moeder' },
    { role: 'vader' as const, label: 'vader' },
  ];
  family = await t.api.call('families.create', { code: 'OB-26-501', babyBirthMonth: '2026-01', referralDate: '2026-02-01', caregivers });
  other = await t.api.call('families.create', { code: 'OB-26-502', babyBirthMonth: '2026-01', referralDate: '2026-02-01', caregivers });
});
afterEach(() => {
  t.close();
  vi.useRealTimers();
});

/** Everything a visit keeps, straight from the tables, to show a refusal changed nothing. */
const snapshot = () => {
  const db = t.backend.db;
  return JSON.stringify({
    families: db.prepare('SELECT id, updated_at FROM families ORDER BY id').all(),
    visits: db.prepare('SELECT * FROM visits ORDER BY id').all(),
    present: db.prepare('SELECT * FROM visit_caregivers ORDER BY visit_id, caregiver_id').all(),
    answers: db.prepare('SELECT * FROM visit_answers ORDER BY visit_id, question_id').all(),
    questions: db.prepare('SELECT * FROM visit_questions ORDER BY id').all(),
    recordings: db.prepare('SELECT id, family_id, visit_id FROM recordings ORDER BY id').all(),
  });
};

/** A refusal with a Dutch message matching `message` and an English one beside it. */
async function expectRefused(call: Promise<unknown>, code: string, message: RegExp, name: string) {
  const error = await refusal(call);
  expect(error.code, name).toBe(code);
  expect(error.body.message, name).toMatch(message);
  expect(error.body.messageEn, name).toMatch(/[a-z]/);
  expect(error.body.messageEn, name).not.toBe(error.body.message);
}

async function throughFollowUp(familyId: number, followUp: string) {
  await t.api.call('dossier.startPhase', { familyId, phase: 'introductie', date: '2026-02-10' });
  await t.api.call('dossier.startPhase', { familyId, phase: 'begeleiding', date: '2026-03-01' });
  await t.api.call('dossier.startPhase', { familyId, phase: 'evaluatie', date: '2026-04-20' });
  await t.api.call('dossier.startPhase', { familyId, phase: 'follow-up', date: followUp });
}

describe('home visits as the begeleider logs them', () => {
  it('keeps duration, who was there, the activity filmed and the answers, and lists them per family', async () => {
    const [moeder, vader] = family.caregivers;
    const questions = await t.api.call('visitQuestions.list', {});
    const visit = await t.api.call('visits.add', { familyId: family.id, date: '2026-03-03', phase: 'begeleiding', durationMinutes: 75, activity: 'voeden' });
    expect(visit).toMatchObject({ durationMinutes: 75, activity: 'voeden', phase: 'begeleiding', presentCaregiverIds: [], answers: [] });

    await t.api.call('visits.setPresent', { id: visit.id, caregiverId: vader!.id, present: true });
    await t.api.call('visits.setPresent', { id: visit.id, caregiverId: moeder!.id, present: true });
    await t.api.call('visits.setPresent', { id: visit.id, caregiverId: vader!.id, present: false });
    // Twice the same is no error: a checkbox saved again after a reconnect.
    await t.api.call('visits.setPresent', { id: visit.id, caregiverId: moeder!.id, present: true });
    await t.api.call('visits.update', { id: visit.id, othersPresent: '  oma, tolk ', activityNote: 'flesvoeding op schoot', notes: 'rustig bezoek' });
    await t.api.call('visits.answer', { id: visit.id, questionId: questions[1]!.id, text: 'Het moment waarop de baby lachte.' });
    await t.api.call('visits.answer', { id: visit.id, questionId: questions[0]!.id, text: 'Moeder volgde het tempo van de baby.' });
    await t.api.call('visits.answer', { id: visit.id, questionId: questions[2]!.id, text: 'even' });
    // An emptied answer is no answer.
    await t.api.call('visits.answer', { id: visit.id, questionId: questions[2]!.id, text: '  ' });
    const changed = await t.api.call('visits.update', { id: visit.id, durationMinutes: null, activity: null });
    expect(changed).toMatchObject({ durationMinutes: null, activity: null });
    await t.api.call('visits.update', { id: visit.id, durationMinutes: 90, activity: 'spelen' });

    await t.api.call('visits.add', { familyId: other.id, date: '2026-03-03', phase: 'begeleiding' });
    const list = await t.api.call('visits.list', { familyId: family.id });
    expect(list).toEqual([
      {
        id: visit.id,
        familyId: family.id,
        date: '2026-03-03',
        phase: 'begeleiding',
        notes: 'rustig bezoek',
        durationMinutes: 90,
        presentCaregiverIds: [moeder!.id],
        othersPresent: 'oma, tolk',
        activity: 'spelen',
        activityNote: 'flesvoeding op schoot',
        // In the order of the question list, not of typing.
        answers: [
          { questionId: questions[0]!.id, text: 'Moeder volgde het tempo van de baby.', updatedAt: expect.any(String) },
          { questionId: questions[1]!.id, text: 'Het moment waarop de baby lachte.', updatedAt: expect.any(String) },
        ],
      },
    ]);
    // families.get still lists the visit (the import form chooses from it).
    expect((await t.api.call('families.get', { id: family.id })).visits.map((v) => v.id)).toEqual([visit.id]);
  });

  it('gives a visit without a phase the phase the family was in on its date', async () => {
    await t.api.call('dossier.startPhase', { familyId: family.id, phase: 'introductie', date: '2026-02-10' });
    await t.api.call('dossier.startPhase', { familyId: family.id, phase: 'begeleiding', date: '2026-03-01' });
    const phaseOn = async (date: string) => (await t.api.call('visits.add', { familyId: family.id, date })).phase;
    expect(await phaseOn('2026-02-05')).toBe('aanmelding');
    expect(await phaseOn('2026-02-10')).toBe('introductie');
    expect(await phaseOn('2026-02-28')).toBe('introductie');
    expect(await phaseOn('2026-03-01')).toBe('begeleiding');
    expect(await phaseOn('2026-05-30')).toBe('begeleiding');
    // A phase given is kept, and a visit on the day the case closed belongs to the phase before.
    expect((await t.api.call('visits.add', { familyId: family.id, date: '2026-03-02', phase: 'introductie' })).phase).toBe('introductie');
    await t.api.call('dossier.startPhase', { familyId: family.id, phase: 'afgesloten', date: '2026-05-31' });
    expect(await phaseOn('2026-05-31')).toBe('begeleiding');
  });

  it('refuses a date before the aanmelding or after the follow-up, on add and on change, and changes nothing', async () => {
    await throughFollowUp(family.id, '2026-05-25');
    const visit = await t.api.call('visits.add', { familyId: family.id, date: '2026-05-25' });
    expect(visit.phase).toBe('follow-up');
    const before = snapshot();
    await expectRefused(t.api.call('visits.add', { familyId: family.id, date: '2026-01-31' }), 'invalid_input', /vóór de aanmelding \(2026-02-01\).*niets gewijzigd/, 'add before');
    await expectRefused(t.api.call('visits.add', { familyId: family.id, date: '2026-05-26' }), 'invalid_input', /na de follow-up \(2026-05-25\).*niets gewijzigd/, 'add after');
    await expectRefused(t.api.call('visits.update', { id: visit.id, date: '2026-05-26' }), 'invalid_input', /na de follow-up \(2026-05-25\)/, 'move after');
    await expectRefused(t.api.call('visits.update', { id: visit.id, date: '2026-01-15', notes: 'x' }), 'invalid_input', /vóór de aanmelding/, 'move before');
    await expectRefused(t.api.call('visits.add', { familyId: family.id, date: '2026-02-31' }), 'invalid_input', /geldige datum/, 'not a date');
    expect(snapshot()).toBe(before);

    // A case closed without a follow-up: no visits after the closing either.
    await t.api.call('dossier.startPhase', { familyId: other.id, phase: 'afgesloten', date: '2026-04-01' });
    await expectRefused(t.api.call('visits.add', { familyId: other.id, date: '2026-04-02' }), 'invalid_input', /na de afsluiting van het gezin \(2026-04-01\)/, 'after closing');
    expect(snapshot()).toBe(before);
  });

  it('refuses a duration outside 1–600 minutes, a caregiver of another family and an unknown question, and changes nothing', async () => {
    const visit = await t.api.call('visits.add', { familyId: family.id, date: '2026-03-03' });
    const [question] = await t.api.call('visitQuestions.list', {});
    const before = snapshot();
    const cases: [string, () => Promise<unknown>, string, RegExp][] = [
      ['zero minutes', () => t.api.call('visits.add', { familyId: family.id, date: '2026-03-04', durationMinutes: 0 }), 'invalid_input', /minstens 1 minuut/],
      ['601 minutes', () => t.api.call('visits.update', { id: visit.id, durationMinutes: 601 }), 'invalid_input', /hooguit 600 minuten/],
      ['half minutes', () => t.api.call('visits.update', { id: visit.id, durationMinutes: 12.5 }), 'invalid_input', /hele minuten/],
      ['an unknown activity', () => t.api.call('visits.update', { id: visit.id, activity: 'zwemmen' as never }), 'invalid_input', /bad, voeden, verschonen, spelen of anders/],
      [
        "another family's caregiver",
        () => t.api.call('visits.setPresent', { id: visit.id, caregiverId: other.caregivers[0]!.id, present: true }),
        'invalid_input',
        /hoort niet bij het gezin van dit huisbezoek.*niets gewijzigd/,
      ],
      ['an unknown caregiver', () => t.api.call('visits.setPresent', { id: visit.id, caregiverId: 9999, present: true }), 'invalid_input', /hoort niet bij het gezin/],
      ['an unknown question', () => t.api.call('visits.answer', { id: visit.id, questionId: 9999, text: 'antwoord' }), 'invalid_input', /vraag bij het huisbezoek bestaat niet.*niets gewijzigd/],
      ['an unknown visit', () => t.api.call('visits.answer', { id: 9999, questionId: question!.id, text: 'antwoord' }), 'not_found', /huisbezoek bestaat niet/],
      ['a too long note on others', () => t.api.call('visits.update', { id: visit.id, othersPresent: 'x'.repeat(201) }), 'invalid_input', /Verder aanwezig: maximaal 200/],
    ];
    for (const [name, call, code, message] of cases) await expectRefused(call(), code, message, name);
    expect(snapshot()).toBe(before);
  });
});

describe('the per-visit questions', () => {
  it('starts with the defaults; a coordinator adds, renames, reorders and archives, and old answers keep their question', async () => {
    const defaults = await t.api.call('visitQuestions.list', {});
    expect(defaults.map((q) => q.text)).toEqual([
      'Wat ging er goed in dit bezoek?',
      'Naar welke fragmenten hebben we samen gekeken, en wat zag de ouder zelf?',
      'Hoe was het contact met de ouder, en tussen ouder en baby?',
      'Wat neemt de ouder mee naar de komende week?',
      'Waar let ik op bij het volgende bezoek?',
    ]);
    // A separate list: the mentalizing questions of the fragments are not touched.
    const mentalizing = await t.api.call('questions.list', {});

    const visit = await t.api.call('visits.add', { familyId: family.id, date: '2026-03-03' });
    const [first, second, ...rest] = defaults;
    await t.api.call('visits.answer', { id: visit.id, questionId: second!.id, text: 'De badfragmenten.' });

    // Rename the first, move the last to the top, leave the second out (archived), add one.
    const last = rest.at(-1)!;
    const saved = await t.api.call('visitQuestions.update', {
      questions: [
        { id: last.id, text: last.text },
        { id: first!.id, text: 'Wat ging er goed?' },
        ...rest.slice(0, -1).map((q) => ({ id: q.id, text: q.text })),
        { text: 'Welke afspraak maakten we?' },
      ],
    });
    expect(saved.map((q) => q.text)).toEqual([last.text, 'Wat ging er goed?', rest[0]!.text, rest[1]!.text, 'Welke afspraak maakten we?']);
    const all = await t.api.call('visitQuestions.list', { includeArchived: true });
    expect(all.find((q) => q.id === second!.id)).toMatchObject({ archived: true, text: second!.text });
    expect(await t.api.call('questions.list', {})).toEqual(mentalizing);

    // The answer to the archived question stays on the visit and can be corrected, but the
    // question gets no new answers.
    const [withAnswer] = await t.api.call('visits.list', { familyId: family.id });
    expect(withAnswer!.answers).toEqual([{ questionId: second!.id, text: 'De badfragmenten.', updatedAt: expect.any(String) }]);
    await t.api.call('visits.answer', { id: visit.id, questionId: second!.id, text: 'De badfragmenten en het voeden.' });
    const later = await t.api.call('visits.add', { familyId: family.id, date: '2026-03-10' });
    const before = snapshot();
    await expectRefused(t.api.call('visits.answer', { id: later.id, questionId: second!.id, text: 'nieuw' }), 'conflict', /gearchiveerd.*niets gewijzigd/, 'archived');

    // Only a coordinator edits the list; a rater reads it.
    const rater = await createRater(t.api, { name: 'Bea Beoordelaar', initials: 'BB', role: 'rater' });
    await signInAs(t.api, rater.id);
    expect((await t.api.call('visitQuestions.list', {})).map((q) => q.id)).toEqual(saved.map((q) => q.id));
    await expectRefused(t.api.call('visitQuestions.update', { questions: [{ text: 'Mijn vraag' }] }), 'forbidden', /coördinator/, 'rater edits');
    await signInAs(t.api, coordinatorId);
    await expectRefused(t.api.call('visitQuestions.update', { questions: [{ text: 'Twee' }, { text: 'twee' }] }), 'invalid_input', /twee keer/, 'twice');
    await expectRefused(t.api.call('visitQuestions.update', { questions: [{ id: 9999, text: 'Weg' }] }), 'not_found', /bestaat niet/, 'unknown id');
    await expectRefused(t.api.call('visitQuestions.update', { questions: [] }), 'invalid_input', /minstens één vraag/, 'empty list');
    expect(snapshot()).toBe(before);

    // Typing an archived question again brings it back, with its answers.
    const back = await t.api.call('visitQuestions.update', { questions: [...saved.map((q) => ({ id: q.id, text: q.text })), { text: second!.text }] });
    expect(back.at(-1)).toMatchObject({ id: second!.id, archived: false });
  });
});

describe('recordings belong to a visit of their own family', () => {
  it('refuses a recording on a visit of another family, on import and on change, and changes nothing', async () => {
    const own = await t.api.call('visits.add', { familyId: family.id, date: '2026-03-01' });
    const foreign = await t.api.call('visits.add', { familyId: other.id, date: '2026-03-01' });
    const recordingId = seedRecording(t.backend, { familyId: family.id, caregiverIds: [family.caregivers[0]!.id] });
    const clip = await makeClip({ durationS: 1, width: 160, height: 120, fps: 25, vcodec: 'h264', acodec: 'aac', container: 'mp4' });
    const upload = await t.backend.media.receiveUpload(createReadStream(clip), encodeURIComponent(basename(clip)), t.caller);
    if (!upload.ok) throw new ApiError(upload.error);
    const before = snapshot();

    const importInput = { familyId: family.id, caregiverIds: [family.caregivers[0]!.id], activity: 'bad' as const, moment: 'voormeting' as const, recordedOn: '2026-03-01' };
    await expectRefused(
      t.api.call('recordings.importUpload', { ...importInput, uploadId: upload.value.uploadId, visitId: foreign.id }),
      'invalid_input',
      /huisbezoek hoort bij een ander gezin.*niets gewijzigd/,
      'import',
    );
    await expectRefused(t.api.call('recordings.update', { id: recordingId, visitId: foreign.id }), 'invalid_input', /hoort bij een ander gezin.*niets gewijzigd/, 'update');
    await expectRefused(t.api.call('recordings.update', { id: recordingId, visitId: foreign.id, notes: 'x' }), 'invalid_input', /ander gezin/, 'update with more');
    expect(snapshot()).toBe(before);
    // The database refuses it too, for any writer that skips the handlers.
    expect(() => t.backend.db.prepare('UPDATE recordings SET visit_id = ? WHERE id = ?').run(foreign.id, recordingId)).toThrow(/visit of another family/);
    expect(() => t.backend.db.prepare('INSERT INTO visit_caregivers (visit_id, caregiver_id) VALUES (?, ?)').run(own.id, other.caregivers[0]!.id)).toThrow(/another family/);
    expect(snapshot()).toBe(before);

    // A visit of its own family is fine; the visit with a recording cannot be removed.
    const second = await t.api.call('visits.add', { familyId: family.id, date: '2026-03-08' });
    expect((await t.api.call('recordings.update', { id: recordingId, visitId: second.id })).visitId).toBe(second.id);
    await expectRefused(t.api.call('visits.remove', { id: second.id }), 'conflict', /opnamen/, 'remove with recording');
    expect(await t.api.call('visits.remove', { id: own.id })).toEqual({ removed: true });
  });
});

describe('access log and erasure', () => {
  it('logs every visit call without the words typed, and erases presence and answers with the family', async () => {
    const visit = await t.api.call('visits.add', { familyId: family.id, date: '2026-03-03', durationMinutes: 60 });
    const [question] = await t.api.call('visitQuestions.list', {});
    await t.api.call('visits.setPresent', { id: visit.id, caregiverId: family.caregivers[0]!.id, present: true });
    await t.api.call('visits.update', { id: visit.id, othersPresent: 'oma Geheim' });
    await t.api.call('visits.answer', { id: visit.id, questionId: question!.id, text: 'GEHEIM-ANTWOORD' });
    await t.api.call('visits.list', { familyId: family.id });
    await refusal(t.api.call('visits.add', { familyId: family.id, date: '2026-01-01' }));
    const rows = t.backend.db.prepare('SELECT action, outcome, detail FROM access_log WHERE family_id = ? ORDER BY id').all(family.id) as { action: string; outcome: string; detail: string }[];
    const visitRows = rows.filter((row) => row.action.startsWith('visit.'));
    expect(visitRows.map((row) => [row.action, row.outcome])).toEqual([
      ['visit.add', 'ok'],
      ['visit.update', 'ok'],
      ['visit.update', 'ok'],
      ['visit.answer', 'ok'],
      ['visit.list', 'ok'],
      ['visit.add', 'refused'],
    ]);
    expect(visitRows[1]!.detail).toMatch(new RegExp(`bezoek ${visit.id}: ouder ${family.caregivers[0]!.id} aanwezig`));
    expect(visitRows[3]!.detail).toMatch(new RegExp(`vraag ${question!.id} beantwoord`));
    expect(JSON.stringify(rows)).not.toMatch(/GEHEIM/);

    const kept = await t.api.call('visits.add', { familyId: other.id, date: '2026-03-03' });
    await t.api.call('visits.answer', { id: kept.id, questionId: question!.id, text: 'ander gezin' });
    await t.api.call('families.erase', { id: family.id, confirmCode: 'OB-26-501' });
    const db = t.backend.db;
    expect(db.prepare('SELECT count(*) AS n FROM visits WHERE family_id = ?').get(family.id)).toEqual({ n: 0 });
    expect(db.prepare('SELECT visit_id FROM visit_answers').all()).toEqual([{ visit_id: kept.id }]);
    expect(db.prepare('SELECT count(*) AS n FROM visit_caregivers').get()).toEqual({ n: 0 });
    // The team's questions are no family data: they stay.
    expect((await t.api.call('visitQuestions.list', {})).length).toBe(5);
  });
});
