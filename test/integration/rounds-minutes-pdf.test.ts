import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../shared/api/client';
import type { Rater } from '../../shared/domain/entities';
import type { ExportFile } from '../../shared/domain/trends';
import { hasPdfToText, pdfStreamText, pdfToText } from '../fixtures/pdf-text';
import { refusal } from './support/refusal';
import { seedFamily, seedRecording } from './support/seed';
import { createRater, signInAs, startTestBackend, withCoordinator, type TestBackend } from './support/temp-backend';

let t: TestBackend;
beforeEach(() => {
  t = startTestBackend();
});
afterEach(() => t.close());

const as = (api: Api, rater: Rater) => signInAs(api, rater.id);
const bytesOf = (file: ExportFile) => Buffer.from(file.base64, 'base64');

interface World {
  coordinator: Rater;
  raters: Rater[];
  mother: number;
  father: number;
  recordingA: number;
  recordingB: number;
  otherRecording: number;
  otherMother: number;
}

async function world(): Promise<World> {
  const coordinator = await withCoordinator(t.api, 'Anna Coördinator');
  const raters: Rater[] = [];
  for (const [name, initials] of [
    ['Bram Jansen', 'BJ'],
    ['Cora Smit', 'CS'],
    ['Daan Bakker', 'DB'],
    ['Eva Buiten', 'EB'],
  ] as const) {
    raters.push(await createRater(t.api, { name, initials, role: 'rater' }));
  }
  const family = await seedFamily(t.api, 'OB-26-001', [
    { role: 'moeder', label: 'moeder (Marieke)' },
    { role: 'vader', label: 'vader (B.)' },
  ]);
  const [mother, father] = family.caregivers.map((c) => c.id) as [number, number];
  const recordingA = seedRecording(t.backend, { familyId: family.id, caregiverIds: [mother, father], recordedOn: '2026-03-01' });
  const recordingB = seedRecording(t.backend, { familyId: family.id, caregiverIds: [mother], moment: 'nameting', activity: 'voeden', recordedOn: '2026-09-14' });
  const other = await seedFamily(t.api, 'OB-26-002');
  const otherMother = other.caregivers[0]!.id;
  const otherRecording = seedRecording(t.backend, { familyId: other.id, caregiverIds: [otherMother], recordedOn: '2026-04-02' });
  return { coordinator, raters, mother, father, recordingA, recordingB, otherRecording, otherMother };
}

async function score(recordingId: number, roundId: number, caregiverId: number, values: [number, number]) {
  await t.api.call('scoring.saveScore', { recordingId, roundId, caregiverId, scale: 'sensitivity', value: values[0] });
  await t.api.call('scoring.saveScore', { recordingId, roundId, caregiverId, scale: 'cooperation', value: values[1] });
}

/**
 * Four raters (Eva is not in the round) score three recordings of two families; the mother's
 * sensitivity on A spreads 3–8 with a median of 5,5. Revealed, discussed, one consensus.
 */
async function revealedRound(w: World) {
  const team = [w.coordinator, ...w.raters.slice(0, 3)];
  const round = await t.api.call('rounds.create', {
    name: 'Intervisie november – 2e ronde',
    heldOn: '2026-11-12',
    revealRule: 'coordinator',
    recordingIds: [w.recordingA, w.recordingB, w.otherRecording],
    raterIds: team.map((r) => r.id),
  });
  const plan: [number, number][][] = [
    // [mother A, father A, mother B, other family's mother], each [sensitivity, cooperation]
    [[3, 5], [6, 6], [4, 4], [7, 7]],
    [[5, 5], [6, 7], [4, 5], [6, 7]],
    [[6, 6], [6, 6], [5, 4], [7, 8]],
    [[8, 5], [7, 6], [4, 4], [8, 7]],
  ];
  for (const [index, rater] of team.entries()) {
    await as(t.api, rater);
    const [motherA, fatherA, motherB, other] = plan[index]!;
    await score(w.recordingA, round.id, w.mother, motherA!);
    await score(w.recordingA, round.id, w.father, fatherA!);
    await score(w.recordingB, round.id, w.mother, motherB!);
    await score(w.otherRecording, round.id, w.otherMother, other!);
    for (const recordingId of [w.recordingA, w.recordingB, w.otherRecording]) await t.api.call('scoring.submit', { recordingId, roundId: round.id });
  }
  await as(t.api, w.coordinator);
  await t.api.call('rounds.reveal', { roundId: round.id });
  const item = { roundId: round.id, recordingId: w.recordingA, caregiverId: w.mother, scale: 'sensitivity' as const };
  await t.api.call('rounds.saveDiscussion', { ...item, discussion: 'Moeder mist het huilen bij [03:10]; het team leest het als wisselend.' });
  await t.api.call('rounds.setConsensus', { ...item, value: 5, agreedBy: [w.coordinator.id, w.raters[0]!.id, w.raters[1]!.id] });
  await t.api.call('rounds.update', { roundId: round.id, notes: 'Volgende keer: verschonen bespreken.' });
  return { round, team };
}

