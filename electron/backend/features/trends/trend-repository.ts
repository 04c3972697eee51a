import type { Activity, CaregiverRole, FamilyPhase, Moment, VisitPhase } from '../../../../shared/domain/vocabulary';
import type { Db } from '../../db/open-database';

// The trend feature's own SQL reads: recordings, who is in view, families, visits. Which scores
// and consensus count is not decided here but in scoring/counted-scores.ts, the rule the
// agreement page uses too.
//
// Each loader reads the whole team, or only the recordings (families) whose ids it is given.

export interface RecordingFact {
  id: number;
  familyId: number;
  moment: Moment;
  activity: Activity;
  recordedOn: string;
  visitPhase: VisitPhase;
}

export interface InViewFact {
  recordingId: number;
  caregiverId: number;
  role: CaregiverRole;
}

export interface FamilyFact {
  id: number;
  code: string;
  phase: FamilyPhase;
  babyBirthMonth: string;
  /** The roles of the family's caregivers, comma-separated (for the role filter). */
  roles: string | null;
}

const only = (column: string, ids: readonly number[] | undefined) => (ids ? `${column} IN (SELECT value FROM json_each(@ids))` : '1');
const params = (ids: readonly number[] | undefined) => (ids ? { ids: JSON.stringify(ids) } : {});

export function loadRecordingFacts(db: Db, ids?: readonly number[]): RecordingFact[] {
  return db
    .prepare(
      `SELECT r.id, r.family_id AS familyId, r.moment, r.activity, r.recorded_on AS recordedOn, v.phase AS visitPhase
       FROM recordings r JOIN visits v ON v.id = r.visit_id
       WHERE ${only('r.id', ids)}`,
    )
    .all(params(ids)) as RecordingFact[];
}

export function loadInViewFacts(db: Db, ids?: readonly number[]): InViewFact[] {
  return db
    .prepare(
      `SELECT rc.recording_id AS recordingId, c.id AS caregiverId, c.role
       FROM recording_caregivers rc JOIN caregivers c ON c.id = rc.caregiver_id
       WHERE ${only('rc.recording_id', ids)}
       ORDER BY c.id`,
    )
    .all(params(ids)) as InViewFact[];
}

export function loadFamilyFacts(db: Db, ids?: readonly number[]): FamilyFact[] {
  return db
    .prepare(
      `SELECT f.id, f.code, f.phase, f.baby_birth_month AS babyBirthMonth,
              (SELECT group_concat(DISTINCT c.role) FROM caregivers c WHERE c.family_id = f.id) AS roles
       FROM families f WHERE ${only('f.id', ids)}`,
    )
    .all(params(ids)) as FamilyFact[];
}

/** Recordings of some families, to find those that belong to a family whose row changed. */
export function recordingIdsOfFamilies(db: Db, familyIds: readonly number[]): number[] {
  return (db.prepare(`SELECT id FROM recordings WHERE ${only('family_id', familyIds)}`).all(params(familyIds)) as { id: number }[]).map((row) => row.id);
}

/**
 * What changed since the last refresh (filled by the triggers of migration 0006), then forgotten.
 * A damaged database open read-only (read-only.ts) keeps its marks: they are then reloaded each time.
 */
export function takeDirty(db: Db): { recordings: number[]; families: number[] } {
  const rows = db.prepare('SELECT kind, id FROM trend_dirty').all() as { kind: 'recording' | 'family'; id: number }[];
  if (rows.length && !db.readonly) db.prepare('DELETE FROM trend_dirty').run();
  return {
    recordings: rows.filter((row) => row.kind === 'recording').map((row) => row.id),
    families: rows.filter((row) => row.kind === 'family').map((row) => row.id),
  };
}

export function clearDirty(db: Db): void {
  if (!db.readonly) db.prepare('DELETE FROM trend_dirty').run();
}

/** SQLite's counter of commits by other connections: a change there means our index cannot know what changed. */
export function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}

export function loadCaregivers(db: Db, familyId: number): { id: number; role: CaregiverRole; label: string }[] {
  return db.prepare('SELECT id, role, label FROM caregivers WHERE family_id = ? ORDER BY id').all(familyId) as {
    id: number;
    role: CaregiverRole;
    label: string;
  }[];
}

export function loadVisits(db: Db, familyId: number): { id: number; date: string; phase: VisitPhase }[] {
  return db.prepare('SELECT id, date, phase FROM visits WHERE family_id = ? ORDER BY date, id').all(familyId) as {
    id: number;
    date: string;
    phase: VisitPhase;
  }[];
}

export interface RaterRef {
  id: number;
  name: string;
}

export function loadRater(db: Db, raterId: number): RaterRef | undefined {
  return db.prepare('SELECT id, name FROM raters WHERE id = ?').get(raterId) as RaterRef | undefined;
}
