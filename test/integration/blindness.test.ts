import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isUnderBlindRound, visibleToViewerSql } from '../../electron/backend/features/rounds/blindness';
import { seedFamily, seedRecording } from './support/seed';
import { startTestBackend, withCoordinator, type TestBackend, createRater } from './support/temp-backend';

let t: TestBackend;
beforeEach(() => {
  t = startTestBackend();
});
afterEach(() => t.close());

describe('blindness rule', () => {
  it('hides other raters rows on a recording only while it is in an unrevealed round', async () => {
    const me = await withCoordinator(t.api);
    const other = await createRater(t.api, { name: 'Ander', initials: 'AN', role: 'rater' });
    const family = await seedFamily(t.api, 'OB-1');
    const recordingId = seedRecording(t.backend, { familyId: family.id, caregiverIds: [family.caregivers[0]!.id] });
    const db = t.backend.db;
    db.exec('CREATE TEMP TABLE probe (recording_id INTEGER, rater_id INTEGER)');
    db.prepare('INSERT INTO probe VALUES (?, ?), (?, ?)').run(recordingId, me.id, recordingId, other.id);
    const visible = () =>
      (db.prepare(`SELECT rater_id FROM probe WHERE ${visibleToViewerSql('probe.recording_id', 'probe.rater_id')} ORDER BY rater_id`).all({ viewerId: me.id }) as {
        rater_id: number;
      }[]).map((r) => r.rater_id);

    expect(isUnderBlindRound(db, recordingId)).toBe(false);
    expect(visible()).toEqual([me.id, other.id]);

    const round = db
      .prepare(`INSERT INTO rounds (name, held_on, kind, reveal_rule, created_at) VALUES ('R', '2026-11-01', 'meeting', 'coordinator', 'x')`)
      .run().lastInsertRowid;
    db.prepare('INSERT INTO round_recordings (round_id, recording_id) VALUES (?, ?)').run(round, recordingId);
    expect(isUnderBlindRound(db, recordingId)).toBe(true);
    expect(visible()).toEqual([me.id]);

    db.prepare(`UPDATE rounds SET revealed_at = 'now' WHERE id = ?`).run(round);
    expect(isUnderBlindRound(db, recordingId)).toBe(false);
    expect(visible()).toEqual([me.id, other.id]);
  });
});
