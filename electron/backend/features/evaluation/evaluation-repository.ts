import type { EvaluationAnswer, EvaluationQuestion, EvaluationQuestionKind, EvaluationSummary } from '../../../../shared/domain/evaluation-form';
import type { Db } from '../../db/open-database';

interface QuestionRow {
  id: number;
  kind: EvaluationQuestionKind;
  text: string;
  low_label: string;
  high_label: string;
  position: number;
  archived_at: string | null;
}

const toQuestion = (row: QuestionRow): EvaluationQuestion => ({
  id: row.id,
  kind: row.kind,
  text: row.text,
  lowLabel: row.low_label,
  highLabel: row.high_label,
  position: row.position,
  archived: row.archived_at !== null,
});

// Archived questions after the active ones: the order a coordinator edits them in.
const ORDER = 'ORDER BY archived_at IS NOT NULL, position, id';

export function listQuestions(db: Db, includeArchived: boolean): EvaluationQuestion[] {
  const where = includeArchived ? '' : 'WHERE archived_at IS NULL';
  return (db.prepare(`SELECT * FROM evaluation_questions ${where} ${ORDER}`).all() as QuestionRow[]).map(toQuestion);
}

export function findQuestion(db: Db, id: number): EvaluationQuestion | null {
  const row = db.prepare('SELECT * FROM evaluation_questions WHERE id = ?').get(id) as QuestionRow | undefined;
  return row ? toQuestion(row) : null;
}

