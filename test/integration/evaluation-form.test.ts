import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refusal } from './support/refusal';
import { seedFamily } from './support/seed';
import { createRater, signInAs, startTestBackend, withCoordinator, type TestBackend } from './support/temp-backend';

// The parents' evaluation form (issue 16 point 5). "Today" is 2026-06-01 (only Date is faked).
const NOW = Date.UTC(2026, 5, 1, 11, 0, 0);
let t: TestBackend;
let coordinatorId: number;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  t = startTestBackend(undefined, { runJobs: false });
  coordinatorId = (await withCoordinator(t.api)).id;
});
afterEach(() => {
  t.close();
  vi.useRealTimers();
});

const snapshot = () => {
  const db = t.backend.db;
  return JSON.stringify({
    questions: db.prepare('SELECT * FROM evaluation_questions ORDER BY id').all(),
    forms: db.prepare('SELECT * FROM evaluation_forms ORDER BY id').all(),
    answers: db.prepare('SELECT * FROM evaluation_answers ORDER BY form_id, question_id').all(),
  });
};

async function expectRefused(call: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const error = await refusal(call);
  expect(error.code).toBe(code);
  expect(error.body.message).toMatch(message);
  expect(error.body.messageEn).toMatch(/[a-z]/);
  expect(error.body.messageEn).not.toBe(error.body.message);
}

const decode = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

describe('the questions', () => {
  it('start with Dutch defaults and are added, renamed, reordered and archived by a coordinator, never deleted', async () => {
    const defaults = await t.api.call('evaluation.questions', {});
    expect(defaults.map((q) => q.text)).toContain('Ik vond het prettig om samen naar de filmpjes te kijken.');
    expect(defaults.map((q) => q.text)).toContain('Wat wilt u ons nog zeggen?');
    expect(defaults[0]).toMatchObject({ kind: 'scale', lowLabel: 'helemaal niet', highLabel: 'heel erg', archived: false });

    const added = await t.api.call('evaluation.addQuestion', { kind: 'scale', text: 'Ik voel me zekerder als ouder.' });
    expect(added).toMatchObject({ lowLabel: 'helemaal niet', highLabel: 'heel erg' });
    await t.api.call('evaluation.updateQuestion', { id: added.id, text: 'Ik voel me zekerder als ouder van mijn baby.', highLabel: 'helemaal wel' });
    const moved = await t.api.call('evaluation.moveQuestion', { id: added.id, direction: 'up' });
    const active = moved.filter((q) => !q.archived).map((q) => q.id);
    expect(active.indexOf(added.id)).toBe(defaults.length - 1);
    await t.api.call('evaluation.archiveQuestion', { id: defaults[0]!.id, archived: true });
    expect((await t.api.call('evaluation.questions', {})).map((q) => q.id)).not.toContain(defaults[0]!.id);
    expect((await t.api.call('evaluation.questions', { includeArchived: true })).at(-1)).toMatchObject({ id: defaults[0]!.id, archived: true });

    const before = snapshot();
    await expectRefused(t.api.call('evaluation.addQuestion', { kind: 'open', text: 'Nog iets?', lowLabel: 'nee' }), 'invalid_input', /open vraag heeft geen eindlabels/);
    await expectRefused(t.api.call('evaluation.addQuestion', { kind: 'scale', text: ' ' }), 'invalid_input', /Vraag is verplicht/);
    await expectRefused(t.api.call('evaluation.updateQuestion', { id: added.id, lowLabel: '' }), 'invalid_input', /label/);
    await expectRefused(t.api.call('evaluation.moveQuestion', { id: active[1]!, direction: 'up' }), 'conflict', /al bovenaan/);
    await expectRefused(t.api.call('evaluation.moveQuestion', { id: active[0]!, direction: 'up' }), 'conflict', /gearchiveerde vraag/);
    await expectRefused(t.api.call('evaluation.updateQuestion', { id: 9999, text: 'x' }), 'not_found', /bestaat niet/);
    // A rater fills the form in, but does not edit the questions.
    const rater = await createRater(t.api, { name: 'Bea Smit', initials: 'BS', role: 'rater' });
    await signInAs(t.api, rater.id);
    expect((await refusal(t.api.call('evaluation.addQuestion', { kind: 'open', text: 'Nog iets?' }))).code).toBe('forbidden');
    expect(snapshot()).toBe(before);
  });
});

