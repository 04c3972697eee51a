import type { HomeVisit, VisitAnswer, VisitQuestion } from '../../../../shared/domain/home-visits';
import type { Activity, VisitPhase } from '../../../../shared/domain/vocabulary';
import type { Db } from '../../db/open-database';

interface VisitRow {
  id: number;
  family_id: number;
  date: string;
  phase: VisitPhase;
  notes: string;
  duration_minutes: number | null;
  activity: Activity | null;
  activity_note: string;
  others_present: string;
}

const VISIT_SELECT = 'SELECT id, family_id, date, phase, notes, duration_minutes, activity, activity_note, others_present FROM visits';

/** Presence and answers of many visits in two queries, not two per visit. */
function complete(db: Db, rows: readonly VisitRow[]): HomeVisit[] {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const list = ids.map(() => '?').join(', ');
  const present = new Map<number, number[]>();
  for (const row of db.prepare(`SELECT visit_id, caregiver_id FROM visit_caregivers WHERE visit_id IN (${list}) ORDER BY caregiver_id`).all(...ids) as {
    visit_id: number;
    caregiver_id: number;
  }[]) {
    present.set(row.visit_id, [...(present.get(row.visit_id) ?? []), row.caregiver_id]);
  }
  const answers = new Map<number, VisitAnswer[]>();
  for (const row of db
    .prepare(
      `SELECT a.visit_id, a.question_id, a.text, a.updated_at FROM visit_answers a JOIN visit_questions q ON q.id = a.question_id
       WHERE a.visit_id IN (${list}) ORDER BY q.position, q.id`,
    )
    .all(...ids) as { visit_id: number; question_id: number; text: string; updated_at: string }[]) {
    answers.set(row.visit_id, [...(answers.get(row.visit_id) ?? []), { questionId: row.question_id, text: row.text, updatedAt: row.updated_at }]);
  }
  return rows.map((row) => ({
    id: row.id,
    familyId: row.family_id,
    date: row.date,
    phase: row.phase,
    notes: row.notes,
    durationMinutes: row.duration_minutes,
    presentCaregiverIds: present.get(row.id) ?? [],
    othersPresent: row.others_present,
    activity: row.activity,
    activityNote: row.activity_note,
    answers: answers.get(row.id) ?? [],
  }));
}

export function listHomeVisits(db: Db, familyId: number): HomeVisit[] {
  return complete(db, db.prepare(`${VISIT_SELECT} WHERE family_id = ? ORDER BY date, id`).all(familyId) as VisitRow[]);
}

export function findHomeVisit(db: Db, id: number): HomeVisit | null {
  const row = db.prepare(`${VISIT_SELECT} WHERE id = ?`).get(id) as VisitRow | undefined;
  return row ? complete(db, [row])[0]! : null;
}

export interface VisitFields {
  date: string;
  phase: VisitPhase;
  notes: string;
  durationMinutes: number | null;
  activity: Activity | null;
  activityNote: string;
  othersPresent: string;
}

export function insertHomeVisit(db: Db, familyId: number, fields: VisitFields): number {
  return Number(
    db
      .prepare(
        `INSERT INTO visits (family_id, date, phase, notes, duration_minutes, activity, activity_note, others_present)
         VALUES (@familyId, @date, @phase, @notes, @durationMinutes, @activity, @activityNote, @othersPresent)`,
      )
      .run({ familyId, ...fields }).lastInsertRowid,
  );
}

export function updateHomeVisit(db: Db, id: number, fields: VisitFields): void {
  db.prepare(
    `UPDATE visits SET date = @date, phase = @phase, notes = @notes, duration_minutes = @durationMinutes, activity = @activity,
       activity_note = @activityNote, others_present = @othersPresent WHERE id = @id`,
  ).run({ id, ...fields });
}

export function caregiverFamily(db: Db, caregiverId: number): number | null {
  return (db.prepare('SELECT family_id FROM caregivers WHERE id = ?').get(caregiverId) as { family_id: number } | undefined)?.family_id ?? null;
}

