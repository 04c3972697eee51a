import { createHash, randomUUID } from 'node:crypto';
import type { Api } from '../../../shared/api/client';
import type { Family } from '../../../shared/domain/entities';
import type { Activity, Moment } from '../../../shared/domain/vocabulary';
import type { Backend } from '../../../electron/backend/create-backend';

/** A family with the given caregivers and one home visit, created through the real API. */
export async function seedFamily(
  api: Api,
  code: string,
  caregivers: { role: 'moeder' | 'vader' | 'partner' | 'anders'; label: string }[] = [{ role: 'moeder', label: 'moeder' }],
): Promise<Family> {
  const family = await api.call('families.create', { code, babyBirthMonth: '2026-01', referralDate: '2026-02-01', caregivers });
  await api.call('visits.add', { familyId: family.id, date: '2026-03-01', phase: 'introductie' });
  return api.call('families.get', { id: family.id });
}

export interface SeedRecordingOptions {
  familyId: number;
  caregiverIds: number[];
  moment?: Moment;
  activity?: Activity;
  recordedOn?: string;
  durationMs?: number;
  fps?: [number, number];
}

/**
 * A recording row without a real video behind it, for tests of scoring, fragments and statistics
 * that never play media. Tests of import and playback use the real import with generated clips.
 */
export function seedRecording(backend: Backend, options: SeedRecordingOptions): number {
  const db = backend.db;
  const now = new Date().toISOString();
  const sha = createHash('sha256').update(randomUUID()).digest('hex');
  const visit =
    (db.prepare('SELECT id FROM visits WHERE family_id = ? ORDER BY id LIMIT 1').get(options.familyId) as { id: number } | undefined)?.id ??
    Number(
      db.prepare(`INSERT INTO visits (family_id, date, phase) VALUES (?, ?, 'introductie')`).run(options.familyId, options.recordedOn ?? '2026-03-01')
        .lastInsertRowid,
    );
  db.prepare('INSERT INTO media_files (sha256, file_name, size, probe_json, created_at) VALUES (?, ?, 1, ?, ?)').run(sha, `${sha}.mp4`, '{}', now);
  const [fpsNum, fpsDen] = options.fps ?? [25, 1];
  const id = Number(
    db
      .prepare(
        `INSERT INTO recordings (family_id, visit_id, media_sha256, original_name, activity, moment, recorded_on, playback_plan,
           plan_reason, duration_ms, fps_num, fps_den, width, height, created_at)
         VALUES (?, ?, ?, 'seed.mp4', ?, ?, ?, 'as_is', 'seed', ?, ?, ?, 1280, 720, ?)`,
      )
      .run(
        options.familyId,
        visit,
        sha,
        options.activity ?? 'spelen',
        options.moment ?? 'voormeting',
        options.recordedOn ?? '2026-03-01',
        options.durationMs ?? 900_000,
        fpsNum,
        fpsDen,
        now,
      ).lastInsertRowid,
  );
  const link = db.prepare('INSERT INTO recording_caregivers (recording_id, caregiver_id) VALUES (?, ?)');
  for (const caregiverId of options.caregiverIds) link.run(id, caregiverId);
  return id;
}
