import { describe, expect, it } from 'vitest';
import type { CallerSession } from '../session/session-registry';
import { READ_LOG_WINDOW_MS, RepeatedReads, type ReadRow } from './repeated-reads';

const session = () => ({ id: Math.random().toString(36) }) as unknown as CallerSession;
const row = (overrides: Partial<ReadRow> = {}): ReadRow => ({ raterId: 1, action: 'recording.read', familyId: 7, detail: 'opname 3', ...overrides });

function fresh() {
  let now = 0;
  return { reads: new RepeatedReads(() => now), pass: (ms: number) => (now += ms) };
}

describe('RepeatedReads', () => {
  it('treats the same row as a repeat only within the window after it was written', () => {
    const { reads, pass } = fresh();
    const caller = session();
    expect(reads.isRepeat(caller, row())).toBe(false);
    reads.note(caller, [row()]);
    expect(reads.isRepeat(caller, row())).toBe(true);
    pass(READ_LOG_WINDOW_MS - 1);
    expect(reads.isRepeat(caller, row())).toBe(true);
    pass(1);
    expect(reads.isRepeat(caller, row())).toBe(false);
  });

  it('counts from the last written row, so a page kept open is logged once per window', () => {
    const { reads, pass } = fresh();
    const caller = session();
    reads.note(caller, [row()]);
    pass(READ_LOG_WINDOW_MS);
    expect(reads.isRepeat(caller, row())).toBe(false);
    reads.note(caller, [row()]);
    pass(READ_LOG_WINDOW_MS / 2);
    expect(reads.isRepeat(caller, row())).toBe(true);
  });

  it('keeps sessions, raters, actions, families and details apart', () => {
    const { reads } = fresh();
    const caller = session();
    reads.note(caller, [row()]);
    expect(reads.isRepeat(session(), row())).toBe(false);
    expect(reads.isRepeat(caller, row({ raterId: 2 }))).toBe(false);
    expect(reads.isRepeat(caller, row({ action: 'family.read' }))).toBe(false);
    expect(reads.isRepeat(caller, row({ familyId: null }))).toBe(false);
    expect(reads.isRepeat(caller, row({ detail: 'opname 4' }))).toBe(false);
    // JSON keys: a detail cannot be made to look like another family's row.
    reads.note(caller, [row({ familyId: null, detail: '7,"opname 3' })]);
    expect(reads.isRepeat(caller, row({ familyId: null, detail: '7' }))).toBe(false);
  });

  it('forgets rows past the window while noting new ones, so a long session does not grow without end', () => {
    const { reads, pass } = fresh();
    const caller = session();
    for (let i = 0; i < 5000; i++) reads.note(caller, [row({ detail: `opname ${i}` })]);
    // Only the newest thousand are kept.
    expect(reads.isRepeat(caller, row({ detail: 'opname 4999' }))).toBe(true);
    expect(reads.isRepeat(caller, row({ detail: 'opname 10' }))).toBe(false);
    pass(READ_LOG_WINDOW_MS);
    reads.note(caller, [row({ detail: 'nieuw' })]);
    expect(reads.isRepeat(caller, row({ detail: 'opname 4999' }))).toBe(false);
  });
});