export function insertQuestion(db: Db, question: { kind: EvaluationQuestionKind; text: string; lowLabel: string; highLabel: string }, now: string): number {
  const position = (db.prepare('SELECT coalesce(max(position), 0) + 1 AS next FROM evaluation_questions').get() as { next: number }).next;
  return Number(
    db
      .prepare('INSERT INTO evaluation_questions (kind, text, low_label, high_label, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(question.kind, question.text, question.lowLabel, question.highLabel, position, now, now).lastInsertRowid,
  );
}

export function saveQuestion(db: Db, question: EvaluationQuestion, now: string): void {
  db.prepare('UPDATE evaluation_questions SET text = ?, low_label = ?, high_label = ?, updated_at = ? WHERE id = ?').run(
    question.text,
    question.lowLabel,
    question.highLabel,
    now,
    question.id,
  );
}

/** Swaps an active question with its neighbour; false when it is already first or last. */
export function moveQuestion(db: Db, id: number, direction: 'up' | 'down', now: string): boolean {
  const active = listQuestions(db, false);
  const index = active.findIndex((question) => question.id === id);
  const other = active[direction === 'up' ? index - 1 : index + 1];
  if (index < 0 || !other) return false;
  // Renumber all active ones first, so two equal positions (an old database, a hand edit) cannot make the swap a no-op.
  const order = active.map((question) => question.id);
  [order[index], order[order.indexOf(other.id)]] = [other.id, id];
  const update = db.prepare('UPDATE evaluation_questions SET position = ?, updated_at = ? WHERE id = ?');
  order.forEach((questionId, position) => update.run(position + 1, now, questionId));
  return true;
}

export function setArchived(db: Db, id: number, archived: boolean, now: string): void {
  if (archived) {
    db.prepare('UPDATE evaluation_questions SET archived_at = ?, updated_at = ? WHERE id = ?').run(now, now, id);
  } else {
    // Back at the end of the active questions: where a new question would go.
    const position = (db.prepare('SELECT coalesce(max(position), 0) + 1 AS next FROM evaluation_questions').get() as { next: number }).next;
    db.prepare('UPDATE evaluation_questions SET archived_at = NULL, position = ?, updated_at = ? WHERE id = ?').run(position, now, id);
  }
}

export interface FormRow {
  id: number;
  family_id: number;
  filled_on: string;
}

export function findForm(db: Db, familyId: number): FormRow | null {
  return (db.prepare('SELECT id, family_id, filled_on FROM evaluation_forms WHERE family_id = ?').get(familyId) as FormRow | undefined) ?? null;
}

export function ensureForm(db: Db, familyId: number, today: string, now: string): FormRow {
  const form = findForm(db, familyId);
  if (form) return form;
  db.prepare('INSERT INTO evaluation_forms (family_id, filled_on, created_at, updated_at) VALUES (?, ?, ?, ?)').run(familyId, today, now, now);
  return findForm(db, familyId)!;
}

export function formAnswers(db: Db, formId: number): EvaluationAnswer[] {
  return (db.prepare('SELECT question_id, value, text FROM evaluation_answers WHERE form_id = ? ORDER BY question_id').all(formId) as {
    question_id: number;
    value: number | null;
    text: string;
  }[]).map((row) => ({ questionId: row.question_id, value: row.value, text: row.text }));
}

export function saveAnswer(db: Db, formId: number, answer: EvaluationAnswer, now: string): void {
  if (answer.value === null && answer.text === '') {
    db.prepare('DELETE FROM evaluation_answers WHERE form_id = ? AND question_id = ?').run(formId, answer.questionId);
  } else {
    db.prepare(
      `INSERT INTO evaluation_answers (form_id, question_id, value, text, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (form_id, question_id) DO UPDATE SET value = excluded.value, text = excluded.text, updated_at = excluded.updated_at`,
    ).run(formId, answer.questionId, answer.value, answer.text, now);
  }
  db.prepare('UPDATE evaluation_forms SET updated_at = ? WHERE id = ?').run(now, formId);
}

/**
 * The team summary: per question across the forms filled in within the range. Open answers come
 * without their family and sorted by their own text, so their order does not follow the families.
 */
export function buildSummary(db: Db, from: string | null, to: string | null): { summary: EvaluationSummary; formsPerFamily: Map<number, number> } {
  const range = { from: from ?? '0000-01-01', to: to ?? '9999-12-31' };
  const forms = db
    .prepare(
      `SELECT f.id, f.family_id FROM evaluation_forms f
       WHERE f.filled_on BETWEEN @from AND @to AND EXISTS (SELECT 1 FROM evaluation_answers a WHERE a.form_id = f.id)`,
    )
    .all(range) as { id: number; family_id: number }[];
  const answers = db
    .prepare(
      `SELECT a.question_id, a.value, a.text FROM evaluation_answers a JOIN evaluation_forms f ON f.id = a.form_id
       WHERE f.filled_on BETWEEN @from AND @to`,
    )
    .all(range) as { question_id: number; value: number | null; text: string }[];
  const answered = new Set(answers.map((answer) => answer.question_id));
  // Archived questions only when someone answered them in the range: older forms keep their figures.
  const questions = listQuestions(db, true).filter((question) => !question.archived || answered.has(question.id));
  const summary: EvaluationSummary = {
    from,
    to,
    formCount: forms.length,
    scales: questions
      .filter((question) => question.kind === 'scale')
      .map((question) => {
        const values = answers.filter((answer) => answer.question_id === question.id && answer.value !== null).map((answer) => answer.value!);
        const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
        for (const value of values) distribution[value - 1] = distribution[value - 1]! + 1;
        return {
          questionId: question.id,
          text: question.text,
          lowLabel: question.lowLabel,
          highLabel: question.highLabel,
          archived: question.archived,
          count: values.length,
          mean: values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length,
          distribution,
        };
      }),
    open: questions
      .filter((question) => question.kind === 'open')
      .map((question) => ({
        questionId: question.id,
        text: question.text,
        archived: question.archived,
        answers: answers
          .filter((answer) => answer.question_id === question.id && answer.text !== '')
          .map((answer) => answer.text)
          .sort((a, b) => a.localeCompare(b, 'nl')),
      })),
  };
  return { summary, formsPerFamily: new Map(forms.map((form) => [form.family_id, 1])) };
}
