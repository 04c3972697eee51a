import type { AgreementStatus, ContraIndication, FamilyDossier, Indication, Intake, LogbookEntry, PhaseStep } from '../../../../shared/domain/dossier';
import { FAMILY_PHASES, type FamilyPhase } from '../../../../shared/domain/vocabulary';
import type { Db } from '../../db/open-database';

export const phaseIndex = (phase: FamilyPhase): number => FAMILY_PHASES.indexOf(phase);

interface FamilyHead {
  referralDate: string;
  phase: FamilyPhase;
}

export function familyHead(db: Db, familyId: number): FamilyHead | null {
  const row = db.prepare('SELECT referral_date, phase FROM families WHERE id = ?').get(familyId) as { referral_date: string; phase: FamilyPhase } | undefined;
  return row ? { referralDate: row.referral_date, phase: row.phase } : null;
}

/**
 * The phases the family entered, in the order of the intervention, ending with the current one.
 * Aanmelding starts at the referral date. A current phase without a row (a family moved before
 * phases had dates, or written by an import) shows with an unknown start rather than not at all.
 */
export function phaseSteps(db: Db, familyId: number, head: FamilyHead): PhaseStep[] {
  const rows = db.prepare('SELECT phase, started_on FROM family_phases WHERE family_id = ?').all(familyId) as { phase: FamilyPhase; started_on: string }[];
  const started = new Map(rows.map((row) => [row.phase, row.started_on]));
  const current = phaseIndex(head.phase);
  const entered = FAMILY_PHASES.filter((phase, index) => index <= current && (index === 0 || index === current || started.has(phase)));
  return entered.map((phase, index) => {
    const startedOn = phase === 'aanmelding' ? head.referralDate : (started.get(phase) ?? null);
    const next = entered[index + 1];
    return { phase, startedOn, endedOn: next === undefined ? null : (started.get(next) ?? null) };
  });
}

