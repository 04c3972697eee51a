import { createHash, randomInt } from 'node:crypto';
import type { MaskedRecordingBrief, RecordingBrief } from '../../../../shared/domain/scoring';
import type { Db } from '../../db/open-database';
import type { RoundRow } from './round-repository';

// Blind to the measurement moment: a rater who knows a clip is the nameting expects progress and
// sees it. Until the reveal such a round shows every viewer (the projector is seen by all) a
// neutral code per recording, and each rater gets the agenda in an order of their own.

export const momentHidden = (round: Pick<RoundRow, 'blind_moment' | 'revealed_at'>) => round.blind_moment === 1 && round.revealed_at === null;

/** A, B, … Z, AA, AB, …: a round holds at most 200 recordings. */
export function letterCode(index: number): string {
  let code = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) code = String.fromCharCode(65 + ((n - 1) % 26)) + code;
  return code;
}

/** Gives every recording of the round that has no neutral code one, in random order, never reusing a letter. */
export function assignNeutralCodes(db: Db, roundId: number): void {
  const rows = db.prepare('SELECT recording_id, neutral_code FROM round_recordings WHERE round_id = ?').all(roundId) as {
    recording_id: number;
    neutral_code: string | null;
  }[];
  const taken = new Set(rows.map((row) => row.neutral_code).filter((code): code is string => code !== null));
  const missing = rows.filter((row) => row.neutral_code === null).map((row) => row.recording_id);
  // Fisher–Yates with a CSPRNG: the letter must not betray the order the coordinator chose (e.g. pre before post).
  for (let i = missing.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [missing[i], missing[j]] = [missing[j]!, missing[i]!];
  }
  const update = db.prepare('UPDATE round_recordings SET neutral_code = ? WHERE round_id = ? AND recording_id = ?');
  let next = 0;
  for (const recordingId of missing) {
    while (taken.has(letterCode(next))) next += 1;
    const code = letterCode(next);
    taken.add(code);
    update.run(code, roundId, recordingId);
  }
}

export function neutralCodes(db: Db, roundId: number): Map<number, string> {
  const rows = db.prepare('SELECT recording_id, neutral_code FROM round_recordings WHERE round_id = ?').all(roundId) as {
    recording_id: number;
    neutral_code: string | null;
  }[];
  return new Map(rows.map((row) => [row.recording_id, row.neutral_code ?? '?']));
}

/** The brief without family, date and moment: all a rater needs to score what is on screen. */
export function maskBrief(brief: RecordingBrief, code: string): MaskedRecordingBrief {
  return {
    ...brief,
    familyId: null,
    familyCode: null,
    moment: null,
    recordedOn: null,
    clipCode: `Clip ${code}`,
    masked: true,
    caregivers: brief.caregivers.map((caregiver) => ({ ...caregiver, familyId: 0 })),
  };
}

/** The same recordings in this rater's own order for this round: stable between calls, different between raters. */
export function orderForRater<T extends { id: number }>(items: T[], roundId: number, raterId: number): T[] {
  const key = (item: T) => createHash('sha256').update(`${roundId}:${raterId}:${item.id}`).digest('hex');
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : 1));
}
