import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refusal } from './support/refusal';
import { createRater, signInAs, startTestBackend, withCoordinator, type TestBackend } from './support/temp-backend';

// "Today" is 2026-06-01 (mid-day UTC, the same calendar day in every European zone): only Date is
// faked, so the back end's own time (ctx.now) says so too. The family was referred on 2026-02-01.
const NOW = Date.UTC(2026, 5, 1, 11, 0, 0);
let t: TestBackend;
let familyId: number;
let coordinatorId: number;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  t = startTestBackend(undefined, { runJobs: false });
  coordinatorId = (await withCoordinator(t.api)).id;
  familyId = (await t.api.call('families.create', { code: 'OB-26-401', babyBirthMonth: '2026-01', referralDate: '2026-02-01' })).id;
});
afterEach(() => {
  t.close();
  vi.useRealTimers();
});

/** Everything the dossier keeps, straight from the tables, to show a refusal changed nothing. */
const snapshot = () => {
  const db = t.backend.db;
  return JSON.stringify({
    family: db.prepare('SELECT phase, referral_date, updated_at FROM families WHERE id = ?').get(familyId),
    phases: db.prepare('SELECT * FROM family_phases ORDER BY phase').all(),
    intakes: db.prepare('SELECT * FROM family_intakes').all(),
    entries: db.prepare('SELECT * FROM logbook_entries ORDER BY id').all(),
  });
};

describe('phases with dates', () => {
  it('moves through the phases in order, each ending where the next begins, and shows the current one in the list', async () => {
    await t.api.call('dossier.startPhase', { familyId, phase: 'introductie', date: '2026-02-10' });
    await t.api.call('dossier.startPhase', { familyId, phase: 'begeleiding', date: '2026-03-01' });
    const dossier = await t.api.call('dossier.startPhase', { familyId, phase: 'evaluatie', date: '2026-05-20' });
    expect(dossier.currentPhase).toBe('evaluatie');
    expect(dossier.phases).toEqual([
      { phase: 'aanmelding', startedOn: '2026-02-01', endedOn: '2026-02-10' },
      { phase: 'introductie', startedOn: '2026-02-10', endedOn: '2026-03-01' },
      { phase: 'begeleiding', startedOn: '2026-03-01', endedOn: '2026-05-20' },
      { phase: 'evaluatie', startedOn: '2026-05-20', endedOn: null },
    ]);
    const [row] = await t.api.call('families.list', {});
    expect(row).toMatchObject({ phase: 'evaluatie', phaseSince: '2026-05-20' });

    // A date moved between its neighbours; undo goes back one phase and forgets its start.
    await t.api.call('dossier.setPhaseDate', { familyId, phase: 'begeleiding', date: '2026-03-05' });
    const undone = await t.api.call('dossier.undoPhase', { familyId });
    expect(undone.currentPhase).toBe('begeleiding');
    expect(undone.phases.at(-1)).toEqual({ phase: 'begeleiding', startedOn: '2026-03-05', endedOn: null });
    expect((await t.api.call('families.get', { id: familyId })).phaseSince).toBe('2026-03-05');
  });

  it('refuses dates out of order, before the aanmelding or far ahead, an earlier phase, and changes nothing', async () => {
    await t.api.call('dossier.startPhase', { familyId, phase: 'introductie', date: '2026-03-01' });
    await t.api.call('dossier.startPhase', { familyId, phase: 'begeleiding', date: '2026-04-01' });
    const before = snapshot();
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      ['before the previous phase', () => t.api.call('dossier.startPhase', { familyId, phase: 'evaluatie', date: '2026-03-15' }), /vorige fase begon pas op 2026-04-01/],
      ['before the aanmelding', () => t.api.call('dossier.startPhase', { familyId, phase: 'evaluatie', date: '2026-01-31' }), /vóór de aanmelding \(2026-02-01\)/],
      ['beyond today and the margin', () => t.api.call('dossier.startPhase', { familyId, phase: 'evaluatie', date: '2026-06-16' }), /te ver in de toekomst.*tot 2026-06-15/],
      ['an earlier phase', () => t.api.call('dossier.startPhase', { familyId, phase: 'introductie', date: '2026-05-01' }), /al in de fase begeleiding/],
      ['a date after the next phase', () => t.api.call('dossier.setPhaseDate', { familyId, phase: 'introductie', date: '2026-04-02' }), /na het begin van de volgende fase \(2026-04-01\)/],
      ['a phase not entered', () => t.api.call('dossier.setPhaseDate', { familyId, phase: 'follow-up', date: '2026-05-01' }), /niet in de fase follow-up geweest/],
      ['the aanmelding itself', () => t.api.call('dossier.setPhaseDate', { familyId, phase: 'aanmelding', date: '2026-02-02' }), /aanmelddatum/],
      ['the aanmelding moved past a phase', () => t.api.call('families.update', { id: familyId, referralDate: '2026-03-02' }), /volgende fase op 2026-03-01/],
      ['not a date', () => t.api.call('dossier.startPhase', { familyId, phase: 'evaluatie', date: '2026-02-30' }), /geldige datum/],
    ];
    for (const [name, call, message] of cases) {
      const error = await refusal(call());
      expect(error.code, name).toBe('invalid_input');
      expect(error.body.message, name).toMatch(message);
      expect(error.body.messageEn, name).not.toBe(error.body.message);
      expect(error.body.messageEn, name).toMatch(/[a-z]/);
    }
    expect(snapshot()).toBe(before);
    // Up to today + 14 days is fine (a phase planned ahead).
    await expect(t.api.call('dossier.startPhase', { familyId, phase: 'evaluatie', date: '2026-06-15' })).resolves.toMatchObject({ currentPhase: 'evaluatie' });
  });

  it('keeps families.update { phase } to the same rules and records its start', async () => {
    await t.api.call('families.update', { id: familyId, phase: 'begeleiding' });
    const dossier = await t.api.call('dossier.get', { familyId });
    expect(dossier.phases.at(-1)).toEqual({ phase: 'begeleiding', startedOn: '2026-06-01', endedOn: null });
    await t.api.call('families.update', { id: familyId, phase: 'aanmelding' });
    expect((await t.api.call('dossier.get', { familyId })).phases).toEqual([{ phase: 'aanmelding', startedOn: '2026-02-01', endedOn: null }]);
    expect(t.backend.db.prepare('SELECT count(*) AS n FROM family_phases').get()).toEqual({ n: 0 });
  });
});

