import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../shared/api/client';
import type { Rater } from '../../shared/domain/entities';
import { DEFAULT_ANCHORS } from '../../shared/domain/scales';
import { seedFamily, seedRecording } from './support/seed';
import { startTestBackend, withCoordinator, type TestBackend, signInAs, createRater } from './support/temp-backend';
import { refusal } from './support/refusal';

let t: TestBackend;
beforeEach(() => {
  t = startTestBackend();
});
afterEach(() => t.close());

/** Everything scoring writes, so a refused call can be shown to have changed nothing. */
function scoringSnapshot() {
  const db = t.backend.db;
  const tables = ['anchor_versions', 'score_sheets', 'scores', 'score_sheet_events', 'rounds', 'round_recordings', 'round_raters', 'round_items', 'consensus_agreements'];
  return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()]));
}

const as = (api: Api, rater: Rater) => signInAs(api, rater.id);

interface World {
  coordinator: Rater;
  raters: Rater[];
  familyId: number;
  mother: number;
  father: number;
  recordingA: number;
  recordingB: number;
  other: number;
}

async function world(): Promise<World> {
  const coordinator = await withCoordinator(t.api, 'Anna Coördinator');
  const raters: Rater[] = [];
  for (const [name, initials] of [
    ['Bram', 'BR'],
    ['Cora', 'CO'],
    ['Daan', 'DA'],
  ] as const) {
    raters.push(await createRater(t.api, { name, initials, role: 'rater' }));
  }
  const family = await seedFamily(t.api, 'OB-26-001', [
    { role: 'moeder', label: 'moeder (M.)' },
    { role: 'vader', label: 'vader (B.)' },
  ]);
  const [mother, father] = family.caregivers.map((c) => c.id) as [number, number];
  const recordingA = seedRecording(t.backend, { familyId: family.id, caregiverIds: [mother, father] });
  const recordingB = seedRecording(t.backend, { familyId: family.id, caregiverIds: [mother], moment: 'nameting' });
  const otherFamily = await seedFamily(t.api, 'OB-26-002');
  const other = seedRecording(t.backend, { familyId: otherFamily.id, caregiverIds: [otherFamily.caregivers[0]!.id] });
  return { coordinator, raters, familyId: family.id, mother, father, recordingA, recordingB, other };
}

async function fillSheet(recordingId: number, roundId: number | null, caregivers: number[], values: [number, number]) {
  for (const caregiverId of caregivers) {
    await t.api.call('scoring.saveScore', { recordingId, roundId, caregiverId, scale: 'sensitivity', value: values[0] });
    await t.api.call('scoring.saveScore', { recordingId, roundId, caregiverId, scale: 'cooperation', value: values[1] });
  }
}

describe('anchor texts', () => {
  it('start as the texts of SCALES.md (version 1) and a coordinator edit makes a new version that old scores do not follow', async () => {
    const w = await world();
    const anchors = await t.api.call('scoring.anchors', {});
    expect(anchors.map((a) => [a.scale, a.version])).toEqual([
      ['sensitivity', 1],
      ['cooperation', 1],
    ]);
    expect(anchors[0]!.texts).toEqual(DEFAULT_ANCHORS.sensitivity);
    expect(anchors[1]!.texts['5'].nl.title).toBe('Wisselend');

    await t.api.call('scoring.saveScore', { recordingId: w.other, roundId: null, caregiverId: (await otherCaregiver(w)), scale: 'sensitivity', value: 5 });
    const texts = structuredClone(DEFAULT_ANCHORS.sensitivity);
    texts['5'].nl.title = 'Wisselend sensitief (handboek)';
    const v2 = await t.api.call('scoring.updateAnchors', { scale: 'sensitivity', texts });
    expect(v2.version).toBe(2);
    expect(v2.createdByName).toBe('Anna Coördinator');
    const sheet = await t.api.call('scoring.sheet', { recordingId: w.other, roundId: null });
    expect(sheet.scores[0]).toMatchObject({ value: 5, anchorVersion: 1 });
    expect(sheet.anchors[0]!.version).toBe(2);
    const saved = await t.api.call('scoring.saveScore', {
      recordingId: w.other,
      roundId: null,
      caregiverId: await otherCaregiver(w),
      scale: 'sensitivity',
      value: 6,
      anchorVersionId: v2.versionId,
    });
    expect(saved.scores[0]).toMatchObject({ value: 6, anchorVersion: 2 });
    expect((await t.api.call('scoring.anchorVersions', { scale: 'sensitivity' })).map((a) => a.version)).toEqual([2, 1]);

    await as(t.api, w.raters[0]!);
    const refused = await refusal(t.api.call('scoring.updateAnchors', { scale: 'sensitivity', texts }));
    expect(refused.code).toBe('forbidden');
    const incomplete = await refusal(
      t.api.call('scoring.updateAnchors', { scale: 'cooperation', texts: { ...texts, '9': { nl: { title: '', text: 'x' } } } }),
    );
    expect(incomplete.message).toMatch(/Titel van het anker is verplicht/);
  });
});

