import type { Caregiver } from '../../../../shared/domain/entities';
import type { Fragment, FragmentAnswer, FragmentTag } from '../../../../shared/domain/fragments';
import type { Activity, Moment } from '../../../../shared/domain/vocabulary';
import type { Db } from '../../db/open-database';
import { visibleToViewerSql } from '../rounds/blindness';

/** What fragment work needs to know about a recording: its clock and who is in view; never a name. */
export interface RecordingClock {
  id: number;
  familyId: number;
  familyCode: string;
  recordedOn: string;
  activity: Activity;
  moment: Moment;
  durationMs: number;
  fpsNum: number;
  fpsDen: number;
  /** Only the extension of the original file (the name itself may contain a person's name). */
  mediaExtension: string;
  caregivers: Caregiver[];
}

export function findRecordingClock(db: Db, recordingId: number): RecordingClock | null {
  const row = db
    .prepare(
      `SELECT r.id, r.family_id, f.code, r.recorded_on, r.activity, r.moment, r.duration_ms, r.fps_num, r.fps_den, r.original_name
       FROM recordings r JOIN families f ON f.id = r.family_id WHERE r.id = ?`,
    )
    .get(recordingId) as
    | {
        id: number;
        family_id: number;
        code: string;
        recorded_on: string;
        activity: Activity;
        moment: Moment;
        duration_ms: number;
        fps_num: number;
        fps_den: number;
        original_name: string;
      }
    | undefined;
  if (!row) return null;
  const caregivers = db
    .prepare(
      `SELECT c.id, c.family_id AS familyId, c.role, c.label FROM recording_caregivers rc JOIN caregivers c ON c.id = rc.caregiver_id
       WHERE rc.recording_id = ? ORDER BY c.id`,
    )
    .all(recordingId) as Caregiver[];
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(row.original_name)?.[1]?.toLowerCase() ?? 'mp4';
  return {
    id: row.id,
    familyId: row.family_id,
    familyCode: row.code,
    recordedOn: row.recorded_on,
    activity: row.activity,
    moment: row.moment,
    durationMs: row.duration_ms,
    fpsNum: row.fps_num,
    fpsDen: row.fps_den,
    mediaExtension: extension,
    caregivers,
  };
}

export interface FragmentFilters {
  tagIds?: number[];
  raterIds?: number[];
  caregiverId?: number | null;
  forFeedback?: boolean;
  fromMs?: number;
  toMs?: number;
  search?: string;
}

