import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedFamily, seedRecording } from './support/seed';
import { createRater, signInAs, startTestBackend, withCoordinator, type TestBackend } from './support/temp-backend';

/*
 * The score page plays the clip from `scoring.sheet` alone (its recording brief and PlayerMedia),
 * so in a round blind to the measurement moment that one answer must carry nothing that tells the
 * rater the family, the date or the moment: not in the brief, not in the media, not in a file name
 * or a note that happens to mention them. After the reveal the same answer does show them, which
 * shows the check can see them.
 */

let t: TestBackend;
beforeEach(() => {
  t = startTestBackend();
});
afterEach(() => t.close());

const SECRETS = ['OB-26-001', '2026-03-01', '2026-09-14', 'voormeting', 'nameting', 'OB-26-001_voormeting'];
const leaks = (value: unknown) => SECRETS.filter((secret) => JSON.stringify(value).toLowerCase().includes(secret.toLowerCase()));

async function blindRound() {
  const coordinator = await withCoordinator(t.api, 'Anna Coördinator');
  const bram = await createRater(t.api, { name: 'Bram', initials: 'BR', role: 'rater' });
  const cora = await createRater(t.api, { name: 'Cora', initials: 'CO', role: 'rater' });
  const family = await seedFamily(t.api, 'OB-26-001', [{ role: 'moeder', label: 'moeder (M.)' }]);
  const mother = family.caregivers[0]!.id;
  const pre = seedRecording(t.backend, { familyId: family.id, caregiverIds: [mother], moment: 'voormeting', recordedOn: '2026-03-01' });
  const post = seedRecording(t.backend, { familyId: family.id, caregiverIds: [mother], moment: 'nameting', recordedOn: '2026-09-14', activity: 'voeden' });
  // What people really name files and write in notes.
  t.backend.db.prepare('UPDATE recordings SET original_name = ? WHERE id = ?').run('OB-26-001_voormeting_2026-03-01.mp4', pre);
  await t.api.call('recordings.update', { id: pre, notes: 'Voormeting OB-26-001, 2026-03-01' });
  const round = await t.api.call('rounds.create', {
    name: 'Voorjaar blind',
    heldOn: '2026-10-01',
    revealRule: 'coordinator',
    recordingIds: [pre, post],
    raterIds: [bram.id, cora.id],
    blindMoment: true,
  });
  return { coordinator, bram, pre, post, round };
}

describe('a round blind to the measurement moment, as the score page gets it', () => {
  it('gives the rater the clip to play and a neutral code, and nothing of family, date or moment', async () => {
    const { bram, pre, round } = await blindRound();
    expect(round.blindMoment).toBe(true);
    await signInAs(t.api, bram.id);

    const sheet = await t.api.call('scoring.sheet', { recordingId: pre, roundId: round.id });
    expect(sheet.recording).toMatchObject({ masked: true, familyCode: null, recordedOn: null, moment: null });
    expect(sheet.recording.clipCode).toMatch(/^Clip [AB]$/);
    expect(sheet.player).toMatchObject({ recordingId: pre, playable: true, durationMs: 900_000, fpsNum: 25, fpsDen: 1 });
    expect(leaks(sheet)).toEqual([]);

    // The round page the rater comes from: neutral codes in the rater's own order, nothing else.
    const agenda = await t.api.call('rounds.get', { roundId: round.id });
    expect(agenda.recordings.map((recording) => recording.clipCode).sort()).toEqual(['Clip A', 'Clip B']);
    expect(leaks(agenda.recordings)).toEqual([]);
  });

  it('shows the coordinator outside the round both the recording and the code the raters see', async () => {
    const { pre, post, round } = await blindRound();
    const detail = await t.api.call('rounds.get', { roundId: round.id });
    const byId = new Map(detail.recordings.map((recording) => [recording.id, recording]));
    expect(byId.get(pre)).toMatchObject({ masked: false, familyCode: 'OB-26-001', recordedOn: '2026-03-01' });
    const codes = [byId.get(pre)!.neutralCode, byId.get(post)!.neutralCode];
    expect([...codes].sort()).toEqual(['A', 'B']);
  });

  it('unmasks the same sheet after the reveal', async () => {
    const { coordinator, bram, pre, round } = await blindRound();
    await signInAs(t.api, coordinator.id);
    await t.api.call('rounds.reveal', { roundId: round.id });
    await signInAs(t.api, bram.id);
    const sheet = await t.api.call('scoring.sheet', { recordingId: pre, roundId: round.id });
    expect(sheet.recording).toMatchObject({ masked: false, familyCode: 'OB-26-001', recordedOn: '2026-03-01', moment: 'voormeting' });
    expect(leaks(sheet)).toEqual(expect.arrayContaining(['OB-26-001', '2026-03-01', 'voormeting']));
  });
});
