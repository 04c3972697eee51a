import { assertFamilyDatesFitRecords } from './family-dates';
import { AppError, msg } from '../../../../shared/api/envelope';
import type { Family } from '../../../../shared/domain/entities';
import { localToday } from '../../../../shared/domain/dates';
import type { HandlerContext, HandlersFor } from '../../handler-context';
import { suggestFamilyCode } from './family-code';
import { upsertPhaseStart } from '../dossier/dossier-repository';
import { applyPhaseChange, assertReferralFitsDossier } from '../dossier/phase-rules';
import {
  allCodes,
  codeTaken,
  deleteCaregiver,
  findCaregiver,
  findFamily,
  insertCaregiver,
  insertFamily,
  listFamilies,
  touchFamily,
  updateCaregiver,
  updateFamily,
} from './family-repository';

const FAMILY_GONE = msg('Dit gezin bestaat niet (meer).', 'This family does not exist (any more).');

function requireFamily(ctx: HandlerContext, id: number): Family {
  const family = findFamily(ctx.db, id);
  if (!family) throw new AppError('not_found', FAMILY_GONE);
  return family;
}

function assertBirthMonthNotFuture(month: string | undefined): void {
  if (month !== undefined && month > localToday().slice(0, 7)) {
    throw new AppError('invalid_input', msg('De geboortemaand van de baby ligt in de toekomst.', 'The baby\'s birth month is in the future.'), {
      babyBirthMonth: msg('De geboortemaand ligt in de toekomst.', 'The birth month is in the future.'),
    });
  }
}

function assertCodeFree(ctx: HandlerContext, code: string | undefined, exceptId?: number): void {
  if (code !== undefined && codeTaken(ctx.db, code, exceptId)) {
    throw new AppError('conflict', msg(`Gezinscode ${code} bestaat al. Kies een andere code.`, `Family code ${code} already exists. Choose another code.`), {
      code: msg('Deze code bestaat al.', 'This code already exists.'),
    });
  }
}

export const familyHandlers: Omit<HandlersFor<'families'>, 'families.erase'> = {
  'families.list': (filter, ctx) => {
    // A list across families: one row without a family. The search text is left out (the UI
    // searches as one types), so a search stays one row per repeated-read window.
    const filters = [filter.phase && `fase ${filter.phase}`, filter.status && `status ${filter.status}`, filter.search?.trim() && 'met zoekterm'].filter(Boolean);
    ctx.logTeamAccess(`gezinnenlijst${filters.length ? `; ${filters.join(', ')}` : ''}`);
    return listFamilies(ctx.db, filter);
  },

  'families.suggestCode': (_input, ctx) => ({ code: suggestFamilyCode(allCodes(ctx.db), new Date()) }),

  'families.create': (input, ctx) => {
    assertBirthMonthNotFuture(input.babyBirthMonth);
    assertCodeFree(ctx, input.code);
    const id = insertFamily(
      ctx.db,
      {
        code: input.code,
        babyBirthMonth: input.babyBirthMonth,
        referralDate: input.referralDate,
        phase: input.phase ?? 'aanmelding',
        notes: input.notes ?? '',
        createdBy: ctx.actor?.id ?? null,
      },
      ctx.now,
    );
    // A family that comes in further along (an import, a transfer): its phase is known from the
    // aanmelding on, the earliest date the rules allow; the team can set the real date.
    if (input.phase && input.phase !== 'aanmelding') upsertPhaseStart(ctx.db, id, input.phase, input.referralDate, ctx.actor?.id ?? null, ctx.now);
    for (const caregiver of input.caregivers ?? []) insertCaregiver(ctx.db, id, caregiver.role, caregiver.label);
    ctx.logFamilyAccess(id, `code ${input.code}; ${input.caregivers?.length ?? 0} ouder(s)`);
    ctx.emit('data.changed', { area: 'families', id });
    return findFamily(ctx.db, id)!;
  },

  'families.get': ({ id }, ctx) => {
    const family = requireFamily(ctx, id);
    ctx.logFamilyAccess(id);
    return family;
  },

  'families.update': ({ id, phase, ...changes }, ctx) => {
    requireFamily(ctx, id);
    assertBirthMonthNotFuture(changes.babyBirthMonth);
    assertFamilyDatesFitRecords(ctx.db, id, changes);
    assertReferralFitsDossier(ctx.db, id, changes.referralDate);
    assertCodeFree(ctx, changes.code, id);
    updateFamily(ctx.db, id, changes, ctx.now);
    // The phase goes through the dossier's rules (order, dates, contra-indications), and so is
    // kept with its start in the phase history; the same transaction rolls back a refusal.
    if (phase !== undefined) applyPhaseChange(ctx.db, id, phase, ctx.actor?.id ?? null, ctx.now);
    if (phase !== undefined) Object.assign(changes, { phase });
    ctx.logFamilyAccess(id, `velden: ${Object.keys(changes).join(', ')}`);
    ctx.emit('data.changed', { area: 'families', id });
    return findFamily(ctx.db, id)!;
  },
};

export const caregiverHandlers: HandlersFor<'caregivers'> = {
  'caregivers.add': ({ familyId, role, label }, ctx) => {
    requireFamily(ctx, familyId);
    const caregiver = insertCaregiver(ctx.db, familyId, role, label);
    touchFamily(ctx.db, familyId, ctx.now);
    ctx.logFamilyAccess(familyId, `${role}`);
    ctx.emit('data.changed', { area: 'families', id: familyId });
    return caregiver;
  },

  'caregivers.update': ({ id, ...changes }, ctx) => {
    const current = findCaregiver(ctx.db, id);
    if (!current) throw new AppError('not_found', msg('Deze ouder/verzorger bestaat niet (meer).', 'This parent/caregiver does not exist (any more).'));
    const next = { ...current, ...changes };
    updateCaregiver(ctx.db, next);
    touchFamily(ctx.db, current.familyId, ctx.now);
    ctx.logFamilyAccess(current.familyId, `velden: ${Object.keys(changes).join(', ')}`);
    ctx.emit('data.changed', { area: 'families', id: current.familyId });
    return next;
  },

  'caregivers.remove': ({ id }, ctx) => {
    const current = findCaregiver(ctx.db, id);
    if (!current) throw new AppError('not_found', msg('Deze ouder/verzorger bestaat niet (meer).', 'This parent/caregiver does not exist (any more).'));
    // Recordings and fragments keep their caregiver (the database refuses the delete); say so in Dutch.
    const inUse =
      ctx.db.prepare('SELECT 1 FROM recording_caregivers WHERE caregiver_id = ? UNION ALL SELECT 1 FROM fragments WHERE caregiver_id = ? LIMIT 1').get(id, id) !==
      undefined;
    if (inUse) {
      throw new AppError('conflict', msg(
        'Deze ouder/verzorger staat in beeld in een of meer opnamen en kan niet worden verwijderd. Er is niets gewijzigd.',
        'This parent/caregiver is in view in one or more recordings and cannot be removed. Nothing has been changed.',
      ));
    }
    deleteCaregiver(ctx.db, id);
    touchFamily(ctx.db, current.familyId, ctx.now);
    ctx.logFamilyAccess(current.familyId, current.role);
    ctx.emit('data.changed', { area: 'families', id: current.familyId });
    return { removed: true };
  },
};
