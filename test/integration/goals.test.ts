import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GoalLinkTarget } from '../../shared/domain/goals';
import { fragmentWorld, type FragmentWorld } from './support/fragment-world';
import { refusal } from './support/refusal';
import { seedFamily, seedRecording } from './support/seed';
import { startTestBackend, type TestBackend } from './support/temp-backend';

// Guidance goals (issue 16 point 3). "Today" is 2026-06-01 (only Date is faked, so ctx.now says so
// too); the family was referred on 2026-02-01 (seedFamily).
const NOW = Date.UTC(2026, 5, 1, 11, 0, 0);
let t: TestBackend;
let w: FragmentWorld;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  t = startTestBackend(undefined, { runJobs: false });
  w = await fragmentWorld(t);
});
afterEach(() => {
  t.close();
  vi.useRealTimers();
});

/** Everything the goals keep, straight from the tables, to show a refusal changed nothing. */
const snapshot = () => {
  const db = t.backend.db;
  return JSON.stringify({
    goals: db.prepare('SELECT * FROM goals ORDER BY id').all(),
    events: db.prepare('SELECT * FROM goal_status_events ORDER BY id').all(),
    links: db.prepare('SELECT * FROM goal_links ORDER BY id').all(),
    family: db.prepare('SELECT updated_at FROM families').all(),
  });
};

async function expectRefused(call: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const error = await refusal(call);
  expect(error.code).toBe(code);
  expect(error.body.message).toMatch(message);
  expect(error.body.messageEn).toMatch(/[a-z]/);
  expect(error.body.messageEn).not.toBe(error.body.message);
}

/** A fragment by whoever is signed in now. */
const fragment = async (startMs: number, note: string) =>
  (await t.api.call('fragments.create', { recordingId: w.recordingId, startMs, endMs: startMs + 4000, tagIds: [1], note })).id;

/** Scores both scales for both caregivers in view and submits the sheet. */
async function scoreAndSubmit(roundId: number | null, value: number): Promise<void> {
  for (const caregiverId of [w.moederId, w.vaderId]) {
    for (const scale of ['sensitivity', 'cooperation'] as const) {
      await t.api.call('scoring.saveScore', { recordingId: w.recordingId, roundId, caregiverId, scale, value, rationale: '' });
    }
  }
  await t.api.call('scoring.submit', { recordingId: w.recordingId, roundId });
}

const sheetOf = (raterId: number, roundId: number) =>
  (t.backend.db.prepare('SELECT id FROM score_sheets WHERE rater_id = ? AND round_id = ?').get(raterId, roundId) as { id: number }).id;