/** Both readings of the file: poppler's when it is installed, and the page streams' own strings. */
function texts(file: ExportFile): string[] {
  const bytes = bytesOf(file);
  return [pdfToText(bytes), pdfStreamText(bytes)].filter((text): text is string => text !== null);
}

describe('the minutes as a PDF made by the back end', () => {
  it('holds the round, raters, reveal, scores with median and range, consensus, discussion, agreement and notes, with decimal commas', async () => {
    const w = await world();
    const { round } = await revealedRound(w);
    const meeting = await t.api.call('rounds.meeting', { roundId: round.id });
    const file = await t.api.call('rounds.minutesPdf', { roundId: round.id });

    expect(file.fileName).toBe('notulen_intervisie-november-2e-ronde_2026-11-12.pdf');
    expect(file.mimeType).toBe('application/pdf');
    expect(file).toMatchObject({ familyCount: 2, rowCount: 8 });
    expect(bytesOf(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Four items per scale: below shared/stats MIN_ITEMS every figure reads as on the screen.
    const sensitivity = meeting.agreement.find((a) => a.scale === 'sensitivity')!;
    expect(sensitivity.icc.n).toBe(4);
    const tooFew = 'te weinig items (n = 4)';

    const all = texts(file);
    expect(all.length).toBe(hasPdfToText() ? 2 : 1);
    for (const text of all) {
      const flat = text.replace(/\s+/g, ' ');
      for (const expected of [
        'Notulen intervisie: Intervisie november – 2e ronde',
        '12-11-2026',
        'Anna Coördinator (CT), Bram Jansen (BJ), Cora Smit (CS), Daan Bakker (DB)',
        'door Anna Coördinator',
        'OB-26-001 #',
        '01-03-2026 · Voormeting · Spelen (Moeder, Vader)',
        '14-09-2026 · Nameting · Voeden (Moeder)',
        '02-04-2026 · Voormeting · Spelen (Moeder)',
        '01-03-2026 Voormeting · Moeder · Sensitiviteit',
        'Moeder mist het huilen bij [03:10]; het team leest het als wisselend.',
        'Consensus 5, vastgelegd door Anna Coördinator; ingestemd: Anna Coördinator, Bram Jansen, Cora Smit.',
        'Overeenstemming in deze ronde',
        'ICC(2,1)',
        tooFew,
        "Krippendorff's alpha (ordinaal)",
        'Binnen ±1 punt',
        'Volgende keer: verschonen bespreken.',
        'Gemaakt op',
      ]) {
        expect(flat, expected).toContain(expected);
      }
      // The top row: each rater's score, the median of 3, 5, 6 and 8, the range and the consensus with who agreed.
      expect(flat).toMatch(/3 5 6 8 5,5 3–8 5 \(CT, BJ, CS\)/);
      // Dutch numbers only: no decimal point anywhere, and no caregiver labels (they may hold a name).
      expect(flat).not.toMatch(/\d\.\d/);
      for (const label of ['Marieke', 'vader (B.)']) expect(flat).not.toContain(label);
      // Eva is not in the round.
      expect(flat).not.toContain('Eva Buiten');
    }
    // The mother's sensitivity on A has the largest spread and comes first.
    expect(meeting.items[0]).toMatchObject({ recordingId: w.recordingA, caregiverId: w.mother, scale: 'sensitivity', median: 5.5 });
  });

  it('follows the blindness rule as the meeting does: a recording also in a round that is still blind keeps the others hidden', async () => {
    const w = await world();
    const { round } = await revealedRound(w);
    await t.api.call('rounds.create', {
      name: 'Herhaling',
      heldOn: '2026-12-10',
      revealRule: 'coordinator',
      recordingIds: [w.recordingB],
      raterIds: [w.coordinator.id, w.raters[3]!.id],
    });
    const file = await t.api.call('rounds.minutesPdf', { roundId: round.id });
    for (const text of texts(file)) {
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('OB-26-001 #2 staat ook in een andere ronde die nog blind is; scores van anderen blijven daar verborgen.');
      // Only the coordinator's own 4 on that recording; Bram's, Cora's and Daan's stay hidden.
      expect(flat).toMatch(/14-09-2026 Nameting · Moeder · Sensitiviteit 4 – – – 4 4 –/);
      expect(flat).toMatch(/3 onderdelen, 4 beoordelaars/);
    }
  });

  it('is logged once per family in the round, plus one row with the file', async () => {
    const w = await world();
    const { round } = await revealedRound(w);
    const file = await t.api.call('rounds.minutesPdf', { roundId: round.id });
    const rows = t.backend.db
      .prepare(`SELECT family_code AS code, rater_name AS rater, outcome, detail FROM access_log WHERE action = 'export.pdf_minutes' ORDER BY id`)
      .all();
    expect(rows).toEqual([
      { code: 'OB-26-001', rater: 'Anna Coördinator', outcome: 'ok', detail: `${file.fileName}: ronde ${round.id}; 6 onderdelen van dit gezin` },
      { code: 'OB-26-002', rater: 'Anna Coördinator', outcome: 'ok', detail: `${file.fileName}: ronde ${round.id}; 2 onderdelen van dit gezin` },
      { code: null, rater: 'Anna Coördinator', outcome: 'ok', detail: `${file.fileName}: ronde ${round.id}; 2 gezinnen, 8 onderdelen` },
    ]);
  });

  it('is there for a rater in the round, as the meeting is', async () => {
    const w = await world();
    const { round } = await revealedRound(w);
    await as(t.api, w.raters[2]!);
    const file = await t.api.call('rounds.minutesPdf', { roundId: round.id });
    expect(file.fileName).toBe('notulen_intervisie-november-2e-ronde_2026-11-12.pdf');
    expect(pdfStreamText(bytesOf(file))).toContain('Gemaakt op');
    expect(pdfStreamText(bytesOf(file))).toContain('door Daan Bakker.');
  });

  it('is refused before the reveal, to a rater not in the round and for an unknown round, with a Dutch message and a log row', async () => {
    const w = await world();
    const round = await t.api.call('rounds.create', {
      name: 'Intervisie december',
      heldOn: '2026-12-10',
      revealRule: 'coordinator',
      recordingIds: [w.recordingA],
      raterIds: [w.coordinator.id, w.raters[0]!.id],
    });
    const early = await refusal(t.api.call('rounds.minutesPdf', { roundId: round.id }));
    expect(early.code).toBe('conflict');
    expect(early.message).toBe('De notulen zijn er pas na het onthullen: tot dan zijn de scores blind en is er nog niets besproken.');

    await as(t.api, w.raters[3]!);
    const outsider = await refusal(t.api.call('rounds.minutesPdf', { roundId: round.id }));
    expect(outsider.code).toBe('forbidden');
    expect(outsider.message).toBe('U bent niet ingedeeld in deze ronde.');

    await as(t.api, w.coordinator);
    await t.api.call('rounds.reveal', { roundId: round.id });
    await as(t.api, w.raters[3]!);
    expect((await refusal(t.api.call('rounds.minutesPdf', { roundId: round.id }))).code).toBe('forbidden');
    expect((await refusal(t.api.call('rounds.minutesPdf', { roundId: 424242 }))).code).toBe('not_found');

    const rows = t.backend.db.prepare(`SELECT outcome, rater_name AS rater FROM access_log WHERE action = 'export.pdf_minutes' ORDER BY id`).all();
    expect(rows).toEqual([
      { outcome: 'refused', rater: 'Anna Coördinator' },
      { outcome: 'refused', rater: 'Eva Buiten' },
      { outcome: 'refused', rater: 'Eva Buiten' },
      { outcome: 'refused', rater: 'Eva Buiten' },
    ]);
  });
});
