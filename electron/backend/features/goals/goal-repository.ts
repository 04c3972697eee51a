import type { Goal, GoalFragment, GoalLinkOption, GoalLinkTarget, GoalScore, GoalStatus, GoalStatusEvent } from '../../../../shared/domain/goals';
import type { ScaleKey } from '../../../../shared/domain/scales';
import type { CaregiverRole, Moment } from '../../../../shared/domain/vocabulary';
import type { Db } from '../../db/open-database';
import { visibleToViewerSql } from '../rounds/blindness';

// Blindness: what a goal shows of a score or fragment is read through the same rules as the
// scoring and fragment screens (features/rounds/blindness.ts, scoring.forRecording): a rater's own
// submitted scores and fragments always; someone else's only outside a round that is not revealed
// (a practice sheet, or a round after its reveal); a consensus score after its round's reveal and
// while the recording is in no other blind round. A round that hides the moment hides it here too.

/** SQL: 1 when the recording is in an unrevealed round that hides the measurement moment. */
const momentHiddenSql = (recordingColumn: string) => `EXISTS (
  SELECT 1 FROM round_recordings mh_rr JOIN rounds mh_r ON mh_r.id = mh_rr.round_id
  WHERE mh_rr.recording_id = ${recordingColumn} AND mh_r.revealed_at IS NULL AND mh_r.blind_moment = 1)`;

const BLIND_ROUND_SQL = (recordingColumn: string) => `EXISTS (
  SELECT 1 FROM round_recordings b_rr JOIN rounds b_r ON b_r.id = b_rr.round_id
  WHERE b_rr.recording_id = ${recordingColumn} AND b_r.revealed_at IS NULL)`;

interface ScoreRow {
  sheet_id: number | null;
  round_id: number | null;
  recording_id: number;
  caregiver_id: number;
  scale: ScaleKey;
  value: number;
  moment: Moment;
  recorded_on: string;
  hide_moment: number;
  role: CaregiverRole;
  rater_name: string | null;
  round_name: string | null;
}

const toScore = (row: ScoreRow): GoalScore => ({
  scale: row.scale,
  value: row.value,
  moment: row.hide_moment ? null : row.moment,
  recordedOn: row.hide_moment ? null : row.recorded_on,
  caregiverRole: row.role,
  raterName: row.rater_name,
  roundName: row.round_name,
});

/** Everything of this family the viewer may see and link: fragments, scores and consensus scores. */
export function linkOptions(db: Db, familyId: number, viewerId: number): GoalLinkOption[] {
  const fragments = db
    .prepare(
      `SELECT f.id, f.recording_id, f.start_ms, f.end_ms, f.note, rec.recorded_on, ${momentHiddenSql('f.recording_id')} AS hide_moment
       FROM fragments f JOIN recordings rec ON rec.id = f.recording_id
       WHERE rec.family_id = @familyId AND f.deleted_at IS NULL AND ${visibleToViewerSql('f.recording_id', 'f.rater_id')}
       ORDER BY rec.recorded_on, rec.id, f.start_ms, f.id`,
    )
    .all({ familyId, viewerId }) as { id: number; recording_id: number; start_ms: number; end_ms: number; note: string; recorded_on: string; hide_moment: number }[];
  const scores = db
    .prepare(
      `SELECT s.id AS sheet_id, NULL AS round_id, s.recording_id, sc.caregiver_id, sc.scale, sc.value, rec.moment, rec.recorded_on,
              ${momentHiddenSql('s.recording_id')} AS hide_moment, c.role, r.name AS rater_name, ro.name AS round_name
       FROM scores sc JOIN score_sheets s ON s.id = sc.sheet_id JOIN recordings rec ON rec.id = s.recording_id
       JOIN caregivers c ON c.id = sc.caregiver_id JOIN raters r ON r.id = s.rater_id LEFT JOIN rounds ro ON ro.id = s.round_id
       WHERE rec.family_id = @familyId AND s.status = 'submitted' AND sc.value IS NOT NULL
         AND (s.rater_id = @viewerId OR ((s.round_id IS NULL OR ro.revealed_at IS NOT NULL) AND ${visibleToViewerSql('s.recording_id', 's.rater_id')}))
       ORDER BY rec.recorded_on, rec.id, s.submitted_at, s.id, sc.caregiver_id, sc.scale`,
    )
    .all({ familyId, viewerId }) as ScoreRow[];
  const consensus = db
    .prepare(
      `SELECT NULL AS sheet_id, ri.round_id, ri.recording_id, ri.caregiver_id, ri.scale, ri.consensus_value AS value, rec.moment, rec.recorded_on,
              ${momentHiddenSql('ri.recording_id')} AS hide_moment, c.role, NULL AS rater_name, ro.name AS round_name
       FROM round_items ri JOIN rounds ro ON ro.id = ri.round_id JOIN recordings rec ON rec.id = ri.recording_id
       JOIN caregivers c ON c.id = ri.caregiver_id
       WHERE rec.family_id = @familyId AND ri.consensus_value IS NOT NULL AND ro.revealed_at IS NOT NULL AND NOT ${BLIND_ROUND_SQL('ri.recording_id')}
       ORDER BY rec.recorded_on, rec.id, ro.held_on, ri.round_id, ri.caregiver_id, ri.scale`,
    )
    .all({ familyId }) as ScoreRow[];
  return [
    ...fragments.map(
      (row): GoalLinkOption => ({
        target: { kind: 'fragment', fragmentId: row.id },
        fragment: { recordingId: row.recording_id, startMs: row.start_ms, endMs: row.end_ms, note: row.note, recordedOn: row.hide_moment ? null : row.recorded_on } satisfies GoalFragment,
      }),
    ),
    ...scores.map((row): GoalLinkOption => ({ target: { kind: 'score', sheetId: row.sheet_id!, caregiverId: row.caregiver_id, scale: row.scale }, score: toScore(row) })),
    ...consensus.map(
      (row): GoalLinkOption => ({
        target: { kind: 'consensus', roundId: row.round_id!, recordingId: row.recording_id, caregiverId: row.caregiver_id, scale: row.scale },
        score: toScore(row),
      }),
    ),
  ];
}