describe('guidance goals', () => {
  it('keeps a goal with its dated status history, its text edits and an evaluation at afsluiting, and logs without the words', async () => {
    await w.as(w.rater);
    const goal = await t.api.call('goals.create', { familyId: w.familyId, text: '  Moeder volgt het tempo van de baby bij het spelen.  ', date: '2026-03-05' });
    expect(goal).toMatchObject({ text: 'Moeder volgt het tempo van de baby bij het spelen.', status: 'open', history: [{ status: 'open', date: '2026-03-05', byInitials: 'CV' }] });
    await t.api.call('goals.setStatus', { id: goal.id, status: 'in-behandeling', date: '2026-03-20' });
    await t.api.call('goals.update', { id: goal.id, text: 'Moeder volgt het tempo van de baby.' });
    const reached = await t.api.call('goals.setStatus', { id: goal.id, status: 'bereikt', date: '2026-05-01' });
    expect(reached.status).toBe('bereikt');
    expect(reached.history.map((event) => [event.status, event.date])).toEqual([
      ['open', '2026-03-05'],
      ['in-behandeling', '2026-03-20'],
      ['bereikt', '2026-05-01'],
    ]);

    // The evaluation waits for the evaluatie phase.
    await expectRefused(t.api.call('goals.evaluate', { id: goal.id, evaluation: 'Gelukt.' }), 'conflict', /nog niet in de fase evaluatie/);
    expect((await t.api.call('goals.forFamily', { familyId: w.familyId })).canEvaluate).toBe(false);
    await t.api.call('dossier.startPhase', { familyId: w.familyId, phase: 'introductie', date: '2026-02-10' });
    await t.api.call('dossier.startPhase', { familyId: w.familyId, phase: 'begeleiding', date: '2026-03-01' });
    await t.api.call('dossier.startPhase', { familyId: w.familyId, phase: 'evaluatie', date: '2026-05-20' });
    const evaluated = await t.api.call('goals.evaluate', { id: goal.id, evaluation: 'Moeder wacht nu op de baby.' });
    expect(evaluated).toMatchObject({ evaluation: 'Moeder wacht nu op de baby.', evaluatedOn: '2026-06-01' });
    const all = await t.api.call('goals.forFamily', { familyId: w.familyId });
    expect(all).toMatchObject({ canEvaluate: true, earliestDate: '2026-02-01', latestDate: '2026-06-01' });
    expect(all.goals).toHaveLength(1);

    // The refused evaluation is logged too; the second read within the window is not repeated.
    const rows = t.backend.db.prepare(`SELECT action || ' ' || outcome AS action, detail FROM access_log WHERE action LIKE 'goal.%' ORDER BY id`).all() as { action: string; detail: string }[];
    expect(rows.map((row) => row.action)).toEqual(['goal.create ok', 'goal.status ok', 'goal.update ok', 'goal.status ok', 'goal.evaluate refused', 'goal.read ok', 'goal.evaluate ok']);
    expect(rows.map((row) => row.detail).join(' ')).not.toMatch(/tempo|wacht|Moeder/);
  });

  it('refuses a goal without text, a date outside the dossier and a status out of order, and changes nothing', async () => {
    const goal = await t.api.call('goals.create', { familyId: w.familyId, text: 'Vader benoemt wat de baby voelt.', date: '2026-02-15' });
    await t.api.call('goals.setStatus', { id: goal.id, status: 'in-behandeling', date: '2026-04-01' });
    const before = snapshot();
    await expectRefused(t.api.call('goals.create', { familyId: w.familyId, text: '   ', date: '2026-03-05' }), 'invalid_input', /Tekst van het doel is verplicht/);
    await expectRefused(t.api.call('goals.create', { familyId: w.familyId, text: 'x'.repeat(1001), date: '2026-03-05' }), 'invalid_input', /maximaal 1000 tekens/);
    await expectRefused(t.api.call('goals.update', { id: goal.id, text: '' }), 'invalid_input', /Tekst van het doel is verplicht/);
    await expectRefused(t.api.call('goals.create', { familyId: w.familyId, text: 'Te vroeg', date: '2026-01-31' }), 'invalid_input', /vóór de aanmelding \(2026-02-01\)/);
    await expectRefused(t.api.call('goals.create', { familyId: w.familyId, text: 'Te laat', date: '2026-06-02' }), 'invalid_input', /na vandaag \(2026-06-01\)/);
    await expectRefused(t.api.call('goals.setStatus', { id: goal.id, status: 'bereikt', date: '2026-03-31' }), 'invalid_input', /vóór de laatste statuswijziging \(2026-04-01\)/);
    await expectRefused(t.api.call('goals.setStatus', { id: goal.id, status: 'in-behandeling', date: '2026-04-02' }), 'conflict', /staat al op in behandeling/);
    await expectRefused(t.api.call('goals.setStatus', { id: goal.id, status: 'bereikt', date: '2026-02-30' }), 'invalid_input', /geldige datum/);
    await expectRefused(t.api.call('goals.setStatus', { id: 99999, status: 'bereikt', date: '2026-04-02' }), 'not_found', /bestaat niet/);
    // The aanmelding cannot move past a goal's first date.
    await expectRefused(t.api.call('families.update', { id: w.familyId, referralDate: '2026-02-16' }), 'invalid_input', /begeleidingsdoel op 2026-02-15/);
    expect(snapshot()).toBe(before);

    // After the follow-up (the family closed on 2026-05-10) no later date is taken.
    for (const [phase, date] of [['introductie', '2026-02-10'], ['begeleiding', '2026-03-01'], ['evaluatie', '2026-04-20'], ['follow-up', '2026-05-01'], ['afgesloten', '2026-05-10']] as const) {
      await t.api.call('dossier.startPhase', { familyId: w.familyId, phase, date });
    }
    const closed = snapshot();
    await expectRefused(t.api.call('goals.setStatus', { id: goal.id, status: 'bereikt', date: '2026-05-11' }), 'invalid_input', /na het einde van de follow-up \(2026-05-10\)/);
    expect(snapshot()).toBe(closed);
    expect((await t.api.call('goals.setStatus', { id: goal.id, status: 'bereikt', date: '2026-05-10' })).status).toBe('bereikt');
  });
});