describe('a family’s form', () => {
  it('autosaves each answer pseudonymously and refuses an answer outside its scale, to an unknown or archived question, changing nothing', async () => {
    const family = await seedFamily(t.api, 'OB-26-501', [{ role: 'moeder', label: 'Fatima' }]);
    const questions = await t.api.call('evaluation.questions', {});
    const [scale, second] = questions.filter((q) => q.kind === 'scale');
    const open = questions.find((q) => q.kind === 'open')!;
    const empty = await t.api.call('evaluation.form', { familyId: family.id });
    expect(empty).toMatchObject({ familyCode: 'OB-26-501', filledOn: null, answers: [] });
    // Nothing that identifies beyond the family code: no caregiver, no label, no dates of birth.
    expect(JSON.stringify(empty)).not.toMatch(/Fatima|moeder|babyBirthMonth|2026-01/);

    await t.api.call('evaluation.answer', { familyId: family.id, questionId: scale!.id, value: 4 });
    await t.api.call('evaluation.answer', { familyId: family.id, questionId: scale!.id, value: 5 });
    await t.api.call('evaluation.answer', { familyId: family.id, questionId: second!.id, value: 2 });
    let form = await t.api.call('evaluation.answer', { familyId: family.id, questionId: open.id, text: '  Het kijken naar de filmpjes.  ' });
    expect(form.filledOn).toBe('2026-06-01');
    expect(form.answers).toEqual(
      [
        { questionId: scale!.id, value: 5, text: '' },
        { questionId: second!.id, value: 2, text: '' },
        { questionId: open.id, value: null, text: 'Het kijken naar de filmpjes.' },
      ].sort((a, b) => a.questionId - b.questionId),
    );
    // Emptying an answer removes it.
    form = await t.api.call('evaluation.answer', { familyId: family.id, questionId: second!.id, value: null });
    expect(form.answers.map((a) => a.questionId)).not.toContain(second!.id);
    // Stored against the family id only.
    expect(t.backend.db.prepare('PRAGMA table_info(evaluation_forms)').all().map((c) => (c as { name: string }).name)).toEqual(['id', 'family_id', 'filled_on', 'created_at', 'updated_at']);

    await t.api.call('evaluation.archiveQuestion', { id: second!.id, archived: true });
    const before = snapshot();
    for (const value of [0, 6, 2.5, -1]) {
      await expectRefused(t.api.call('evaluation.answer', { familyId: family.id, questionId: scale!.id, value }), 'invalid_input', new RegExp(`antwoord ${String(value).replace('.', '\\.')} op ".*" valt buiten de schaal`));
    }
    await expectRefused(t.api.call('evaluation.answer', { familyId: family.id, questionId: scale!.id, text: 'veel' }), 'invalid_input', /is een schaalvraag/);
    await expectRefused(t.api.call('evaluation.answer', { familyId: family.id, questionId: open.id, value: 3 }), 'invalid_input', /is een open vraag/);
    await expectRefused(t.api.call('evaluation.answer', { familyId: family.id, questionId: 9999, value: 3 }), 'not_found', /staat niet op het formulier/);
    await expectRefused(t.api.call('evaluation.answer', { familyId: family.id, questionId: second!.id, value: 3 }), 'conflict', /gearchiveerd/);
    await expectRefused(t.api.call('evaluation.answer', { familyId: 9999, questionId: scale!.id, value: 3 }), 'not_found', /gezin bestaat niet/);
    expect(snapshot()).toBe(before);

    // An archived question with an answer stays on that form.
    await t.api.call('evaluation.archiveQuestion', { id: scale!.id, archived: true });
    expect((await t.api.call('evaluation.form', { familyId: family.id })).questions.find((q) => q.id === scale!.id)).toMatchObject({ archived: true });
    const log = t.backend.db.prepare(`SELECT action, detail FROM access_log WHERE action LIKE 'evaluation.%' AND outcome = 'ok'`).all() as { detail: string }[];
    expect(log.length).toBeGreaterThan(0);
    expect(log.map((row) => row.detail).join(' ')).not.toMatch(/filmpjes/);
  });
});