interface FragmentRow {
  id: number;
  recording_id: number;
  rater_id: number;
  rater_initials: string;
  caregiver_id: number | null;
  start_ms: number;
  end_ms: number;
  start_frame: number;
  end_frame: number;
  note: string;
  for_feedback: number;
  origin: 'app' | 'eaf';
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

const FRAGMENT_SELECT = `SELECT f.id, f.recording_id, f.rater_id, ra.initials AS rater_initials, f.caregiver_id, f.start_ms, f.end_ms,
    f.start_frame, f.end_frame, f.note, f.for_feedback, f.origin, f.created_at, f.updated_at, f.deleted_at
  FROM fragments f JOIN raters ra ON ra.id = f.rater_id`;

/** LIKE treats % and _ as wildcards; a search for "50%" must match only that text. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The fragments of a recording that `viewerId` may see, oldest start first. The blindness rule is
 * part of the query itself, so no caller can forget it.
 */
export function listVisibleFragments(db: Db, recordingId: number, viewerId: number, filters: FragmentFilters = {}): Fragment[] {
  const params: Record<string, unknown> = { recordingId, viewerId };
  const where = ['f.recording_id = @recordingId', 'f.deleted_at IS NULL', visibleToViewerSql('f.recording_id', 'f.rater_id')];
  const list = (prefix: string, ids: readonly number[]) =>
    ids
      .map((value, index) => {
        params[`${prefix}${index}`] = value;
        return `@${prefix}${index}`;
      })
      .join(', ');
  if (filters.tagIds?.length) {
    where.push(`EXISTS (SELECT 1 FROM fragment_tags ft WHERE ft.fragment_id = f.id AND ft.tag_id IN (${list('tag', filters.tagIds)}))`);
  }
  if (filters.raterIds?.length) where.push(`f.rater_id IN (${list('rater', filters.raterIds)})`);
  if (filters.caregiverId === null) where.push('f.caregiver_id IS NULL');
  else if (filters.caregiverId !== undefined) {
    where.push('f.caregiver_id = @caregiverId');
    params.caregiverId = filters.caregiverId;
  }
  if (filters.forFeedback !== undefined) {
    where.push('f.for_feedback = @forFeedback');
    params.forFeedback = filters.forFeedback ? 1 : 0;
  }
  if (filters.fromMs !== undefined) {
    where.push('f.end_ms >= @fromMs');
    params.fromMs = filters.fromMs;
  }
  if (filters.toMs !== undefined) {
    where.push('f.start_ms <= @toMs');
    params.toMs = filters.toMs;
  }
  const search = filters.search?.trim();
  if (search) {
    where.push(`f.note LIKE @search ESCAPE '\\'`);
    params.search = likePattern(search);
  }
  const rows = db.prepare(`${FRAGMENT_SELECT} WHERE ${where.join(' AND ')} ORDER BY f.start_ms, f.end_ms, f.id`).all(params) as FragmentRow[];
  return hydrate(db, rows, viewerId, recordingId);
}

/** Fragments by id, deleted ones included (for undo); the caller checks ownership and visibility. */
export function findFragments(db: Db, ids: readonly number[], viewerId: number): Fragment[] {
  if (!ids.length) return [];
  const rows = db.prepare(`${FRAGMENT_SELECT} WHERE f.id IN (SELECT value FROM json_each(?)) ORDER BY f.start_ms, f.end_ms, f.id`).all(JSON.stringify(ids)) as FragmentRow[];
  return hydrate(db, rows, viewerId);
}

export interface FragmentAccess {
  id: number;
  recordingId: number;
  familyId: number;
  raterId: number;
  deleted: boolean;
  /** Whether the viewer may see it at all under the blindness rule. */
  visible: boolean;
}

export function fragmentAccess(db: Db, ids: readonly number[], viewerId: number): FragmentAccess[] {
  const rows = db
    .prepare(
      `SELECT f.id, f.recording_id, r.family_id, f.rater_id, f.deleted_at IS NOT NULL AS deleted,
         ${visibleToViewerSql('f.recording_id', 'f.rater_id')} AS visible
       FROM fragments f JOIN recordings r ON r.id = f.recording_id
       WHERE f.id IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ ids: JSON.stringify(ids), viewerId }) as {
    id: number;
    recording_id: number;
    family_id: number;
    rater_id: number;
    deleted: number;
    visible: number;
  }[];
  return rows.map((row) => ({
    id: row.id,
    recordingId: row.recording_id,
    familyId: row.family_id,
    raterId: row.rater_id,
    deleted: row.deleted === 1,
    visible: row.visible === 1,
  }));
}

function hydrate(db: Db, rows: FragmentRow[], viewerId: number, recordingId?: number): Fragment[] {
  if (!rows.length) return [];
  const tagsByFragment = new Map<number, FragmentTag[]>();
  const answersByFragment = new Map<number, FragmentAnswer[]>();
  // One query per kind rather than per fragment: a recording may hold thousands of fragments.
  const scope =
    recordingId !== undefined
      ? { sql: 'x.fragment_id IN (SELECT id FROM fragments WHERE recording_id = @scope)', value: recordingId }
      : { sql: 'x.fragment_id IN (SELECT value FROM json_each(@scope))', value: JSON.stringify(rows.map((row) => row.id)) };
  const tagRows = db
    .prepare(
      `SELECT x.fragment_id, t.id, t.name, t.color, t.archived_at IS NOT NULL AS archived
       FROM fragment_tags x JOIN tags t ON t.id = x.tag_id WHERE ${scope.sql} ORDER BY t.position, t.id`,
    )
    .all({ scope: scope.value }) as { fragment_id: number; id: number; name: string; color: string; archived: number }[];
  for (const row of tagRows) {
    const list = tagsByFragment.get(row.fragment_id) ?? [];
    list.push({ id: row.id, name: row.name, color: row.color, archived: row.archived === 1 });
    tagsByFragment.set(row.fragment_id, list);
  }
  const answerRows = db
    .prepare(
      `SELECT x.fragment_id, x.question_id, x.answer FROM fragment_answers x JOIN mentalizing_questions q ON q.id = x.question_id
       WHERE ${scope.sql} ORDER BY q.position, q.id`,
    )
    .all({ scope: scope.value }) as { fragment_id: number; question_id: number; answer: string }[];
  for (const row of answerRows) {
    const list = answersByFragment.get(row.fragment_id) ?? [];
    list.push({ questionId: row.question_id, answer: row.answer });
    answersByFragment.set(row.fragment_id, list);
  }
  return rows.map((row) => ({
    id: row.id,
    recordingId: row.recording_id,
    raterId: row.rater_id,
    raterInitials: row.rater_initials,
    mine: row.rater_id === viewerId,
    startMs: row.start_ms,
    endMs: row.end_ms,
    startFrame: row.start_frame,
    endFrame: row.end_frame,
    isPoint: row.start_ms === row.end_ms,
    tags: tagsByFragment.get(row.id) ?? [],
    caregiverId: row.caregiver_id,
    note: row.note,
    forFeedback: row.for_feedback === 1,
    answers: answersByFragment.get(row.id) ?? [],
    origin: row.origin,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

export interface FragmentValues {
  recordingId: number;
  raterId: number;
  caregiverId: number | null;
  startMs: number;
  endMs: number;
  startFrame: number;
  endFrame: number;
  note: string;
  forFeedback: boolean;
  origin: 'app' | 'eaf';
}

export function insertFragment(db: Db, values: FragmentValues, now: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO fragments (recording_id, rater_id, caregiver_id, start_ms, end_ms, start_frame, end_frame, note, for_feedback, origin,
           created_at, updated_at)
         VALUES (@recordingId, @raterId, @caregiverId, @startMs, @endMs, @startFrame, @endFrame, @note, @forFeedback, @origin, @now, @now)`,
      )
      .run({ ...values, forFeedback: values.forFeedback ? 1 : 0, now }).lastInsertRowid,
  );
}