async function otherCaregiver(w: World): Promise<number> {
  return (await t.api.call('scoring.sheet', { recordingId: w.other, roundId: null })).recording.caregivers[0]!.id;
}

describe('practice scoring (niet blind)', () => {
  it('saves drafts at once, submits only complete sheets, locks them, and reopens with a reason kept in the sheet history, never in the access log', async () => {
    const w = await world();
    await as(t.api, w.raters[0]!);
    let sheet = await t.api.call('scoring.sheet', { recordingId: w.recordingA });
    expect(sheet).toMatchObject({ roundId: null, blind: false, status: 'none', locked: false });
    expect(sheet.recording.caregivers.map((c) => c.label)).toEqual(['moeder (M.)', 'vader (B.)']);

    sheet = await t.api.call('scoring.saveScore', { recordingId: w.recordingA, roundId: null, caregiverId: w.mother, scale: 'sensitivity', rationale: 'Zie [01:23] en [02:10-02:30].' });
    expect(sheet.status).toBe('draft');
    sheet = await t.api.call('scoring.saveScore', { recordingId: w.recordingA, roundId: null, caregiverId: w.mother, scale: 'sensitivity', value: 4 });
    expect(sheet.scores).toEqual([expect.objectContaining({ caregiverId: w.mother, scale: 'sensitivity', value: 4, rationale: 'Zie [01:23] en [02:10-02:30].', anchorVersion: 1 })]);

    const incomplete = await refusal(t.api.call('scoring.submit', { recordingId: w.recordingA, roundId: null }));
    expect(incomplete.code).toBe('invalid_input');
    expect(incomplete.message).toBe(
      'Nog niet alles gescoord: Coöperatie voor moeder (M.), Sensitiviteit voor vader (B.), Coöperatie voor vader (B.). Indienen kan als beide schalen voor elke ouder in beeld een score hebben.',
    );

    await fillSheet(w.recordingA, null, [w.mother, w.father], [5, 6]);
    sheet = await t.api.call('scoring.submit', { recordingId: w.recordingA, roundId: null });
    expect(sheet).toMatchObject({ status: 'submitted', locked: true, blind: false });

    const before = scoringSnapshot();
    const twice = await refusal(t.api.call('scoring.submit', { recordingId: w.recordingA, roundId: null }));
    expect(twice.message).toBe('Deze scores zijn al ingediend.');
    const edit = await refusal(t.api.call('scoring.saveScore', { recordingId: w.recordingA, roundId: null, caregiverId: w.mother, scale: 'sensitivity', value: 7 }));
    expect(edit.code).toBe('conflict');
    expect(edit.message).toMatch(/ingediend en liggen vast\. Heropen ze eerst/);
    const noReason = await refusal(t.api.call('scoring.reopen', { recordingId: w.recordingA, roundId: null, reason: '  ' }));
    expect(noReason.message).toMatch(/Reden om te heropenen is verplicht/);
    expect(scoringSnapshot()).toEqual(before);

    sheet = await t.api.call('scoring.reopen', { recordingId: w.recordingA, roundId: null, reason: 'Vader verkeerd gelezen' });
    expect(sheet.status).toBe('draft');
    expect(sheet.history.map((e) => [e.kind, e.reason, e.raterName])).toEqual([
      ['submitted', '', 'Bram'],
      ['reopened', 'Vader verkeerd gelezen', 'Bram'],
    ]);
    sheet = await t.api.call('scoring.saveScore', { recordingId: w.recordingA, roundId: null, caregiverId: w.father, scale: 'cooperation', value: 3 });
    expect(sheet.scores.find((s) => s.caregiverId === w.father && s.scale === 'cooperation')?.value).toBe(3);

    await as(t.api, w.coordinator);
    const log = await t.api.call('accessLog.forFamily', { familyId: w.familyId });
    const reopen = log.find((entry) => entry.action === 'score.reopen');
    expect(reopen?.detail).toBe(`opname ${w.recordingA}; heropend; oefening (niet blind)`);
    expect(reopen?.raterName).toBe('Bram');
    // That it was reopened, never the reason: the coordinator reads this before a reveal, and it outlives an erasure.
    const everything = t.backend.db.prepare('SELECT detail FROM access_log').all() as { detail: string }[];
    expect(everything.filter((row) => /verkeerd gelezen/.test(row.detail))).toEqual([]);
    // The log names what was scored, never the value.
    expect(log.filter((e) => e.action === 'score.save').every((e) => !/\b[1-9]\b(?!\d)/.test(e.detail.replace(/opname \d+/, '')))).toBe(true);

    const mine = await as(t.api, w.raters[0]!).then(() => t.api.call('scoring.mine', {}));
    expect(mine).toEqual([expect.objectContaining({ roundId: null, blind: false, status: 'draft' })]);
  });

  it('refuses bad scores and caregivers with a Dutch message and changes nothing', async () => {
    const w = await world();
    await as(t.api, w.raters[0]!);
    await t.api.call('scoring.saveScore', { recordingId: w.recordingB, roundId: null, caregiverId: w.mother, scale: 'sensitivity', value: 5 });
    const before = scoringSnapshot();
    for (const value of [0, 10, 4.5, 'vijf', -1, Number.NaN]) {
      const error = await refusal(t.api.call('scoring.saveScore', { recordingId: w.recordingB, roundId: null, caregiverId: w.mother, scale: 'sensitivity', value: value as number }));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toBe('Ongeldige invoer (value): Een score is een geheel getal van 1 tot en met 9.');
    }
    const notInView = await refusal(t.api.call('scoring.saveScore', { recordingId: w.recordingB, roundId: null, caregiverId: w.father, scale: 'sensitivity', value: 5 }));
    expect(notInView.message).toBe('Deze ouder/verzorger is niet in beeld in deze opname.');
    const scale = await refusal(t.api.call('scoring.saveScore', { recordingId: w.recordingB, roundId: null, caregiverId: w.mother, scale: 'warmte' as 'sensitivity', value: 5 }));
    expect(scale.message).toMatch(/Onbekende schaal/);
    const unknown = await refusal(t.api.call('scoring.saveScore', { recordingId: 9999, roundId: null, caregiverId: w.mother, scale: 'sensitivity', value: 5 }));
    expect(unknown.message).toBe('Deze opname bestaat niet (meer).');
    const nothing = await refusal(t.api.call('scoring.saveScore', { recordingId: w.recordingB, roundId: null, caregiverId: w.mother, scale: 'sensitivity' }));
    expect(nothing.message).toMatch(/Geef een score of een onderbouwing/);
    const wrongVersion = await refusal(
      t.api.call('scoring.saveScore', {
        recordingId: w.recordingB,
        roundId: null,
        caregiverId: w.mother,
        scale: 'sensitivity',
        value: 5,
        anchorVersionId: (await t.api.call('scoring.anchors', {}))[1]!.versionId,
      }),
    );
    expect(wrongVersion.message).toMatch(/hoort niet bij deze schaal/);
    expect(scoringSnapshot()).toEqual(before);
  });
});