describe('the aanmelding and its contra-indications', () => {
  it('keeps referrer, indication and contra-indications as fields, each edit at once', async () => {
    await t.api.call('dossier.updateIntake', { familyId, referrer: 'Huisarts' });
    await t.api.call('dossier.updateIntake', { familyId, indication: 'anders', indicationNote: 'autisme ouder' });
    const dossier = await t.api.call('dossier.updateIntake', { familyId, highStress: true, highStressNote: 'PSI hoog' });
    expect(dossier.intake).toEqual({
      referrer: 'Huisarts',
      indication: 'anders',
      indicationNote: 'autisme ouder',
      highStress: true,
      highStressNote: 'PSI hoog',
      unsafe: false,
      unsafeNote: '',
      override: null,
    });
    expect(dossier.blockedBy).toEqual(['highStress']);
    const before = snapshot();
    const bad = await refusal(t.api.call('dossier.updateIntake', { familyId, indication: 'onbekend' as never }));
    expect(bad.body.message).toMatch(/Kies een indicatie/);
    expect(bad.body.messageEn).toMatch(/Choose an indication/);
    await refusal(t.api.call('dossier.updateIntake', { familyId, referrer: 'x'.repeat(121) }));
    await refusal(t.api.call('dossier.updateIntake', { familyId }));
    expect(snapshot()).toBe(before);
  });

  it('a contra-indication holds the family in aanmelding until a coordinator overrides it with a reason kept out of the log', async () => {
    await t.api.call('dossier.updateIntake', { familyId, unsafe: true, unsafeNote: 'melding Veilig Thuis' });
    const before = snapshot();
    const blocked = await refusal(t.api.call('dossier.startPhase', { familyId, phase: 'introductie', date: '2026-03-01' }));
    expect(blocked.code).toBe('conflict');
    expect(blocked.body.message).toMatch(/contra-indicatie aangevinkt \(acuut onveilige situatie\)/);
    expect(blocked.body.messageEn).toMatch(/acute unsafe situation/);
    // The older way in (families.update) is held back just the same.
    expect((await refusal(t.api.call('families.update', { id: familyId, phase: 'begeleiding' }))).code).toBe('conflict');
    expect(snapshot()).toBe(before);
    // Closing the case is always possible, and can be undone.
    await t.api.call('dossier.startPhase', { familyId, phase: 'afgesloten', date: '2026-03-01' });
    await t.api.call('dossier.undoPhase', { familyId });

    // A rater may not override; a coordinator may, with a reason.
    const rater = await createRater(t.api, { name: 'Bea', initials: 'BB', role: 'rater' });
    await signInAs(t.api, rater.id);
    expect((await refusal(t.api.call('dossier.overrideContraIndication', { familyId, reason: 'ZZGEHEIM' }))).code).toBe('forbidden');
    await signInAs(t.api, coordinatorId);
    expect((await refusal(t.api.call('dossier.overrideContraIndication', { familyId, reason: '   ' }))).body.message).toMatch(/Reden is verplicht/);
    const overridden = await t.api.call('dossier.overrideContraIndication', { familyId, reason: 'Veiligheidsplan ZZGEHEIM afgesproken' });
    expect(overridden.blockedBy).toEqual([]);
    expect(overridden.intake.override).toMatchObject({ covers: ['unsafe'], byName: 'Coördinator Test', reason: 'Veiligheidsplan ZZGEHEIM afgesproken' });
    await expect(t.api.call('dossier.startPhase', { familyId, phase: 'introductie', date: '2026-03-01' })).resolves.toMatchObject({ currentPhase: 'introductie' });

    const log = t.backend.db.prepare(`SELECT action, outcome, detail FROM access_log WHERE action = 'dossier.override'`).all() as { detail: string; outcome: string }[];
    expect(log.map((row) => row.outcome)).toEqual(['refused', 'refused', 'ok']);
    expect(log.at(-1)!.detail).toBe('contra-indicatie doorbroken: unsafe');
    const anywhere = t.backend.db.prepare(`SELECT count(*) AS n FROM access_log WHERE detail LIKE '%ZZGEHEIM%' OR detail LIKE '%Veilig Thuis%'`).get();
    expect(anywhere).toEqual({ n: 0 });
  });

  it('an override covers the contra-indications checked then, not one checked later', async () => {
    await t.api.call('dossier.updateIntake', { familyId, highStress: true });
    await t.api.call('dossier.overrideContraIndication', { familyId, reason: 'Stress is begrijpelijk, steun thuis' });
    const later = await t.api.call('dossier.updateIntake', { familyId, unsafe: true });
    expect(later.blockedBy).toEqual(['unsafe']);
    expect((await refusal(t.api.call('dossier.startPhase', { familyId, phase: 'introductie', date: '2026-03-01' }))).code).toBe('conflict');
    await t.api.call('dossier.overrideContraIndication', { familyId, reason: 'Plan met wijkteam' });
    await expect(t.api.call('dossier.startPhase', { familyId, phase: 'introductie', date: '2026-03-01' })).resolves.toMatchObject({ blockedBy: [] });
  });
});

