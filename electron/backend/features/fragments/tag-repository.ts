import type { MentalizingQuestion, Tag } from '../../../../shared/domain/fragments';
import type { Db } from '../../db/open-database';

interface TagRow {
  id: number;
  name: string;
  color: string;
  shortcut: number | null;
  description: string;
  position: number;
  archived_at: string | null;
  usage: number;
}

const TAG_SELECT = `SELECT t.id, t.name, t.color, t.shortcut, t.description, t.position, t.archived_at,
    (SELECT count(*) FROM fragment_tags ft JOIN fragments f ON f.id = ft.fragment_id
      WHERE ft.tag_id = t.id AND f.deleted_at IS NULL) AS usage
  FROM tags t`;

const toTag = (row: TagRow): Tag => ({
  id: row.id,
  name: row.name,
  color: row.color,
  shortcut: row.shortcut,
  description: row.description,
  position: row.position,
  archived: row.archived_at !== null,
  usage: row.usage,
});

export function listTags(db: Db, includeArchived: boolean): Tag[] {
  const where = includeArchived ? '' : 'WHERE t.archived_at IS NULL';
  return (db.prepare(`${TAG_SELECT} ${where} ORDER BY t.archived_at IS NOT NULL, t.position, t.id`).all() as TagRow[]).map(toTag);
}

export function findTag(db: Db, id: number): Tag | null {
  const row = db.prepare(`${TAG_SELECT} WHERE t.id = ?`).get(id) as TagRow | undefined;
  return row ? toTag(row) : null;
}

/** Name lookups are case-insensitive (the column is NOCASE), as people type them in ELAN. */
export function findTagIdByName(db: Db, name: string, exceptId?: number): number | null {
  const row = db.prepare('SELECT id FROM tags WHERE name = ? AND id IS NOT ?').get(name, exceptId ?? null) as { id: number } | undefined;
  return row?.id ?? null;
}

/** The active tag holding a shortcut key, if any. */
export function tagWithShortcut(db: Db, shortcut: number, exceptId?: number): { id: number; name: string } | null {
  return (
    (db.prepare('SELECT id, name FROM tags WHERE shortcut = ? AND archived_at IS NULL AND id IS NOT ?').get(shortcut, exceptId ?? null) as
      | { id: number; name: string }
      | undefined) ?? null
  );
}

export interface NewTag {
  name: string;
  color: string;
  shortcut: number | null;
  description: string;
}

export function insertTag(db: Db, tag: NewTag, now: string): number {
  const { next } = db.prepare('SELECT coalesce(max(position), 0) + 1 AS next FROM tags').get() as { next: number };
  return Number(
    db
      .prepare(
        `INSERT INTO tags (name, color, shortcut, description, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(tag.name, tag.color, tag.shortcut, tag.description, next, now, now).lastInsertRowid,
  );
}

const TAG_COLUMNS = { name: 'name', color: 'color', shortcut: 'shortcut', description: 'description', position: 'position' } as const;
export type TagChanges = Partial<{ name: string; color: string; shortcut: number | null; description: string; position: number }>;

export function updateTag(db: Db, id: number, changes: TagChanges, now: string): void {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as [keyof typeof TAG_COLUMNS, string | number | null][];
  if (!entries.length) return;
  db.prepare(`UPDATE tags SET ${entries.map(([key]) => `${TAG_COLUMNS[key]} = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(
    ...entries.map(([, value]) => value),
    now,
    id,
  );
}

export function setTagArchived(db: Db, id: number, archivedAt: string | null, now: string, dropShortcut = false): void {
  db.prepare(`UPDATE tags SET archived_at = ?, updated_at = ?${dropShortcut ? ', shortcut = NULL' : ''} WHERE id = ?`).run(archivedAt, now, id);
}

/** Every tag by id (archived too), for checking and naming the tags of fragments. */
export function tagStates(db: Db): Map<number, { name: string; archived: boolean }> {
  const rows = db.prepare('SELECT id, name, archived_at FROM tags').all() as { id: number; name: string; archived_at: string | null }[];
  return new Map(rows.map((row) => [row.id, { name: row.name, archived: row.archived_at !== null }]));
}

interface QuestionRow {
  id: number;
  text: string;
  position: number;
  archived_at: string | null;
}

const toQuestion = (row: QuestionRow): MentalizingQuestion => ({
  id: row.id,
  text: row.text,
  position: row.position,
  archived: row.archived_at !== null,
});

export function listQuestions(db: Db, includeArchived: boolean): MentalizingQuestion[] {
  const where = includeArchived ? '' : 'WHERE archived_at IS NULL';
  return (
    db.prepare(`SELECT id, text, position, archived_at FROM mentalizing_questions ${where} ORDER BY archived_at IS NOT NULL, position, id`).all() as QuestionRow[]
  ).map(toQuestion);
}

/**
 * Makes the active list exactly `questions`, in that order: known ids are edited (and brought back
 * from the archive), new ones inserted, and active questions left out are archived — never
 * deleted, because old fragments keep their answers to them. The caller has checked that the
 * texts are unique; ids must be known.
 */
export function replaceQuestions(db: Db, questions: readonly { id?: number; text: string }[], now: string): void {
  const keep = new Set(questions.flatMap((q) => (q.id === undefined ? [] : [q.id])));
  const active = db.prepare('SELECT id FROM mentalizing_questions WHERE archived_at IS NULL').all() as { id: number }[];
  const archive = db.prepare('UPDATE mentalizing_questions SET archived_at = ?, updated_at = ? WHERE id = ?');
  for (const { id } of active) if (!keep.has(id)) archive.run(now, now, id);
  // Two steps, so two questions can swap texts without tripping the unique index halfway.
  const park = db.prepare(`UPDATE mentalizing_questions SET text = '#' || id WHERE id = ?`);
  for (const id of keep) park.run(id);
  const update = db.prepare('UPDATE mentalizing_questions SET text = ?, position = ?, archived_at = NULL, updated_at = ? WHERE id = ?');
  const insert = db.prepare('INSERT INTO mentalizing_questions (text, position, created_at, updated_at) VALUES (?, ?, ?, ?)');
  questions.forEach((question, index) => {
    if (question.id === undefined) insert.run(question.text, index + 1, now, now);
    else update.run(question.text, index + 1, now, question.id);
  });
}

export function questionStates(db: Db): Map<number, { text: string; archived: boolean; position: number }> {
  const rows = db.prepare('SELECT id, text, position, archived_at FROM mentalizing_questions').all() as QuestionRow[];
  return new Map(rows.map((row) => [row.id, { text: row.text, archived: row.archived_at !== null, position: row.position }]));
}
