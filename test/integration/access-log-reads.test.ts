import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodName } from '../../shared/api/contract';
import { METHOD_POLICIES } from '../../electron/backend/method-policies';
import { READ_LOG_WINDOW_MS } from '../../electron/backend/features/access-log/repeated-reads';
import { fragmentWorld, type FragmentWorld } from './support/fragment-world';
import { seedRecording } from './support/seed';
import { localClient, signInAs, startTestBackend, type TestBackend } from './support/temp-backend';

// Reads that the policy table marks as audited write a row, and one row per real access: the same
// read repeated by the same session within READ_LOG_WINDOW_MS (the UI refetches after every
// change) adds nothing, while a new window, a new sign-in or a different read does.

let now = Date.UTC(2026, 2, 1, 9, 0, 0);
let t: TestBackend;
let w: FragmentWorld;
let roundId: number;

beforeEach(async () => {
  t = startTestBackend(undefined, { clock: () => now });
  w = await fragmentWorld(t);
  roundId = w.blindRound([w.recordingId], [w.coordinator, w.rater]);
  w.reveal(roundId);
  await w.as(w.coordinator);
});
afterEach(() => t.close());

const filters = { filters: { roundIds: [], moments: [], raterIds: [] } };
/** One valid input for every read; a read without one fails the first test. */
const samples = (): Partial<Record<MethodName, unknown>> => ({
  'families.list': {},
  'families.get': { id: w.familyId },
  'accessLog.forFamily': { familyId: w.familyId },
  'dossier.get': { familyId: w.familyId },
  'visits.list': { familyId: w.familyId },
  'feedbackSessions.get': { visitId: w.visitId },
  'feedbackSessions.candidates': { visitId: w.visitId },
  'goals.forFamily': { familyId: w.familyId },
  'evaluation.form': { familyId: w.familyId },
  'evaluation.summary': {},
  'accessLog.overview': { familyId: w.familyId },
  'recordings.list': { familyId: w.familyId },
  'recordings.get': { id: w.recordingId },
  'jobs.list': {},
  'fragments.list': { recordingId: w.recordingId },
  'trends.family': { familyId: w.familyId },
  'trends.team': {},
  'videoExports.list': { recordingId: w.recordingId },
  'scoring.recordings': {},
  'scoring.sheet': { recordingId: w.recordingId },
  'scoring.mine': {},
  'scoring.forRecording': { recordingId: w.recordingId },
  'rounds.get': { roundId },
  'rounds.meeting': { roundId },
  'agreement.overview': filters,
});

const reads = (Object.keys(METHOD_POLICIES) as MethodName[]).filter((method) => METHOD_POLICIES[method].read);
const rowsOf = (action: string) =>
  (t.backend.db.prepare(`SELECT count(*) AS n FROM access_log WHERE action = ? AND outcome = 'ok'`).get(action) as { n: number }).n;

async function call(method: MethodName, input: unknown): Promise<void> {
  const answer = await t.dispatch(method, input);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
}

describe('audited reads in the access log', () => {
  it('write a row at the first read, none for repeats in the window, and one again after it', async () => {
    const inputs = samples();
    expect(reads.filter((method) => !(method in inputs)), 'reads without a sample input here').toEqual([]);
    const written: Record<string, number[]> = {};
    for (const method of reads) {
      const action = METHOD_POLICIES[method].audit!;
      const counts: number[] = [];
      for (const step of ['first', 'repeat', 'repeat', 'after the window'] as const) {
        if (step === 'after the window') {
          now += READ_LOG_WINDOW_MS;
          await t.api.call('session.touch', {});
        }
        const before = rowsOf(action);
        await call(method, inputs[method]);
        counts.push(rowsOf(action) - before);
      }
      written[method] = counts;
    }
    // Every read writes exactly one row here (one family, or one row without a family for a list).
    expect(written).toEqual(Object.fromEntries(reads.map((method) => [method, [1, 0, 0, 1]])));
  });

  it('lists across families write one row without a family, and never a search text', async () => {
    await call('families.list', { search: 'OB-26', status: 'active' });
    await call('families.list', { search: 'OB-26-0', status: 'active' });
    await call('scoring.recordings', { search: 'OB' });
    await call('jobs.list', {});
    const rows = t.backend.db
      .prepare(`SELECT action, family_id, detail FROM access_log WHERE action IN ('families.list', 'recording.list', 'job.list') ORDER BY id`)
      .all();
    expect(rows).toEqual([
      { action: 'families.list', family_id: null, detail: 'gezinnenlijst; status active, met zoekterm' },
      { action: 'recording.list', family_id: null, detail: 'opnamen om te scoren; met zoekterm' },
      { action: 'job.list', family_id: null, detail: 'takenlijst' },
    ]);
  });

  it('start afresh in a new session: another window, or the next sign-in', async () => {
    await call('recordings.get', { id: w.recordingId });
    await call('recordings.get', { id: w.recordingId });
    expect(rowsOf('recording.read')).toBe(1);

    // A second window on this computer, signed in as the same person, is its own access.
    const other = localClient(t.backend, 'tweede venster');
    await signInAs(other.api, w.coordinator.id);
    await other.api.call('recordings.get', { id: w.recordingId });
    expect(rowsOf('recording.read')).toBe(2);

    // A sign-in rotates the session: the same person after signing in again is logged again.
    await signInAs(t.api, w.coordinator.id);
    await call('recordings.get', { id: w.recordingId });
    expect(rowsOf('recording.read')).toBe(3);

    // Someone else at the same window, too.
    await w.as(w.rater);
    await call('recordings.get', { id: w.recordingId });
    expect(rowsOf('recording.read')).toBe(4);
  });

  it('log a different read at once: another recording, or the same read with a different answer', async () => {
    const second = seedRecording(t.backend, { familyId: w.familyId, caregiverIds: [w.moederId] });
    await call('recordings.get', { id: w.recordingId });
    await call('recordings.get', { id: second });
    await call('recordings.get', { id: w.recordingId });
    expect(rowsOf('recording.read')).toBe(2);

    await call('fragments.list', { recordingId: w.recordingId });
    const [tag] = await t.api.call('tags.list', {});
    await t.api.call('fragments.create', { recordingId: w.recordingId, startMs: 1000, endMs: 2000, caregiverId: w.moederId, tagIds: [tag!.id] });
    // One more fragment read is a different row ("1 fragmenten gelezen"), written at once.
    await call('fragments.list', { recordingId: w.recordingId });
    await call('fragments.list', { recordingId: w.recordingId });
    expect(rowsOf('fragment.list')).toBe(2);
  });

  it('changes and exports are logged every time', async () => {
    for (let i = 0; i < 3; i++) await t.api.call('recordings.update', { id: w.recordingId, notes: 'dezelfde notitie' });
    expect(rowsOf('recording.update')).toBe(3);
    for (let i = 0; i < 2; i++) await t.api.call('fragments.export', { recordingId: w.recordingId, format: 'csv' });
    expect(rowsOf('fragment.export')).toBe(2);
  });

  it('log a read that was refused every time, and a refused read does not hide the next good one', async () => {
    const refused = () => (t.backend.db.prepare(`SELECT count(*) AS n FROM access_log WHERE outcome = 'refused'`).get() as { n: number }).n;
    await t.dispatch('recordings.get', { id: 999_999 });
    await t.dispatch('recordings.get', { id: 999_999 });
    expect(refused()).toBe(2);
    await call('recordings.get', { id: w.recordingId });
    expect(rowsOf('recording.read')).toBe(1);
  });
});