export function upsertPhaseStart(db: Db, familyId: number, phase: FamilyPhase, date: string, raterId: number | null, now: string): void {
  db.prepare(
    `INSERT INTO family_phases (family_id, phase, started_on, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (family_id, phase) DO UPDATE SET started_on = excluded.started_on, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
  ).run(familyId, phase, date, raterId, now);
}

/** Forgets the start of every phase after `phase` (the family went back to it). */
export function deletePhasesAfter(db: Db, familyId: number, phase: FamilyPhase): void {
  const later = FAMILY_PHASES.slice(phaseIndex(phase) + 1);
  if (later.length === 0) return;
  db.prepare(`DELETE FROM family_phases WHERE family_id = ? AND phase IN (${later.map(() => '?').join(', ')})`).run(familyId, ...later);
}

export function setCurrentPhase(db: Db, familyId: number, phase: FamilyPhase, now: string): void {
  db.prepare('UPDATE families SET phase = ?, updated_at = ? WHERE id = ?').run(phase, now, familyId);
}

interface IntakeRow {
  referrer: string;
  indication: Indication | null;
  indication_note: string;
  high_stress: 0 | 1;
  high_stress_note: string;
  unsafe: 0 | 1;
  unsafe_note: string;
  override_reason: string | null;
  override_stress: 0 | 1 | null;
  override_unsafe: 0 | 1 | null;
  override_at: string | null;
  override_name: string | null;
}

const EMPTY_INTAKE: Intake = {
  referrer: '',
  indication: null,
  indicationNote: '',
  highStress: false,
  highStressNote: '',
  unsafe: false,
  unsafeNote: '',
  override: null,
};

export function findIntake(db: Db, familyId: number): Intake {
  const row = db
    .prepare(
      `SELECT i.*, r.name AS override_name FROM family_intakes i LEFT JOIN raters r ON r.id = i.override_by WHERE i.family_id = ?`,
    )
    .get(familyId) as IntakeRow | undefined;
  if (!row) return EMPTY_INTAKE;
  const covers: ContraIndication[] = [...(row.override_stress ? (['highStress'] as const) : []), ...(row.override_unsafe ? (['unsafe'] as const) : [])];
  return {
    referrer: row.referrer,
    indication: row.indication,
    indicationNote: row.indication_note,
    highStress: row.high_stress === 1,
    highStressNote: row.high_stress_note,
    unsafe: row.unsafe === 1,
    unsafeNote: row.unsafe_note,
    override: row.override_reason !== null && row.override_at !== null ? { covers, byName: row.override_name, at: row.override_at, reason: row.override_reason } : null,
  };
}

/** Contra-indications checked and not weighed by a coordinator's override. */
export function blockingContraIndications(intake: Intake): ContraIndication[] {
  const checked: ContraIndication[] = [...(intake.highStress ? (['highStress'] as const) : []), ...(intake.unsafe ? (['unsafe'] as const) : [])];
  return checked.filter((what) => !intake.override?.covers.includes(what));
}

export type IntakeFields = Omit<Intake, 'override'>;

/** Writes the aanmelding's own fields; an override given earlier stays as it was. */
export function saveIntakeFields(db: Db, familyId: number, intake: IntakeFields, now: string): void {
  db.prepare(
    `INSERT INTO family_intakes (family_id, referrer, indication, indication_note, high_stress, high_stress_note, unsafe, unsafe_note, updated_at)
     VALUES (@familyId, @referrer, @indication, @indicationNote, @highStress, @highStressNote, @unsafe, @unsafeNote, @now)
     ON CONFLICT (family_id) DO UPDATE SET referrer = excluded.referrer, indication = excluded.indication, indication_note = excluded.indication_note,
       high_stress = excluded.high_stress, high_stress_note = excluded.high_stress_note, unsafe = excluded.unsafe, unsafe_note = excluded.unsafe_note,
       updated_at = excluded.updated_at`,
  ).run({
    familyId,
    referrer: intake.referrer,
    indication: intake.indication,
    indicationNote: intake.indicationNote,
    highStress: intake.highStress ? 1 : 0,
    highStressNote: intake.highStressNote,
    unsafe: intake.unsafe ? 1 : 0,
    unsafeNote: intake.unsafeNote,
    now,
  });
}

/** Records a coordinator's override of the contra-indications checked now (the intake row exists: one is checked). */
export function saveOverride(db: Db, familyId: number, override: { reason: string; covers: readonly ContraIndication[]; by: number | null; at: string }): void {
  db.prepare(
    `UPDATE family_intakes SET override_reason = ?, override_stress = ?, override_unsafe = ?, override_by = ?, override_at = ?, updated_at = ? WHERE family_id = ?`,
  ).run(override.reason, override.covers.includes('highStress') ? 1 : 0, override.covers.includes('unsafe') ? 1 : 0, override.by, override.at, override.at, familyId);
}

interface EntryRow {
  id: number;
  family_id: number;
  entry_date: string;
  text: string;
  agreement: AgreementStatus | null;
  initials: string | null;
  created_at: string;
  updated_at: string;
}

const ENTRY_SELECT = `SELECT e.id, e.family_id, e.entry_date, e.text, e.agreement, r.initials, e.created_at, e.updated_at
  FROM logbook_entries e LEFT JOIN raters r ON r.id = e.written_by`;

const toEntry = (row: EntryRow): LogbookEntry => ({
  id: row.id,
  familyId: row.family_id,
  date: row.entry_date,
  text: row.text,
  agreement: row.agreement,
  authorInitials: row.initials,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function listEntries(db: Db, familyId: number): LogbookEntry[] {
  return (db.prepare(`${ENTRY_SELECT} WHERE e.family_id = ? ORDER BY e.entry_date DESC, e.id DESC`).all(familyId) as EntryRow[]).map(toEntry);
}

export function findEntry(db: Db, id: number): LogbookEntry | null {
  const row = db.prepare(`${ENTRY_SELECT} WHERE e.id = ?`).get(id) as EntryRow | undefined;
  return row ? toEntry(row) : null;
}

export function insertEntry(db: Db, entry: { familyId: number; date: string; text: string; agreement: AgreementStatus | null; writtenBy: number | null }, now: string): LogbookEntry {
  const result = db
    .prepare('INSERT INTO logbook_entries (family_id, entry_date, text, agreement, written_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(entry.familyId, entry.date, entry.text, entry.agreement, entry.writtenBy, now, now);
  return findEntry(db, Number(result.lastInsertRowid))!;
}

export function updateEntry(db: Db, entry: LogbookEntry, now: string): void {
  db.prepare('UPDATE logbook_entries SET entry_date = ?, text = ?, agreement = ?, updated_at = ? WHERE id = ?').run(entry.date, entry.text, entry.agreement, now, entry.id);
}

export function deleteEntry(db: Db, id: number): void {
  db.prepare('DELETE FROM logbook_entries WHERE id = ?').run(id);
}

/** The earliest date in the dossier after the aanmelding: a later phase start, a logbook entry or a goal's status. */
export function earliestDossierDate(db: Db, familyId: number): { date: string; kind: 'phase' | 'entry' | 'goal' } | null {
  const row = db
    .prepare(
      `SELECT d, kind FROM (
         SELECT started_on AS d, 'phase' AS kind FROM family_phases WHERE family_id = @id
         UNION ALL SELECT entry_date AS d, 'entry' AS kind FROM logbook_entries WHERE family_id = @id
         UNION ALL SELECT e.on_date AS d, 'goal' AS kind FROM goal_status_events e JOIN goals g ON g.id = e.goal_id WHERE g.family_id = @id)
       ORDER BY d LIMIT 1`,
    )
    .get({ id: familyId }) as { d: string; kind: 'phase' | 'entry' | 'goal' } | undefined;
  return row ? { date: row.d, kind: row.kind } : null;
}

export function loadDossier(db: Db, familyId: number): FamilyDossier | null {
  const head = familyHead(db, familyId);
  if (!head) return null;
  const intake = findIntake(db, familyId);
  return {
    familyId,
    referralDate: head.referralDate,
    currentPhase: head.phase,
    phases: phaseSteps(db, familyId, head),
    intake,
    blockedBy: blockingContraIndications(intake),
    logbook: listEntries(db, familyId),
  };
}
