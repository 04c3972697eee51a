import { AppError, msg, type Bilingual } from '../../../../shared/api/envelope';
import type { Db } from '../../db/open-database';

// A family's time line starts at its aanmelding, and nothing is filmed before the baby is born.
// A visit or recording dated earlier gives a negative age in every trend and export, so it is
// refused where it is typed, and so is moving the aanmelding or birth month past what exists.

interface FamilyBounds {
  referralDate: string;
  /** YYYY-MM: the first day of that month is the earliest possible date. */
  babyBirthMonth: string;
}

function boundsOf(db: Db, familyId: number): FamilyBounds | null {
  const row = db.prepare('SELECT referral_date, baby_birth_month FROM families WHERE id = ?').get(familyId) as
    | { referral_date: string; baby_birth_month: string }
    | undefined;
  return row ? { referralDate: row.referral_date, babyBirthMonth: row.baby_birth_month } : null;
}

type What = 'Een huisbezoek' | 'Een opname';
const WHAT_EN: Record<What, string> = { 'Een huisbezoek': 'A home visit', 'Een opname': 'A recording' };

function problemWith(date: string, bounds: FamilyBounds, what: What): Bilingual | null {
  if (date < `${bounds.babyBirthMonth}-01`) {
    return msg(
      `${what} op ${date} ligt vóór de geboortemaand van de baby (${bounds.babyBirthMonth}). Controleer de datum; er is niets gewijzigd.`,
      `${WHAT_EN[what]} on ${date} is before the baby's birth month (${bounds.babyBirthMonth}). Check the date; nothing has been changed.`,
    );
  }
  if (date < bounds.referralDate) {
    return msg(
      `${what} op ${date} ligt vóór de aanmelding (${bounds.referralDate}). Controleer de datum; er is niets gewijzigd.`,
      `${WHAT_EN[what]} on ${date} is before the referral (${bounds.referralDate}). Check the date; nothing has been changed.`,
    );
  }
  return null;
}

/** Refuses a visit or recording date before the family's aanmelding or the baby's birth month. */
export function assertDateInFamilyTime(db: Db, familyId: number, date: string, what: What, field: string): void {
  const bounds = boundsOf(db, familyId);
  if (!bounds) return;
  const problem = problemWith(date, bounds, what);
  if (problem) throw new AppError('invalid_input', problem, { [field]: msg('Datum vóór de aanmelding of de geboorte.', 'Date before the referral or the birth.') });
}

/** Refuses a new aanmelding or birth month that would put existing visits or recordings before it. */
export function assertFamilyDatesFitRecords(db: Db, familyId: number, changes: Partial<FamilyBounds>): void {
  if (changes.referralDate === undefined && changes.babyBirthMonth === undefined) return;
  const current = boundsOf(db, familyId);
  if (!current) return;
  const next: FamilyBounds = { ...current, ...changes };
  const earliest = db
    .prepare(
      `SELECT MIN(d) AS d, kind FROM (
         SELECT date AS d, 'Een huisbezoek' AS kind FROM visits WHERE family_id = @id
         UNION ALL SELECT recorded_on AS d, 'Een opname' AS kind FROM recordings WHERE family_id = @id)`,
    )
    .get({ id: familyId }) as { d: string | null; kind: What | null };
  if (earliest.d === null) return;
  const problem = problemWith(earliest.d, next, earliest.kind ?? 'Een huisbezoek');
  if (problem) {
    const field = changes.referralDate !== undefined && earliest.d < next.referralDate ? 'referralDate' : 'babyBirthMonth';
    const recording = earliest.kind === 'Een opname';
    throw new AppError('invalid_input', problem, {
      [field]: msg(`Er is al ${recording ? 'een opname' : 'een huisbezoek'} op ${earliest.d}.`, `There is already ${recording ? 'a recording' : 'a home visit'} on ${earliest.d}.`),
    });
  }
}
