import type { Caregiver, Family, FamilySummary, Visit } from '../../../../shared/domain/entities';
import type { CaregiverRole, FamilyPhase, VisitPhase } from '../../../../shared/domain/vocabulary';
import type { Db } from '../../db/open-database';

interface FamilyRow {
  id: number;
  code: string;
  phase: FamilyPhase;
  baby_birth_month: string;
  referral_date: string;
  notes: string;
  created_at: string;
  updated_at: string;
  caregiver_count: number;
  visit_count: number;
  phase_since: string | null;
}

const SUMMARY_COLUMNS = `f.id, f.code, f.phase, f.baby_birth_month, f.referral_date, f.notes, f.created_at, f.updated_at,
  (SELECT count(*) FROM caregivers c WHERE c.family_id = f.id) AS caregiver_count,
  (SELECT count(*) FROM visits v WHERE v.family_id = f.id) AS visit_count,
  CASE WHEN f.phase = 'aanmelding' THEN f.referral_date
       ELSE (SELECT p.started_on FROM family_phases p WHERE p.family_id = f.id AND p.phase = f.phase) END AS phase_since`;

const toSummary = (row: FamilyRow): FamilySummary => ({
  id: row.id,
  code: row.code,
  phase: row.phase,
  phaseSince: row.phase_since,
  babyBirthMonth: row.baby_birth_month,
  referralDate: row.referral_date,
  caregiverCount: row.caregiver_count,
  visitCount: row.visit_count,
  updatedAt: row.updated_at,
});

export interface FamilyFilter {
  search?: string;
  phase?: FamilyPhase;
  status?: 'active' | 'closed' | 'all';
}

/** LIKE treats % and _ as wildcards; a search for "OB_1" must match only that text. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listFamilies(db: Db, filter: FamilyFilter): FamilySummary[] {
  const where: string[] = [];
  const params: unknown[] = [];
  const search = filter.search?.trim();
  if (search) {
    where.push(`f.code LIKE ? ESCAPE '\\'`);
    params.push(likePattern(search));
  }
  if (filter.phase) {
    where.push('f.phase = ?');
    params.push(filter.phase);
  }
  const status = filter.status ?? 'all';
  if (status === 'active') where.push(`f.phase <> 'afgesloten'`);
  if (status === 'closed') where.push(`f.phase = 'afgesloten'`);
  const sql = `SELECT ${SUMMARY_COLUMNS} FROM families f ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY f.code COLLATE NOCASE`;
  return (db.prepare(sql).all(...params) as FamilyRow[]).map(toSummary);
}

export function familyExists(db: Db, id: number): boolean {
  return db.prepare('SELECT 1 FROM families WHERE id = ?').get(id) !== undefined;
}

export function codeTaken(db: Db, code: string, exceptId?: number): boolean {
  return db.prepare('SELECT 1 FROM families WHERE code = ? AND id IS NOT ?').get(code, exceptId ?? null) !== undefined;
}

export function allCodes(db: Db): string[] {
  return (db.prepare('SELECT code FROM families').all() as { code: string }[]).map((row) => row.code);
}

export function findFamily(db: Db, id: number): Family | null {
  const row = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM families f WHERE f.id = ?`).get(id) as FamilyRow | undefined;
  if (!row) return null;
  return {
    ...toSummary(row),
    notes: row.notes,
    createdAt: row.created_at,
    caregivers: listCaregivers(db, id),
    visits: listVisits(db, id),
  };
}

export interface NewFamily {
  code: string;
  babyBirthMonth: string;
  referralDate: string;
  phase: FamilyPhase;
  notes: string;
  createdBy: number | null;
}

export function insertFamily(db: Db, family: NewFamily, now: string): number {
  const result = db
    .prepare(
      `INSERT INTO families (code, baby_birth_month, referral_date, phase, notes, created_at, created_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(family.code, family.babyBirthMonth, family.referralDate, family.phase, family.notes, now, family.createdBy, now);
  return Number(result.lastInsertRowid);
}

const FAMILY_COLUMNS = {
  code: 'code',
  babyBirthMonth: 'baby_birth_month',
  referralDate: 'referral_date',
  phase: 'phase',
  notes: 'notes',
} as const;

export type FamilyChanges = Partial<Record<keyof typeof FAMILY_COLUMNS, string>>;

export function updateFamily(db: Db, id: number, changes: FamilyChanges, now: string): void {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as [keyof typeof FAMILY_COLUMNS, string][];
  const assignments = entries.map(([key]) => `${FAMILY_COLUMNS[key]} = ?`);
  db.prepare(`UPDATE families SET ${[...assignments, 'updated_at = ?'].join(', ')} WHERE id = ?`).run(
    ...entries.map(([, value]) => value),
    now,
    id,
  );
}

export function touchFamily(db: Db, id: number, now: string): void {
  db.prepare('UPDATE families SET updated_at = ? WHERE id = ?').run(now, id);
}

interface CaregiverRow {
  id: number;
  family_id: number;
  role: CaregiverRole;
  label: string;
}
const toCaregiver = (row: CaregiverRow): Caregiver => ({ id: row.id, familyId: row.family_id, role: row.role, label: row.label });

export function listCaregivers(db: Db, familyId: number): Caregiver[] {
  return (db.prepare('SELECT id, family_id, role, label FROM caregivers WHERE family_id = ? ORDER BY id').all(familyId) as CaregiverRow[]).map(
    toCaregiver,
  );
}

export function findCaregiver(db: Db, id: number): Caregiver | null {
  const row = db.prepare('SELECT id, family_id, role, label FROM caregivers WHERE id = ?').get(id) as CaregiverRow | undefined;
  return row ? toCaregiver(row) : null;
}

export function insertCaregiver(db: Db, familyId: number, role: CaregiverRole, label: string): Caregiver {
  const result = db.prepare('INSERT INTO caregivers (family_id, role, label) VALUES (?, ?, ?)').run(familyId, role, label);
  return findCaregiver(db, Number(result.lastInsertRowid))!;
}

export function updateCaregiver(db: Db, caregiver: Caregiver): void {
  db.prepare('UPDATE caregivers SET role = ?, label = ? WHERE id = ?').run(caregiver.role, caregiver.label, caregiver.id);
}

export function deleteCaregiver(db: Db, id: number): void {
  db.prepare('DELETE FROM caregivers WHERE id = ?').run(id);
}

interface VisitRow {
  id: number;
  family_id: number;
  date: string;
  phase: VisitPhase;
  notes: string;
}
const toVisit = (row: VisitRow): Visit => ({ id: row.id, familyId: row.family_id, date: row.date, phase: row.phase, notes: row.notes });

export function listVisits(db: Db, familyId: number): Visit[] {
  return (db.prepare('SELECT id, family_id, date, phase, notes FROM visits WHERE family_id = ? ORDER BY date, id').all(familyId) as VisitRow[]).map(
    toVisit,
  );
}

export function deleteVisit(db: Db, id: number): void {
  db.prepare('DELETE FROM visits WHERE id = ?').run(id);
}
