import type { Rater } from '../../../shared/domain/entities';
import { seedFamily, seedRecording } from './seed';
import { withCoordinator, type TestBackend, signInAs, createRater } from './temp-backend';

export interface FragmentWorld {
  coordinator: Rater;
  rater: Rater;
  familyId: number;
  /** The family's one home visit (the recording's). */
  visitId: number;
  moederId: number;
  vaderId: number;
  /** 15 minutes at 30000/1001 fps with moeder and vader in view. */
  recordingId: number;
  as(rater: Rater): Promise<void>;
  /** Puts recordings in an unrevealed round with these raters, by direct SQL; returns the round id. */
  blindRound(recordingIds: number[], raters: Rater[]): number;
  reveal(roundId: number): void;
}

/** A coordinator (active), a second rater, a family with two caregivers and one recording. */
export async function fragmentWorld(t: TestBackend, code = 'OB-26-001'): Promise<FragmentWorld> {
  const coordinator = await withCoordinator(t.api, 'Anna Bakker');
  const rater = await createRater(t.api, { name: 'Chris de Vries', initials: 'CV', role: 'rater' });
  const family = await seedFamily(t.api, code, [
    { role: 'moeder', label: 'moeder' },
    { role: 'vader', label: 'vader' },
  ]);
  const [moeder, vader] = family.caregivers;
  const recordingId = seedRecording(t.backend, { familyId: family.id, caregiverIds: [moeder!.id, vader!.id], fps: [30000, 1001], durationMs: 900_000 });
  const db = t.backend.db;
  return {
    coordinator,
    rater,
    familyId: family.id,
    visitId: family.visits[0]!.id,
    moederId: moeder!.id,
    vaderId: vader!.id,
    recordingId,
    as: async (who) => {
      await signInAs(t.api, who.id);
    },
    blindRound: (recordingIds, raters) => {
      const roundId = Number(
        db
          .prepare(`INSERT INTO rounds (name, held_on, kind, reveal_rule, created_at) VALUES ('Intervisie maart', '2026-03-10', 'meeting', 'coordinator', ?)`)
          .run(new Date().toISOString()).lastInsertRowid,
      );
      recordingIds.forEach((id, position) => db.prepare('INSERT INTO round_recordings (round_id, recording_id, position) VALUES (?, ?, ?)').run(roundId, id, position));
      for (const r of raters) db.prepare('INSERT INTO round_raters (round_id, rater_id) VALUES (?, ?)').run(roundId, r.id);
      return roundId;
    },
    reveal: (roundId) => {
      db.prepare('UPDATE rounds SET revealed_at = ? WHERE id = ?').run(new Date().toISOString(), roundId);
    },
  };
}

/** The Dutch message and code of a refused call. */
export async function refused(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const body = (error as { body?: { code: string; message: string } }).body;
    if (body) return body;
    throw error;
  }
  throw new Error('expected the call to be refused');
}