describe('links to scores and fragments, under the blind rules', () => {
  it('lets a rater link only what they may see, hides what they may not, and shows it after the reveal', async () => {
    const roundId = w.blindRound([w.recordingId], [w.coordinator, w.rater]);
    // The coordinator scores and marks a fragment; the rater marks one and scores (draft first).
    await w.as(w.coordinator);
    await scoreAndSubmit(roundId, 7);
    const coordinatorFragment = await fragment(1000, 'moeder lacht terug');
    const coordinatorScore: GoalLinkTarget = { kind: 'score', sheetId: sheetOf(w.coordinator.id, roundId), caregiverId: w.moederId, scale: 'sensitivity' };
    const goal = await t.api.call('goals.create', { familyId: w.familyId, text: 'Moeder reageert op de signalen van de baby.', date: '2026-03-05' });
    await t.api.call('goals.link', { id: goal.id, target: coordinatorScore });
    await t.api.call('goals.link', { id: goal.id, target: { kind: 'fragment', fragmentId: coordinatorFragment } });

    await w.as(w.rater);
    const ownFragment = await fragment(5000, 'baby kijkt naar vader');
    await t.api.call('scoring.saveScore', { recordingId: w.recordingId, roundId, caregiverId: w.moederId, scale: 'sensitivity', value: 4, rationale: '' });
    const ownScore: GoalLinkTarget = { kind: 'score', sheetId: sheetOf(w.rater.id, roundId), caregiverId: w.moederId, scale: 'sensitivity' };

    // Blind: the coordinator's score and fragment are hidden (no value, no note), the own draft is not linkable yet.
    let seen = await t.api.call('goals.forFamily', { familyId: w.familyId });
    expect(seen.options.map((option) => option.target)).toEqual([{ kind: 'fragment', fragmentId: ownFragment }]);
    expect(seen.goals[0]!.links.map((link) => link.hidden)).toEqual([true, true]);
    expect(JSON.stringify(seen.goals)).not.toMatch(/moeder lacht terug|"value":7/);
    const before = snapshot();
    const blind = /mag u \(nog\) niet zien/;
    await expectRefused(t.api.call('goals.link', { id: goal.id, target: { kind: 'fragment', fragmentId: coordinatorFragment } }), 'forbidden', blind);
    await expectRefused(t.api.call('goals.link', { id: goal.id, target: { ...coordinatorScore, caregiverId: w.vaderId } }), 'forbidden', blind);
    await expectRefused(t.api.call('goals.link', { id: goal.id, target: ownScore }), 'forbidden', blind);
    expect(snapshot()).toBe(before);

    // Once submitted, the own score is linkable and shows its value, scale and moment.
    await scoreAndSubmit(roundId, 4);
    let linked = await t.api.call('goals.link', { id: goal.id, target: ownScore });
    expect(linked.links.at(-1)).toMatchObject({ hidden: false, score: { scale: 'sensitivity', value: 4, moment: 'voormeting', caregiverRole: 'moeder', raterName: 'Chris de Vries', roundName: 'Intervisie maart' } });
    linked = await t.api.call('goals.link', { id: goal.id, target: { kind: 'fragment', fragmentId: ownFragment } });
    expect(linked.links.at(-1)).toMatchObject({ hidden: false, fragment: { startMs: 5000, endMs: 9000, note: 'baby kijkt naar vader' } });
    await expectRefused(t.api.call('goals.link', { id: goal.id, target: ownScore }), 'conflict', /al aan het doel gekoppeld/);

    // After the reveal the coordinator's score and fragment show for the rater too, and a consensus score is linkable.
    w.reveal(roundId);
    await w.as(w.coordinator);
    await t.api.call('rounds.setConsensus', { roundId, recordingId: w.recordingId, caregiverId: w.moederId, scale: 'sensitivity', value: 6, agreedBy: [] });
    await w.as(w.rater);
    seen = await t.api.call('goals.forFamily', { familyId: w.familyId });
    expect(seen.goals[0]!.links.map((link) => (link.hidden ? 'hidden' : (link.score?.value ?? link.fragment?.note)))).toEqual([7, 'moeder lacht terug', 4, 'baby kijkt naar vader']);
    const consensus = seen.options.find((option) => option.target.kind === 'consensus');
    expect(consensus).toMatchObject({ score: { value: 6, raterName: null, roundName: 'Intervisie maart' } });
    linked = await t.api.call('goals.link', { id: goal.id, target: consensus!.target });
    expect(linked.links.at(-1)).toMatchObject({ hidden: false, score: { value: 6 } });

    // Unlinking removes one link; the others stay.
    const unlinked = await t.api.call('goals.unlink', { id: goal.id, linkId: linked.links[0]!.id });
    expect(unlinked.links).toHaveLength(4);
  });

  it('hides the moment while a round hides it, and refuses a link to another family or to nothing, changing nothing', async () => {
    const roundId = w.blindRound([w.recordingId], [w.coordinator, w.rater]);
    t.backend.db.prepare('UPDATE rounds SET blind_moment = 1 WHERE id = ?').run(roundId);
    await w.as(w.coordinator);
    await scoreAndSubmit(roundId, 5);
    const options = (await t.api.call('goals.forFamily', { familyId: w.familyId })).options;
    expect(options.filter((option) => option.score).map((option) => [option.score!.moment, option.score!.recordedOn])).toEqual(Array(4).fill([null, null]));

    const other = await seedFamily(t.api, 'OB-26-002');
    const otherRecording = seedRecording(t.backend, { familyId: other.id, caregiverIds: [other.caregivers[0]!.id] });
    const foreign = (await t.api.call('fragments.create', { recordingId: otherRecording, startMs: 0, endMs: 1000, tagIds: [1], note: '' })).id;
    const goal = await t.api.call('goals.create', { familyId: w.familyId, text: 'Samen spelen.', date: '2026-03-05' });
    const before = snapshot();
    await expectRefused(t.api.call('goals.link', { id: goal.id, target: { kind: 'fragment', fragmentId: foreign } }), 'invalid_input', /hoort bij een ander gezin/);
    await expectRefused(t.api.call('goals.link', { id: goal.id, target: { kind: 'fragment', fragmentId: 99999 } }), 'not_found', /bestaat niet/);
    await expectRefused(
      t.api.call('goals.link', { id: goal.id, target: { kind: 'consensus', roundId, recordingId: w.recordingId, caregiverId: w.moederId, scale: 'sensitivity' } }),
      'not_found',
      /bestaat niet/,
    );
    expect(snapshot()).toBe(before);
  });
});