export function setPresent(db: Db, visitId: number, caregiverId: number, present: boolean): void {
  if (present) db.prepare('INSERT OR IGNORE INTO visit_caregivers (visit_id, caregiver_id) VALUES (?, ?)').run(visitId, caregiverId);
  else db.prepare('DELETE FROM visit_caregivers WHERE visit_id = ? AND caregiver_id = ?').run(visitId, caregiverId);
}

export function hasAnswer(db: Db, visitId: number, questionId: number): boolean {
  return db.prepare('SELECT 1 FROM visit_answers WHERE visit_id = ? AND question_id = ?').get(visitId, questionId) !== undefined;
}

/** An empty answer removes it: "not answered" has one form only. */
export function saveAnswer(db: Db, answer: { visitId: number; questionId: number; text: string; writtenBy: number | null }, now: string): void {
  if (answer.text === '') {
    db.prepare('DELETE FROM visit_answers WHERE visit_id = ? AND question_id = ?').run(answer.visitId, answer.questionId);
    return;
  }
  db.prepare(
    `INSERT INTO visit_answers (visit_id, question_id, text, written_by, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (visit_id, question_id) DO UPDATE SET text = excluded.text, written_by = excluded.written_by, updated_at = excluded.updated_at`,
  ).run(answer.visitId, answer.questionId, answer.text, answer.writtenBy, now);
}

interface QuestionRow {
  id: number;
  text: string;
  position: number;
  archived_at: string | null;
}

const toQuestion = (row: QuestionRow): VisitQuestion => ({ id: row.id, text: row.text, position: row.position, archived: row.archived_at !== null });

export function listVisitQuestions(db: Db, includeArchived: boolean): VisitQuestion[] {
  const where = includeArchived ? '' : 'WHERE archived_at IS NULL';
  return (
    db.prepare(`SELECT id, text, position, archived_at FROM visit_questions ${where} ORDER BY archived_at IS NOT NULL, position, id`).all() as QuestionRow[]
  ).map(toQuestion);
}

export function visitQuestionStates(db: Db): Map<number, { text: string; archived: boolean }> {
  const rows = db.prepare('SELECT id, text, position, archived_at FROM visit_questions').all() as QuestionRow[];
  return new Map(rows.map((row) => [row.id, { text: row.text, archived: row.archived_at !== null }]));
}

/**
 * Makes the active list exactly `questions`, in that order (the pattern of the mentalizing
 * questions, tag-repository.ts): known ids are edited and brought back from the archive, new ones
 * inserted, active ones left out archived — never deleted, so old answers keep their question.
 */
export function replaceVisitQuestions(db: Db, questions: readonly { id?: number; text: string }[], now: string): void {
  const keep = new Set(questions.flatMap((q) => (q.id === undefined ? [] : [q.id])));
  const active = db.prepare('SELECT id FROM visit_questions WHERE archived_at IS NULL').all() as { id: number }[];
  const archive = db.prepare('UPDATE visit_questions SET archived_at = ?, updated_at = ? WHERE id = ?');
  for (const { id } of active) if (!keep.has(id)) archive.run(now, now, id);
  // Two steps, so two questions can swap texts without tripping the unique index halfway.
  const park = db.prepare(`UPDATE visit_questions SET text = '#' || id WHERE id = ?`);
  for (const id of keep) park.run(id);
  const update = db.prepare('UPDATE visit_questions SET text = ?, position = ?, archived_at = NULL, updated_at = ? WHERE id = ?');
  const insert = db.prepare('INSERT INTO visit_questions (text, position, created_at, updated_at) VALUES (?, ?, ?, ?)');
  questions.forEach((question, index) => {
    if (question.id === undefined) insert.run(question.text, index + 1, now, now);
    else update.run(question.text, index + 1, now, question.id);
  });
}
