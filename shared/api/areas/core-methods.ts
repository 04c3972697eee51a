import { z } from 'zod';
import { method, noInput as none, type MethodSpec } from '../method-spec';
import type { AccessLogEntry, Caregiver, Family, FamilySummary, Rater, SessionInfo, Visit } from '../../domain/entities';
import {
  calendarDate,
  calendarMonth,
  caregiverInput,
  caregiverRole,
  familyCode,
  familyPhase,
  id,
  initials,
  noteText,
  patch,
  raterRole,
  requiredText,
  shortText,
  visitPhase,
} from '../schemas';

/** Session, raters, families with their caregivers and home visits, and the access log. */
export const coreMethods = {
  'session.get': method<SessionInfo>()('Wie is de actieve beoordelaar op deze werkplek.', none),
  'session.selectRater': method<SessionInfo>()(
    'Kies wie u bent; onthouden op deze werkplek.',
    z.strictObject({ raterId: id }),
  ),
  'session.signOut': method<SessionInfo>()('Stop als actieve beoordelaar.', none),

  'raters.list': method<Rater[]>()(
    'Alle beoordelaars, standaard alleen de actieve.',
    z.strictObject({ includeInactive: z.boolean().optional() }),
  ),
  'raters.create': method<Rater>()(
    'Nieuwe beoordelaar (alleen coördinator; de allereerste mag iedereen maken).',
    z.strictObject({ name: requiredText('Naam', 80), initials, role: raterRole }),
  ),
  'raters.update': method<Rater>()(
    'Wijzig naam, initialen, rol of actief (alleen coördinator).',
    patch({
      name: requiredText('Naam', 80).optional(),
      initials: initials.optional(),
      role: raterRole.optional(),
      active: z.boolean().optional(),
    }),
  ),

  'families.list': method<FamilySummary[]>()(
    'Gezinnen met zoeken en filters; toont alleen codes, nooit namen.',
    z.strictObject({
      search: shortText(40).optional(),
      phase: familyPhase.optional(),
      status: z.enum(['active', 'closed', 'all']).optional(),
    }),
  ),
  'families.suggestCode': method<{ code: string }>()('Een vrije, pseudonieme gezinscode.', none),
  'families.create': method<Family>()(
    'Nieuw gezin met zijn ouders/verzorgers.',
    z.strictObject({
      code: familyCode,
      babyBirthMonth: calendarMonth,
      referralDate: calendarDate,
      phase: familyPhase.optional(),
      notes: noteText.optional(),
      caregivers: z.array(caregiverInput).max(6, 'Maximaal 6 ouders/verzorgers.').optional(),
    }),
  ),
  'families.get': method<Family>()('Eén gezin met ouders/verzorgers en huisbezoeken.', z.strictObject({ id })),
  'families.update': method<Family>()(
    'Wijzig code, geboortemaand, aanmelddatum, fase of notities.',
    patch({
      code: familyCode.optional(),
      babyBirthMonth: calendarMonth.optional(),
      referralDate: calendarDate.optional(),
      phase: familyPhase.optional(),
      notes: noteText.optional(),
    }),
  ),

  'caregivers.add': method<Caregiver>()(
    'Voeg een ouder/verzorger toe aan een gezin.',
    z.strictObject({ familyId: id, role: caregiverRole, label: requiredText('Omschrijving van de ouder', 60) }),
  ),
  'caregivers.update': method<Caregiver>()(
    'Wijzig rol of omschrijving van een ouder/verzorger.',
    patch({ role: caregiverRole.optional(), label: requiredText('Omschrijving van de ouder', 60).optional() }),
  ),
  'caregivers.remove': method<{ removed: true }>()('Verwijder een ouder/verzorger.', z.strictObject({ id })),

  'visits.add': method<Visit>()(
    'Nieuw huisbezoek.',
    z.strictObject({ familyId: id, date: calendarDate, phase: visitPhase, notes: noteText.optional() }),
  ),
  'visits.update': method<Visit>()(
    'Wijzig datum, fase of notities van een huisbezoek.',
    patch({ date: calendarDate.optional(), phase: visitPhase.optional(), notes: noteText.optional() }),
  ),
  'visits.remove': method<{ removed: true }>()('Verwijder een huisbezoek.', z.strictObject({ id })),

  'accessLog.forFamily': method<AccessLogEntry[]>()(
    'Het toegangslogboek van één gezin (alleen coördinator).',
    z.strictObject({ familyId: id, limit: z.number().int().min(1).max(5000).optional() }),
  ),
} as const satisfies Record<string, MethodSpec>;
