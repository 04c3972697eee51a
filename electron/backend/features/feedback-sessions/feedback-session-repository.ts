import type { FeedbackSession, ParentWords, SessionCandidate, SessionItem } from '../../../../shared/domain/feedback-sessions';
import type { Activity } from '../../../../shared/domain/vocabulary';
import type { Db } from '../../db/open-database';
import { visibleToViewerSql } from '../rounds/blindness';
import { listQuestions } from '../fragments/tag-repository';

export interface VisitHead {
  id: number;
  familyId: number;
  familyCode: string;
  date: string;
}

export function findVisitHead(db: Db, visitId: number): VisitHead | null {
  const row = db.prepare('SELECT v.id, v.family_id, f.code, v.date FROM visits v JOIN families f ON f.id = v.family_id WHERE v.id = ?').get(visitId) as
    | { id: number; family_id: number; code: string; date: string }
    | undefined;
  return row ? { id: row.id, familyId: row.family_id, familyCode: row.code, date: row.date } : null;
}

export interface ItemHead {
  id: number;
  visitId: number;
  familyId: number;
  fragmentId: number;
  position: number;
}

export function findItemHead(db: Db, itemId: number): ItemHead | null {
  const row = db.prepare('SELECT id, visit_id, family_id, fragment_id, position FROM feedback_items WHERE id = ?').get(itemId) as
    | { id: number; visit_id: number; family_id: number; fragment_id: number; position: number }
    | undefined;
  return row ? { id: row.id, visitId: row.visit_id, familyId: row.family_id, fragmentId: row.fragment_id, position: row.position } : null;
}

/** What choosing a fragment needs to know about it: whose family, whether it is gone, whether the viewer may see it. */
export interface FragmentOwner {
  id: number;
  recordingId: number;
  familyId: number;
  deleted: boolean;
  visible: boolean;
}

export function findFragmentOwner(db: Db, fragmentId: number, viewerId: number): FragmentOwner | null {
  const row = db
    .prepare(
      `SELECT f.id, f.recording_id, r.family_id, f.deleted_at IS NOT NULL AS deleted, ${visibleToViewerSql('f.recording_id', 'f.rater_id')} AS visible
       FROM fragments f JOIN recordings r ON r.id = f.recording_id WHERE f.id = @fragmentId`,
    )
    .get({ fragmentId, viewerId }) as { id: number; recording_id: number; family_id: number; deleted: number; visible: number } | undefined;
  return row ? { id: row.id, recordingId: row.recording_id, familyId: row.family_id, deleted: row.deleted === 1, visible: row.visible === 1 } : null;
}

interface ItemRow {
  id: number;
  fragment_id: number;
  recording_id: number;
  playable_version: string | null;
  start_ms: number;
  end_ms: number;
  caption: string;
  shown: number;
}

/**
 * The visit's items in their order. `shown` applies the same rules as the fragment list: the
 * fragment is not removed, and it is the viewer's own or on a recording in no unrevealed round.
 */
function itemRows(db: Db, visitId: number, viewerId: number): ItemRow[] {
  return db
    .prepare(
      `SELECT i.id, i.fragment_id, f.recording_id, f.start_ms, f.end_ms, i.caption,
         (SELECT d.created_at FROM media_derivatives d JOIN recordings r ON d.media_sha256 = r.media_sha256
          WHERE r.id = f.recording_id AND d.kind = 'playable') AS playable_version,
         (f.deleted_at IS NULL AND ${visibleToViewerSql('f.recording_id', 'f.rater_id')}) AS shown
       FROM feedback_items i JOIN fragments f ON f.id = i.fragment_id
       WHERE i.visit_id = @visitId ORDER BY i.position, i.id`,
    )
    .all({ visitId, viewerId }) as ItemRow[];
}

export function loadSession(db: Db, visit: VisitHead, viewerId: number): FeedbackSession {
  const rows = itemRows(db, visit.id, viewerId);
  const shown = rows.filter((row) => row.shown === 1);
  const wordRows = db
    .prepare(
      `SELECT w.item_id, w.question_id, w.words FROM feedback_words w JOIN feedback_items i ON i.id = w.item_id
       JOIN mentalizing_questions q ON q.id = w.question_id WHERE i.visit_id = ? ORDER BY q.position, q.id`,
    )
    .all(visit.id) as { item_id: number; question_id: number; words: string }[];
  const wordsByItem = new Map<number, ParentWords[]>();
  for (const row of wordRows) {
    const list = wordsByItem.get(row.item_id) ?? [];
    list.push({ questionId: row.question_id, words: row.words });
    wordsByItem.set(row.item_id, list);
  }
  const items: SessionItem[] = shown.map((row) => ({
    id: row.id,
    fragmentId: row.fragment_id,
    recordingId: row.recording_id,
    mediaVersion: row.playable_version ?? 'original',
    startMs: row.start_ms,
    endMs: row.end_ms,
    caption: row.caption,
    words: wordsByItem.get(row.id) ?? [],
  }));
  return {
    visitId: visit.id,
    familyId: visit.familyId,
    visitDate: visit.date,
    items,
    hiddenCount: rows.length - shown.length,
    questions: listQuestions(db, false).map((question) => ({ id: question.id, text: question.text })),
  };
}