/** The family a link target belongs to, whether or not the caller may see it; null when it does not exist. */
export function familyOfTarget(db: Db, target: GoalLinkTarget): number | null {
  const row =
    target.kind === 'fragment'
      ? db.prepare('SELECT rec.family_id FROM fragments f JOIN recordings rec ON rec.id = f.recording_id WHERE f.id = ? AND f.deleted_at IS NULL').get(target.fragmentId)
      : target.kind === 'score'
        ? db
            .prepare(
              `SELECT rec.family_id FROM scores sc JOIN score_sheets s ON s.id = sc.sheet_id JOIN recordings rec ON rec.id = s.recording_id
               WHERE sc.sheet_id = ? AND sc.caregiver_id = ? AND sc.scale = ?`,
            )
            .get(target.sheetId, target.caregiverId, target.scale)
        : db
            .prepare(
              `SELECT rec.family_id FROM round_items ri JOIN recordings rec ON rec.id = ri.recording_id
               WHERE ri.round_id = ? AND ri.recording_id = ? AND ri.caregiver_id = ? AND ri.scale = ?`,
            )
            .get(target.roundId, target.recordingId, target.caregiverId, target.scale);
  return (row as { family_id: number } | undefined)?.family_id ?? null;
}

interface GoalRow {
  id: number;
  family_id: number;
  text: string;
  evaluation: string;
  evaluated_on: string | null;
  initials: string | null;
  created_at: string;
  updated_at: string;
}

interface LinkRow {
  id: number;
  goal_id: number;
  kind: GoalLinkTarget['kind'];
  fragment_id: number | null;
  sheet_id: number | null;
  round_id: number | null;
  recording_id: number | null;
  caregiver_id: number | null;
  scale: ScaleKey | null;
}

function targetOf(row: LinkRow): GoalLinkTarget {
  if (row.kind === 'fragment') return { kind: 'fragment', fragmentId: row.fragment_id! };
  if (row.kind === 'score') return { kind: 'score', sheetId: row.sheet_id!, caregiverId: row.caregiver_id!, scale: row.scale! };
  return { kind: 'consensus', roundId: row.round_id!, recordingId: row.recording_id!, caregiverId: row.caregiver_id!, scale: row.scale! };
}

export const targetKey = (target: GoalLinkTarget): string =>
  target.kind === 'fragment'
    ? `f${target.fragmentId}`
    : target.kind === 'score'
      ? `s${target.sheetId}.${target.caregiverId}.${target.scale}`
      : `c${target.roundId}.${target.recordingId}.${target.caregiverId}.${target.scale}`;

const GOAL_SELECT = `SELECT g.id, g.family_id, g.text, g.evaluation, g.evaluated_on, r.initials, g.created_at, g.updated_at
  FROM goals g LEFT JOIN raters r ON r.id = g.written_by`;

