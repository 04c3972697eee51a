import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fragmentWorld, refused, type FragmentWorld } from './support/fragment-world';
import { startTestBackend, type TestBackend } from './support/temp-backend';

let t: TestBackend;
let w: FragmentWorld;
beforeEach(async () => {
  t = startTestBackend();
  w = await fragmentWorld(t);
});
afterEach(() => t.close());

describe('fragments under an unrevealed round (independence)', () => {
  it('shows and gives each rater only their own fragments until the round is revealed', async () => {
    const [tag] = await t.api.call('tags.list', {});
    const mine = await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 1000, endMs: 2000, tagIds: [tag!.id], note: 'van de coördinator' });
    await w.as(w.rater);
    const theirs = await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 3000, endMs: 4000, tagIds: [tag!.id], note: 'van de beoordelaar' });

    const roundId = w.blindRound([w.recordingId], [w.coordinator, w.rater]);

    // The rater: own fragment only, whatever the filters ask for.
    let list = await t.api.call('fragments.list', { recordingId: w.recordingId });
    expect(list.blind).toBe(true);
    expect(list.fragments.map((f) => f.id)).toEqual([theirs.id]);
    expect((await t.api.call('fragments.list', { recordingId: w.recordingId, filters: { raterIds: [w.coordinator.id] } })).fragments).toEqual([]);
    // Not even the existence of the other fragment leaks: not_found, not forbidden.
    expect((await refused(t.api.call('fragments.update', { id: mine.id, note: 'x' }))).code).toBe('not_found');
    expect((await refused(t.api.call('fragments.remove', { ids: [mine.id] }))).code).toBe('not_found');
    // Exports go through the same rule.
    for (const format of ['csv', 'csv_nl', 'eaf'] as const) {
      const file = await t.api.call('fragments.export', { recordingId: w.recordingId, format });
      expect(file.count).toBe(1);
      expect(file.content).toContain('van de beoordelaar');
      expect(file.content).not.toContain('van de coördinator');
      expect(file.content).not.toContain('"CT"');
    }
    const xlsx = await t.api.call('fragments.export', { recordingId: w.recordingId, format: 'xlsx' });
    expect(xlsx.count).toBe(1);

    // The coordinator is blind too: a role is no key to other raters' work in an open round.
    await w.as(w.coordinator);
    list = await t.api.call('fragments.list', { recordingId: w.recordingId });
    expect(list.fragments.map((f) => f.id)).toEqual([mine.id]);
    expect((await refused(t.api.call('fragments.update', { id: theirs.id, note: 'x' }))).code).toBe('not_found');

    // After the reveal everyone sees everything, and still changes only their own.
    w.reveal(roundId);
    list = await t.api.call('fragments.list', { recordingId: w.recordingId });
    expect(list.blind).toBe(false);
    expect(list.fragments.map((f) => [f.id, f.mine])).toEqual([
      [mine.id, true],
      [theirs.id, false],
    ]);
    expect((await refused(t.api.call('fragments.update', { id: theirs.id, note: 'x' }))).code).toBe('forbidden');
    const file = await t.api.call('fragments.export', { recordingId: w.recordingId, format: 'csv' });
    expect(file.count).toBe(2);
  });

  it('stays blind while any round holding the recording is unrevealed, and other recordings are unaffected', async () => {
    const [tag] = await t.api.call('tags.list', {});
    const { seedRecording } = await import('./support/seed');
    const other = seedRecording(t.backend, { familyId: w.familyId, caregiverIds: [w.moederId] });
    await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 1000, tagIds: [tag!.id] });
    await t.api.call('fragments.create', { recordingId: other, startMs: 1000, tagIds: [tag!.id] });
    const first = w.blindRound([w.recordingId], [w.coordinator, w.rater]);
    w.blindRound([w.recordingId], [w.coordinator, w.rater]);
    w.reveal(first);
    await w.as(w.rater);
    expect((await t.api.call('fragments.list', { recordingId: w.recordingId })).fragments).toHaveLength(0);
    expect((await t.api.call('fragments.list', { recordingId: other })).fragments).toHaveLength(1);
  });

  it('lets a rater import an .eaf into a blind recording as their own work without seeing others', async () => {
    const [tag] = await t.api.call('tags.list', {});
    await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 1000, tagIds: [tag!.id], note: 'verborgen' });
    w.blindRound([w.recordingId], [w.coordinator, w.rater]);
    await w.as(w.rater);
    const own = await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 5000, tagIds: [tag!.id] });
    const eaf = await t.api.call('fragments.export', { recordingId: w.recordingId, format: 'eaf' });
    expect(eaf.content).not.toContain('verborgen');
    const result = await t.api.call('fragments.importEaf', { recordingId: w.recordingId, content: eaf.content });
    expect(result.fragments.map((f) => [f.startMs, f.raterId])).toEqual([[own.startMs, w.rater.id]]);
    expect((await t.api.call('fragments.list', { recordingId: w.recordingId })).fragments).toHaveLength(2);
  });
});