describe('the logbook with agreements', () => {
  it('keeps dated entries and agreements, newest first, and a status change is one call', async () => {
    await t.api.call('dossier.addEntry', { familyId, date: '2026-03-01', text: 'Kennismaking, moeder open.' });
    const agreement = await t.api.call('dossier.addEntry', { familyId, date: '2026-03-08', text: 'Moeder legt baby na voeding op de buik.', agreement: true });
    expect(agreement).toMatchObject({ agreement: 'open', authorInitials: 'CT', date: '2026-03-08' });
    const kept = await t.api.call('dossier.updateEntry', { id: agreement.id, agreement: 'nagekomen' });
    expect(kept.agreement).toBe('nagekomen');
    const dossier = await t.api.call('dossier.get', { familyId });
    expect(dossier.logbook.map((e) => [e.date, e.agreement])).toEqual([
      ['2026-03-08', 'nagekomen'],
      ['2026-03-01', null],
    ]);
    await t.api.call('dossier.removeEntry', { id: dossier.logbook[1]!.id });
    expect((await t.api.call('dossier.get', { familyId })).logbook).toHaveLength(1);
  });

  it('refuses entries before the aanmelding, in the future, empty or with an unknown status, and changes nothing', async () => {
    const entry = await t.api.call('dossier.addEntry', { familyId, date: '2026-03-01', text: 'Eerste bezoek', agreement: true });
    const before = snapshot();
    const early = await refusal(t.api.call('dossier.addEntry', { familyId, date: '2026-01-31', text: 'te vroeg' }));
    expect(early.body.message).toMatch(/vóór de aanmelding \(2026-02-01\)/);
    expect(early.field('date', 'nl')).toBe('Datum vóór de aanmelding.');
    expect((await refusal(t.api.call('dossier.addEntry', { familyId, date: '2026-06-02', text: 'morgen' }))).body.message).toMatch(/in de toekomst/);
    expect((await refusal(t.api.call('dossier.addEntry', { familyId, date: '2026-03-01', text: '  ' }))).body.message).toMatch(/Tekst van de logboekregel is verplicht/);
    expect((await refusal(t.api.call('dossier.updateEntry', { id: entry.id, agreement: 'gedaan' as never }))).body.messageEn).toMatch(/Choose open, kept/);
    expect((await refusal(t.api.call('dossier.updateEntry', { id: entry.id, date: '2026-01-01' }))).code).toBe('invalid_input');
    expect((await refusal(t.api.call('families.update', { id: familyId, referralDate: '2026-03-02' }))).body.message).toMatch(/logboekregel op 2026-03-01/);
    expect((await refusal(t.api.call('dossier.updateEntry', { id: 999, text: 'x' }))).code).toBe('not_found');
    expect(snapshot()).toBe(before);
  });

  it('keeps nothing dated after the follow-up: an entry on its day is kept, a later one refused', async () => {
    await t.api.call('dossier.startPhase', { familyId, phase: 'introductie', date: '2026-02-10' });
    await t.api.call('dossier.startPhase', { familyId, phase: 'begeleiding', date: '2026-03-01' });
    await t.api.call('dossier.startPhase', { familyId, phase: 'evaluatie', date: '2026-04-20' });
    await t.api.call('dossier.startPhase', { familyId, phase: 'follow-up', date: '2026-05-20' });
    const review = await t.api.call('dossier.addEntry', { familyId, date: '2026-05-20', text: 'Afspraken nagelopen' });
    const before = snapshot();
    const late = await refusal(t.api.call('dossier.addEntry', { familyId, date: '2026-05-21', text: 'Na de follow-up' }));
    expect(late.body.message).toBe('De logboekregel op 2026-05-21 ligt na de follow-up (2026-05-20). Er is niets gewijzigd.');
    expect(late.field('date', 'en')).toBe('Date after the follow-up.');
    expect((await refusal(t.api.call('dossier.updateEntry', { id: review.id, date: '2026-05-25' }))).code).toBe('invalid_input');
    expect(snapshot()).toBe(before);
  });
});

