import Database from 'better-sqlite3';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANCHORS } from '../../../../shared/domain/scales';
import { loadMigrations, migrate } from '../../db/migrations';
import { currentAnchors, currentAnchorVersionId, insertAnchorVersion } from './anchor-repository';

const MIGRATIONS = loadMigrations(resolve(import.meta.dirname, '../../../../migrations'));

function freshDb() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS);
  return db;
}

describe('anchor texts in the database', () => {
  it('are seeded by the migration with exactly the texts of shared/domain/scales.ts', () => {
    const db = freshDb();
    const anchors = currentAnchors(db);
    expect(anchors.map((a) => a.scale)).toEqual(['sensitivity', 'cooperation']);
    expect(anchors[0]!.texts).toEqual(DEFAULT_ANCHORS.sensitivity);
    expect(anchors[1]!.texts).toEqual(DEFAULT_ANCHORS.cooperation);
  });

  it('number new versions per scale and make the newest current', () => {
    const db = freshDb();
    const first = currentAnchorVersionId(db, 'cooperation');
    const next = insertAnchorVersion(db, 'cooperation', DEFAULT_ANCHORS.cooperation, null, '2026-11-01T10:00:00.000Z');
    expect(next.version).toBe(2);
    expect(currentAnchorVersionId(db, 'cooperation')).toBe(next.versionId);
    expect(next.versionId).not.toBe(first);
    expect(currentAnchors(db).find((a) => a.scale === 'sensitivity')!.version).toBe(1);
  });

  it('refuse a score outside 1–9 or a change to a submitted sheet even if code forgot to check', () => {
    const db = freshDb();
    db.exec(`INSERT INTO raters (id, name, initials, role, created_at) VALUES (1, 'A', 'A', 'rater', 'x');
      INSERT INTO families (id, code, baby_birth_month, referral_date, phase, created_at, updated_at) VALUES (1, 'OB-1', '2026-01', '2026-02-01', 'aanmelding', 'x', 'x');
      INSERT INTO caregivers (id, family_id, role, label) VALUES (1, 1, 'moeder', 'moeder');
      INSERT INTO visits (id, family_id, date, phase) VALUES (1, 1, '2026-03-01', 'introductie');
      INSERT INTO media_files (sha256, file_name, size, probe_json, created_at) VALUES ('${'a'.repeat(64)}', 'a.mp4', 1, '{}', 'x');
      INSERT INTO recordings (id, family_id, visit_id, media_sha256, original_name, activity, moment, recorded_on, playback_plan, plan_reason, duration_ms, fps_num, fps_den, width, height, created_at)
        VALUES (1, 1, 1, '${'a'.repeat(64)}', 'a.mp4', 'spelen', 'voormeting', '2026-03-01', 'as_is', '', 1000, 25, 1, 1, 1, 'x');
      INSERT INTO score_sheets (id, rater_id, recording_id, round_id, blind, status, created_at, updated_at) VALUES (1, 1, 1, NULL, 0, 'draft', 'x', 'x');`);
    const insert = db.prepare(`INSERT INTO scores (sheet_id, caregiver_id, scale, value, updated_at) VALUES (1, 1, ?, ?, 'x')`);
    expect(() => insert.run('sensitivity', 10)).toThrow(/CHECK/);
    expect(() => insert.run('sensitivity', 4.5)).toThrow(/CHECK/);
    insert.run('sensitivity', 4);
    expect(() => db.prepare(`INSERT INTO score_sheets (rater_id, recording_id, round_id, blind, status, created_at, updated_at) VALUES (1, 1, NULL, 0, 'draft', 'x', 'x')`).run()).toThrow(/UNIQUE/);
    db.prepare(`UPDATE score_sheets SET status = 'submitted', submitted_at = 'x' WHERE id = 1`).run();
    expect(() => db.prepare(`UPDATE scores SET value = 5`).run()).toThrow(/submitted/);
    expect(() => insert.run('cooperation', 5)).toThrow(/submitted/);
  });
});