export type FragmentChanges = Partial<Pick<FragmentValues, 'caregiverId' | 'startMs' | 'endMs' | 'startFrame' | 'endFrame' | 'note' | 'forFeedback'>>;
const FRAGMENT_COLUMNS = {
  caregiverId: 'caregiver_id',
  startMs: 'start_ms',
  endMs: 'end_ms',
  startFrame: 'start_frame',
  endFrame: 'end_frame',
  note: 'note',
  forFeedback: 'for_feedback',
} as const;

export function updateFragment(db: Db, id: number, changes: FragmentChanges, now: string): void {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as [keyof typeof FRAGMENT_COLUMNS, unknown][];
  const values = entries.map(([key, value]) => (key === 'forFeedback' ? (value ? 1 : 0) : value));
  db.prepare(`UPDATE fragments SET ${[...entries.map(([key]) => `${FRAGMENT_COLUMNS[key]} = ?`), 'updated_at = ?'].join(', ')} WHERE id = ?`).run(
    ...values,
    now,
    id,
  );
}

export function setFragmentTags(db: Db, fragmentId: number, tagIds: readonly number[]): void {
  db.prepare('DELETE FROM fragment_tags WHERE fragment_id = ?').run(fragmentId);
  const insert = db.prepare('INSERT INTO fragment_tags (fragment_id, tag_id) VALUES (?, ?)');
  for (const tagId of tagIds) insert.run(fragmentId, tagId);
}

/** Replaces the given answers; an empty answer removes it. Other questions' answers stay. */
export function saveAnswers(db: Db, fragmentId: number, answers: readonly FragmentAnswer[]): void {
  const upsert = db.prepare(
    `INSERT INTO fragment_answers (fragment_id, question_id, answer) VALUES (?, ?, ?)
     ON CONFLICT (fragment_id, question_id) DO UPDATE SET answer = excluded.answer`,
  );
  const remove = db.prepare('DELETE FROM fragment_answers WHERE fragment_id = ? AND question_id = ?');
  for (const { questionId, answer } of answers) {
    if (answer === '') remove.run(fragmentId, questionId);
    else upsert.run(fragmentId, questionId, answer);
  }
}

export function answeredQuestionIds(db: Db, fragmentId: number): Set<number> {
  return new Set((db.prepare('SELECT question_id FROM fragment_answers WHERE fragment_id = ?').all(fragmentId) as { question_id: number }[]).map((r) => r.question_id));
}

export function fragmentTagIds(db: Db, fragmentId: number): Set<number> {
  return new Set((db.prepare('SELECT tag_id FROM fragment_tags WHERE fragment_id = ?').all(fragmentId) as { tag_id: number }[]).map((r) => r.tag_id));
}

export function setDeleted(db: Db, ids: readonly number[], deletedAt: string | null, now: string): void {
  db.prepare('UPDATE fragments SET deleted_at = ?, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))').run(deletedAt, now, JSON.stringify(ids));
}

/**
 * Removed fragments are kept for undo only; after a day they go for good. Limited to the owner's
 * rows, who alone could bring them back.
 */
export function purgeDeleted(db: Db, raterId: number, before: string): void {
  db.prepare('DELETE FROM fragments WHERE rater_id = ? AND deleted_at IS NOT NULL AND deleted_at < ?').run(raterId, before);
}

export function isCaregiverInView(db: Db, recordingId: number, caregiverId: number): boolean {
  return db.prepare('SELECT 1 FROM recording_caregivers WHERE recording_id = ? AND caregiver_id = ?').get(recordingId, caregiverId) !== undefined;
}