describe('who may see and keep the dossier', () => {
  it('a rater reads and keeps the dossier like the family page, and every read and change is in the access log without the typed words', async () => {
    const rater = await createRater(t.api, { name: 'Bea', initials: 'BB', role: 'rater' });
    await signInAs(t.api, rater.id);
    await t.api.call('dossier.updateIntake', { familyId, referrer: 'Wijkteam ZZWOORD' });
    await t.api.call('dossier.startPhase', { familyId, phase: 'introductie', date: '2026-03-01' });
    const entry = await t.api.call('dossier.addEntry', { familyId, date: '2026-03-02', text: 'ZZWOORD afspraak', agreement: true });
    await t.api.call('dossier.updateEntry', { id: entry.id, agreement: 'vervallen' });
    expect((await t.api.call('dossier.get', { familyId })).logbook[0]).toMatchObject({ authorInitials: 'BB', agreement: 'vervallen' });

    const rows = t.backend.db.prepare(`SELECT action, detail, rater_name FROM access_log WHERE family_id = ? AND action LIKE 'dossier.%' ORDER BY id`).all(familyId);
    expect(rows).toEqual([
      { action: 'dossier.intake_update', detail: 'aanmelding: referrer', rater_name: 'Bea' },
      { action: 'dossier.phase_start', detail: 'fase introductie vanaf 2026-03-01', rater_name: 'Bea' },
      { action: 'dossier.entry_add', detail: `regel ${entry.id} op 2026-03-02 (afspraak)`, rater_name: 'Bea' },
      { action: 'dossier.entry_update', detail: `regel ${entry.id}: agreement; afspraak vervallen`, rater_name: 'Bea' },
      { action: 'dossier.read', detail: 'dossier', rater_name: 'Bea' },
    ]);
    expect(t.backend.db.prepare(`SELECT count(*) AS n FROM access_log WHERE detail LIKE '%ZZWOORD%'`).get()).toEqual({ n: 0 });

    // Signed out, nothing of it answers.
    await t.api.call('session.signOut', {});
    expect((await refusal(t.api.call('dossier.get', { familyId }))).code).toBe('no_rater');
  });
});