/** The family's live fragments the viewer may see, those marked for feedback first, then by recording date and time. */
export function listCandidates(db: Db, visit: VisitHead, viewerId: number): SessionCandidate[] {
  const rows = db
    .prepare(
      `SELECT f.id, f.recording_id, r.recorded_on, r.activity, f.start_ms, f.end_ms, f.note, f.for_feedback, ra.initials,
         EXISTS (SELECT 1 FROM feedback_items i WHERE i.visit_id = @visitId AND i.fragment_id = f.id) AS chosen
       FROM fragments f JOIN recordings r ON r.id = f.recording_id JOIN raters ra ON ra.id = f.rater_id
       WHERE r.family_id = @familyId AND f.deleted_at IS NULL AND ${visibleToViewerSql('f.recording_id', 'f.rater_id')}
       ORDER BY f.for_feedback DESC, r.recorded_on, r.id, f.start_ms, f.id
       LIMIT 500`,
    )
    .all({ visitId: visit.id, familyId: visit.familyId, viewerId }) as {
    id: number;
    recording_id: number;
    recorded_on: string;
    activity: Activity;
    start_ms: number;
    end_ms: number;
    note: string;
    for_feedback: number;
    initials: string;
    chosen: number;
  }[];
  const tags = db.prepare(
    'SELECT t.name FROM fragment_tags x JOIN tags t ON t.id = x.tag_id WHERE x.fragment_id = ? ORDER BY t.position, t.id',
  );
  return rows.map((row) => ({
    fragmentId: row.id,
    recordingId: row.recording_id,
    recordedOn: row.recorded_on,
    activity: row.activity,
    startMs: row.start_ms,
    endMs: row.end_ms,
    tagNames: (tags.all(row.id) as { name: string }[]).map((tag) => tag.name),
    note: row.note,
    forFeedback: row.for_feedback === 1,
    raterInitials: row.initials,
    chosen: row.chosen === 1,
  }));
}

export function countItems(db: Db, visitId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM feedback_items WHERE visit_id = ?').get(visitId) as { n: number }).n;
}

export function hasItem(db: Db, visitId: number, fragmentId: number): boolean {
  return db.prepare('SELECT 1 FROM feedback_items WHERE visit_id = ? AND fragment_id = ?').get(visitId, fragmentId) !== undefined;
}

export function insertItem(db: Db, item: { visitId: number; familyId: number; fragmentId: number; caption: string; chosenBy: number | null }, now: string): number {
  const { next } = db.prepare('SELECT coalesce(max(position), 0) + 1 AS next FROM feedback_items WHERE visit_id = ?').get(item.visitId) as { next: number };
  return Number(
    db
      .prepare(
        'INSERT INTO feedback_items (visit_id, family_id, fragment_id, position, caption, chosen_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(item.visitId, item.familyId, item.fragmentId, next, item.caption, item.chosenBy, now, now).lastInsertRowid,
  );
}

export function setCaption(db: Db, itemId: number, caption: string, now: string): void {
  db.prepare('UPDATE feedback_items SET caption = ?, updated_at = ? WHERE id = ?').run(caption, now, itemId);
}

/**
 * Swaps the item with its neighbour in the visit's order (over all items, hidden ones included, so
 * a viewer who sees fewer items cannot scramble the order of the others). False at either end.
 */
export function moveItem(db: Db, item: ItemHead, direction: 'up' | 'down', now: string): boolean {
  const neighbour = db
    .prepare(
      direction === 'up'
        ? 'SELECT id, position FROM feedback_items WHERE visit_id = ? AND (position < ? OR (position = ? AND id < ?)) ORDER BY position DESC, id DESC LIMIT 1'
        : 'SELECT id, position FROM feedback_items WHERE visit_id = ? AND (position > ? OR (position = ? AND id > ?)) ORDER BY position, id LIMIT 1',
    )
    .get(item.visitId, item.position, item.position, item.id) as { id: number; position: number } | undefined;
  if (!neighbour) return false;
  const set = db.prepare('UPDATE feedback_items SET position = ?, updated_at = ? WHERE id = ?');
  // Equal positions cannot occur through this code, but a swap of equal values would change nothing.
  const [mine, theirs] = neighbour.position === item.position ? [item.position + (direction === 'up' ? 1 : -1), item.position] : [neighbour.position, item.position];
  set.run(mine, now, item.id);
  set.run(theirs, now, neighbour.id);
  return true;
}

export function deleteItem(db: Db, itemId: number): void {
  db.prepare('DELETE FROM feedback_items WHERE id = ?').run(itemId);
}

export function answeredQuestionIdsOf(db: Db, itemId: number): Set<number> {
  return new Set((db.prepare('SELECT question_id FROM feedback_words WHERE item_id = ?').all(itemId) as { question_id: number }[]).map((row) => row.question_id));
}

/** The parents' words for one question; empty removes them. */
export function saveWords(db: Db, item: ItemHead, questionId: number, words: string, now: string): void {
  if (words === '') {
    db.prepare('DELETE FROM feedback_words WHERE item_id = ? AND question_id = ?').run(item.id, questionId);
    return;
  }
  db.prepare(
    `INSERT INTO feedback_words (item_id, question_id, family_id, words, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (item_id, question_id) DO UPDATE SET words = excluded.words, updated_at = excluded.updated_at`,
  ).run(item.id, questionId, item.familyId, words, now);
}

/** The items a film is made of, in order: only the fragments the viewer sees in the session. */
export function filmItems(db: Db, visitId: number, viewerId: number): { fragmentId: number; recordingId: number; startMs: number; endMs: number; caption: string }[] {
  return itemRows(db, visitId, viewerId)
    .filter((row) => row.shown === 1)
    .map((row) => ({ fragmentId: row.fragment_id, recordingId: row.recording_id, startMs: row.start_ms, endMs: row.end_ms, caption: row.caption }));
}

/** Export jobs made from this visit's session (their params name the visit). */
export function filmJobIds(db: Db, visitId: number): number[] {
  return (
    db.prepare(`SELECT id FROM media_jobs WHERE kind = 'reel' AND json_extract(params_json, '$.visitId') = ? ORDER BY id DESC LIMIT 50`).all(visitId) as { id: number }[]
  ).map((row) => row.id);
}