/** The goals of a family (oldest first), each link resolved against what the viewer may see. */
export function listGoals(db: Db, familyId: number, options: readonly GoalLinkOption[], goalId?: number): Goal[] {
  const rows = (
    goalId === undefined
      ? db.prepare(`${GOAL_SELECT} WHERE g.family_id = ? ORDER BY g.id`).all(familyId)
      : db.prepare(`${GOAL_SELECT} WHERE g.family_id = ? AND g.id = ?`).all(familyId, goalId)
  ) as GoalRow[];
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const marks = ids.map(() => '?').join(', ');
  const events = db
    .prepare(
      `SELECT e.goal_id, e.status, e.on_date, r.initials FROM goal_status_events e LEFT JOIN raters r ON r.id = e.recorded_by
       WHERE e.goal_id IN (${marks}) ORDER BY e.on_date, e.id`,
    )
    .all(...ids) as { goal_id: number; status: GoalStatus; on_date: string; initials: string | null }[];
  const links = db.prepare(`SELECT * FROM goal_links WHERE goal_id IN (${marks}) ORDER BY id`).all(...ids) as LinkRow[];
  const visible = new Map(options.map((option) => [targetKey(option.target), option]));
  return rows.map((row) => {
    const history: GoalStatusEvent[] = events.filter((e) => e.goal_id === row.id).map((e) => ({ status: e.status, date: e.on_date, byInitials: e.initials }));
    return {
      id: row.id,
      familyId: row.family_id,
      text: row.text,
      status: history.at(-1)?.status ?? 'open',
      history,
      evaluation: row.evaluation,
      evaluatedOn: row.evaluated_on,
      links: links
        .filter((link) => link.goal_id === row.id)
        .map((link) => {
          const target = targetOf(link);
          const option = visible.get(targetKey(target));
          if (!option) return { id: link.id, target, hidden: true as const };
          return option.score ? { id: link.id, target, hidden: false as const, score: option.score } : { id: link.id, target, hidden: false as const, fragment: option.fragment! };
        }),
      authorInitials: row.initials,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}

export function findGoalFamily(db: Db, goalId: number): number | null {
  return (db.prepare('SELECT family_id FROM goals WHERE id = ?').get(goalId) as { family_id: number } | undefined)?.family_id ?? null;
}

export function insertGoal(db: Db, goal: { familyId: number; text: string; date: string; writtenBy: number | null }, now: string): number {
  const id = Number(
    db.prepare('INSERT INTO goals (family_id, text, written_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(goal.familyId, goal.text, goal.writtenBy, now, now)
      .lastInsertRowid,
  );
  insertStatus(db, id, 'open', goal.date, goal.writtenBy, now);
  return id;
}

export function insertStatus(db: Db, goalId: number, status: GoalStatus, date: string, by: number | null, now: string): void {
  db.prepare('INSERT INTO goal_status_events (goal_id, status, on_date, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)').run(goalId, status, date, by, now);
  touchGoal(db, goalId, now);
}

export function touchGoal(db: Db, goalId: number, now: string): void {
  db.prepare('UPDATE goals SET updated_at = ? WHERE id = ?').run(now, goalId);
}

export function insertLink(db: Db, goalId: number, target: GoalLinkTarget, now: string): void {
  const row = {
    goalId,
    kind: target.kind,
    fragmentId: target.kind === 'fragment' ? target.fragmentId : null,
    sheetId: target.kind === 'score' ? target.sheetId : null,
    roundId: target.kind === 'consensus' ? target.roundId : null,
    recordingId: target.kind === 'consensus' ? target.recordingId : null,
    caregiverId: target.kind === 'fragment' ? null : target.caregiverId,
    scale: target.kind === 'fragment' ? null : target.scale,
    now,
  };
  db.prepare(
    `INSERT INTO goal_links (goal_id, kind, fragment_id, sheet_id, round_id, recording_id, caregiver_id, scale, created_at)
     VALUES (@goalId, @kind, @fragmentId, @sheetId, @roundId, @recordingId, @caregiverId, @scale, @now)`,
  ).run(row);
  touchGoal(db, goalId, now);
}

export function linkedTargets(db: Db, goalId: number): { id: number; target: GoalLinkTarget }[] {
  return (db.prepare('SELECT * FROM goal_links WHERE goal_id = ? ORDER BY id').all(goalId) as LinkRow[]).map((row) => ({ id: row.id, target: targetOf(row) }));
}

/** The earliest and latest status date in a family's goals, for a moved aanmelding or phase. */
export function goalDateSpan(db: Db, familyId: number): { first: string; last: string } | null {
  const row = db
    .prepare('SELECT min(e.on_date) AS first, max(e.on_date) AS last FROM goal_status_events e JOIN goals g ON g.id = e.goal_id WHERE g.family_id = ?')
    .get(familyId) as { first: string | null; last: string | null };
  return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
}