describe('the team summary', () => {
  it('counts, averages and distributes each scale question across families in a date range, lists open answers without codes, and exports them (coordinator only)', async () => {
    const questions = await t.api.call('evaluation.questions', {});
    const scale = questions.find((q) => q.kind === 'scale')!;
    const open = questions.find((q) => q.kind === 'open')!;
    const fill = async (code: string, value: number, text: string, day: string) => {
      vi.setSystemTime(Date.parse(`${day}T11:00:00Z`));
      const family = await seedFamily(t.api, code);
      await t.api.call('evaluation.answer', { familyId: family.id, questionId: scale.id, value });
      if (text) await t.api.call('evaluation.answer', { familyId: family.id, questionId: open.id, text });
      return family;
    };
    await fill('OB-26-601', 5, 'Zonder de filmpjes had ik het niet gezien.', '2026-04-10');
    await fill('OB-26-602', 4, 'Fijne begeleider', '2026-05-10');
    await fill('OB-26-603', 4, '', '2026-05-20');
    vi.setSystemTime(NOW);

    const summary = await t.api.call('evaluation.summary', {});
    expect(summary.formCount).toBe(3);
    const row = summary.scales.find((s) => s.questionId === scale.id)!;
    expect(row).toMatchObject({ count: 3, distribution: [0, 0, 0, 2, 1] });
    expect(row.mean).toBeCloseTo(13 / 3, 10);
    expect(summary.open.find((o) => o.questionId === open.id)!.answers).toEqual(['Fijne begeleider', 'Zonder de filmpjes had ik het niet gezien.']);
    expect(JSON.stringify(summary)).not.toMatch(/OB-26-60/);

    const may = await t.api.call('evaluation.summary', { from: '2026-05-01', to: '2026-05-31' });
    expect(may.formCount).toBe(2);
    expect(may.scales.find((s) => s.questionId === scale.id)).toMatchObject({ count: 2, mean: 4, distribution: [0, 0, 0, 2, 0] });
    await expectRefused(t.api.call('evaluation.summary', { from: '2026-06-01', to: '2026-05-01' }), 'invalid_input', /begindatum .* ligt na de einddatum/);

    const file = await t.api.call('evaluation.exportCsv', { dialect: 'semicolon' });
    expect(file.fileName).toBe('afstemming-evaluatie-ouders-2026-06-01-excel-nl.csv');
    const csv = decode(file.base64);
    expect(csv.startsWith('\uFEFF"vraag_nr";"vraag";"soort";"aantal";"gemiddelde";"n_1";"n_2";"n_3";"n_4";"n_5";"antwoord"\r\n')).toBe(true);
    expect(csv).toContain(`${scale.id};"${scale.text}";"schaal 1-5";3;4,33;0;0;0;2;1;\r\n`);
    expect(csv).toContain('"Fijne begeleider"');
    expect(csv).not.toMatch(/OB-26-60/);
    // One row in each family's own log and one team row with the file.
    const logged = t.backend.db.prepare(`SELECT family_id, detail FROM access_log WHERE action = 'export.evaluation_csv' ORDER BY id`).all() as { family_id: number | null; detail: string }[];
    expect(logged.filter((r) => r.family_id !== null)).toHaveLength(3);
    expect(logged.at(-1)).toMatchObject({ family_id: null, detail: expect.stringMatching(/3 formulieren/) });

    const rater = await createRater(t.api, { name: 'Bea Smit', initials: 'BS', role: 'rater' });
    await signInAs(t.api, rater.id);
    expect((await refusal(t.api.call('evaluation.summary', {}))).code).toBe('forbidden');
    expect((await refusal(t.api.call('evaluation.exportCsv', { dialect: 'comma' }))).code).toBe('forbidden');
    await signInAs(t.api, coordinatorId);
  });
});