describe('scoring rounds', () => {
  async function createRound(w: World, revealRule: 'all_submitted' | 'coordinator', raters = [w.coordinator, ...w.raters]) {
    await as(t.api, w.coordinator);
    return t.api.call('rounds.create', {
      name: 'Intervisie november',
      heldOn: '2026-11-12',
      revealRule,
      recordingIds: [w.recordingA, w.recordingB],
      raterIds: raters.map((r) => r.id),
    });
  }

  it('shows each rater their assignments and own progress, and only names of who submitted', async () => {
    const w = await world();
    const round = await createRound(w, 'coordinator');
    expect(round).toMatchObject({ kind: 'meeting', recordingCount: 2, raterCount: 4, expectedCount: 8, submittedCount: 0, revealedAt: null });

    await as(t.api, w.raters[0]!);
    expect((await t.api.call('rounds.list', {})).map((r) => [r.name, r.mine])).toEqual([['Intervisie november', { assigned: true, submitted: 0, total: 2 }]]);
    const sheet = await t.api.call('scoring.sheet', { recordingId: w.recordingA });
    expect(sheet).toMatchObject({ roundId: round.id, blind: true, roundName: 'Intervisie november' });
    await fillSheet(w.recordingA, round.id, [w.mother, w.father], [3, 4]);
    await t.api.call('scoring.submit', { recordingId: w.recordingA, roundId: round.id });

    const practice = await refusal(t.api.call('scoring.saveScore', { recordingId: w.recordingB, roundId: null, caregiverId: w.mother, scale: 'sensitivity', value: 5 }));
    expect(practice.message).toMatch(/staat in ronde "Intervisie november", waarvoor u bent ingedeeld/);

    await as(t.api, w.raters[1]!);
    const detail = await t.api.call('rounds.get', { roundId: round.id });
    expect(detail.mine).toEqual({ assigned: true, submitted: 0, total: 2 });
    expect(detail.recordings[0]!.submittedBy.map((r) => r.name)).toEqual(['Bram']);
    expect(detail.recordings[0]!.myStatus).toBe('none');
    const meeting = await t.api.call('rounds.meeting', { roundId: round.id });
    expect(meeting.revealed).toBe(false);
    expect(meeting.items).toEqual([]);
  });

  it('refuses unassigned raters, non-coordinator reveals and a second reveal, changing nothing', async () => {
    const w = await world();
    const round = await createRound(w, 'coordinator', [w.coordinator, w.raters[0]!, w.raters[1]!]);
    await as(t.api, w.raters[2]!);
    const before = scoringSnapshot();
    const save = await refusal(t.api.call('scoring.saveScore', { recordingId: w.recordingA, roundId: round.id, caregiverId: w.mother, scale: 'sensitivity', value: 5 }));
    expect(save.code).toBe('forbidden');
    expect(save.message).toBe('U bent niet ingedeeld in ronde "Intervisie november".');
    expect((await refusal(t.api.call('rounds.get', { roundId: round.id }))).message).toBe('U bent niet ingedeeld in deze ronde.');
    expect((await refusal(t.api.call('rounds.meeting', { roundId: round.id }))).code).toBe('forbidden');
    expect(await t.api.call('rounds.list', {})).toEqual([]);
    const reveal = await refusal(t.api.call('rounds.reveal', { roundId: round.id }));
    expect(reveal.message).toBe('Alleen een coördinator mag dit doen.');
    await as(t.api, w.raters[0]!);
    expect((await refusal(t.api.call('rounds.reveal', { roundId: round.id }))).code).toBe('forbidden');
    const notInRound = await refusal(t.api.call('scoring.saveScore', { recordingId: w.other, roundId: round.id, caregiverId: w.mother, scale: 'sensitivity', value: 5 }));
    expect(notInRound.message).toBe('Deze opname hoort niet bij ronde "Intervisie november".');
    expect(scoringSnapshot()).toEqual(before);

    await as(t.api, w.coordinator);
    await t.api.call('rounds.reveal', { roundId: round.id });
    const again = await refusal(t.api.call('rounds.reveal', { roundId: round.id }));
    expect(again.message).toBe('Deze ronde is al onthuld.');
    const late = await refusal(t.api.call('scoring.saveScore', { recordingId: w.recordingA, roundId: round.id, caregiverId: w.mother, scale: 'sensitivity', value: 5 }));
    expect(late.message).toMatch(/ronde is onthuld/);
    const tooFew = await refusal(t.api.call('rounds.create', { name: 'X', heldOn: '2026-12-01', revealRule: 'coordinator', recordingIds: [w.recordingA], raterIds: [w.coordinator.id] }));
    expect(tooFew.message).toMatch(/minstens 2 beoordelaars/);
  });

  it('reveals automatically in the same call as the last submit, then orders the meeting by spread with median and range', async () => {
    const w = await world();
    const everyone = [w.coordinator, ...w.raters];
    const round = await createRound(w, 'all_submitted');
    // Sensitivity for the mother in A: 3, 5, 7, 8 (spread 5); everything else close together.
    const plan: Record<number, { a: [number, number]; father: [number, number]; b: [number, number] }> = {
      [everyone[0]!.id]: { a: [3, 5], father: [6, 6], b: [4, 4] },
      [everyone[1]!.id]: { a: [5, 5], father: [6, 7], b: [4, 5] },
      [everyone[2]!.id]: { a: [7, 6], father: [6, 6], b: [5, 4] },
      [everyone[3]!.id]: { a: [8, 5], father: [7, 6], b: [4, 4] },
    };
    for (const [index, rater] of everyone.entries()) {
      await as(t.api, rater);
      const p = plan[rater.id]!;
      await fillSheet(w.recordingA, round.id, [w.mother], p.a);
      await fillSheet(w.recordingA, round.id, [w.father], p.father);
      await fillSheet(w.recordingB, round.id, [w.mother], p.b);
      await t.api.call('scoring.submit', { recordingId: w.recordingA, roundId: round.id });
      const last = await t.api.call('scoring.submit', { recordingId: w.recordingB, roundId: round.id });
      expect(last.revealed).toBe(index === everyone.length - 1);
    }
    const detail = await t.api.call('rounds.get', { roundId: round.id });
    expect(detail.revealedAt).not.toBeNull();
    expect(detail.revealedByName).toBeNull();

    const meeting = await t.api.call('rounds.meeting', { roundId: round.id });
    expect(meeting.items).toHaveLength(6);
    const top = meeting.items[0]!;
    expect([top.recordingId, top.caregiverLabel, top.scale]).toEqual([w.recordingA, 'moeder (M.)', 'sensitivity']);
    expect(top).toMatchObject({ median: 6, min: 3, max: 8, spread: 5 });
    expect(top.scores.map((s) => s.value).sort()).toEqual([3, 5, 7, 8]);
    const spreads = meeting.items.map((item) => item.spread!);
    expect(spreads).toEqual([...spreads].sort((a, b) => b - a));
    expect(meeting.agreement.map((a) => [a.scale, a.itemCount, a.raterCount])).toEqual([
      ['sensitivity', 3, 4],
      ['cooperation', 3, 4],
    ]);
    expect(meeting.agreement[0]!.percentWithin1.ok).toBe(true);

    // Discussion and consensus: coordinator only, with who agreed.
    const item = { roundId: round.id, recordingId: w.recordingA, caregiverId: w.mother, scale: 'sensitivity' as const };
    await as(t.api, w.coordinator);
    await t.api.call('rounds.saveDiscussion', { ...item, discussion: 'Moeder mist het huilen [03:10]; zie ook [04:00-04:20].' });
    const agreed = await t.api.call('rounds.setConsensus', { ...item, value: 5, agreedBy: everyone.map((r) => r.id) });
    const withConsensus = agreed.items.find((i) => i.recordingId === w.recordingA && i.caregiverId === w.mother && i.scale === 'sensitivity')!;
    expect(withConsensus.discussion).toMatch(/\[03:10\]/);
    expect(withConsensus.consensus).toMatchObject({ value: 5, byName: 'Anna Coördinator' });
    expect(withConsensus.consensus!.agreedBy.map((r) => r.name).sort()).toEqual(['Anna Coördinator', 'Bram', 'Cora', 'Daan']);
    // Consensus is not a rater's score: the agreement figures do not change.
    expect(agreed.agreement).toEqual(meeting.agreement);

    const bad = await refusal(t.api.call('rounds.setConsensus', { ...item, value: 10, agreedBy: [] }));
    expect(bad.message).toMatch(/geheel getal van 1 tot en met 9/);
    const stranger = await createRater(t.api, { name: 'Eva', initials: 'EV', role: 'rater' });
    const notInRound = await refusal(t.api.call('rounds.setConsensus', { ...item, value: 5, agreedBy: [stranger.id] }));
    expect(notInRound.message).toMatch(/Alleen beoordelaars van deze ronde/);
    const reopen = await refusal(t.api.call('scoring.reopen', { recordingId: w.recordingA, roundId: round.id, reason: 'toch anders' }));
    expect(reopen.message).toMatch(/al onthuld; ingediende scores kunnen niet meer worden heropend/);

    await as(t.api, w.raters[0]!);
    const notCoordinator = await refusal(t.api.call('rounds.saveDiscussion', { ...item, discussion: 'x' }));
    expect(notCoordinator.code).toBe('forbidden');
    // After the reveal the rater reaches their round sheet (not an empty practice sheet) by default.
    expect((await t.api.call('scoring.sheet', { recordingId: w.recordingA })).roundId).toBe(round.id);
    const others = await t.api.call('scoring.forRecording', { recordingId: w.recordingA });
    expect(others.map((o) => o.raterName).sort()).toEqual(['Anna Coördinator', 'Cora', 'Daan']);
    expect(others.every((o) => o.blind)).toBe(true);
  });

  it('keeps drafts of raters who had not submitted out of the meeting, and lets practice appear as niet blind', async () => {
    const w = await world();
    const round = await createRound(w, 'coordinator', [w.coordinator, w.raters[0]!]);
    await as(t.api, w.raters[0]!);
    await t.api.call('scoring.saveScore', { recordingId: w.recordingB, roundId: round.id, caregiverId: w.mother, scale: 'sensitivity', value: 2, rationale: 'CONCEPT' });
    await as(t.api, w.coordinator);
    await fillSheet(w.recordingB, round.id, [w.mother], [6, 6]);
    await t.api.call('scoring.submit', { recordingId: w.recordingB, roundId: round.id });
    await t.api.call('rounds.reveal', { roundId: round.id });
    const meeting = await t.api.call('rounds.meeting', { roundId: round.id });
    expect(JSON.stringify(meeting)).not.toContain('CONCEPT');
    expect(meeting.items.find((i) => i.recordingId === w.recordingB && i.scale === 'sensitivity')!.scores.map((s) => s.raterName)).toEqual(['Anna Coördinator']);

    await as(t.api, w.raters[1]!);
    await fillSheet(w.other, null, [await otherCaregiver(w)], [7, 7]);
    await t.api.call('scoring.submit', { recordingId: w.other, roundId: null });
    await as(t.api, w.raters[2]!);
    const others = await t.api.call('scoring.forRecording', { recordingId: w.other });
    expect(others).toEqual([expect.objectContaining({ raterName: 'Cora', blind: false, roundId: null })]);
  });

  it('lets a coordinator change a round before the reveal but never drop work already done', async () => {
    const w = await world();
    const round = await createRound(w, 'all_submitted', [w.coordinator, w.raters[0]!, w.raters[1]!]);
    await as(t.api, w.raters[0]!);
    await t.api.call('scoring.saveScore', { recordingId: w.recordingA, roundId: round.id, caregiverId: w.mother, scale: 'sensitivity', value: 4 });
    await as(t.api, w.coordinator);
    const drop = await refusal(t.api.call('rounds.update', { roundId: round.id, raterIds: [w.coordinator.id, w.raters[1]!.id] }));
    expect(drop.message).toBe('Bram heeft in deze ronde al gescoord en kan niet meer uit de ronde worden gehaald.');
    const updated = await t.api.call('rounds.update', { roundId: round.id, name: 'Intervisie december', recordingIds: [w.recordingB, w.recordingA], notes: 'Aanwezig: iedereen.' });
    expect(updated.name).toBe('Intervisie december');
    expect(updated.recordings.map((r) => r.id)).toEqual([w.recordingB, w.recordingA]);
    expect(updated.notes).toBe('Aanwezig: iedereen.');
  });
});
