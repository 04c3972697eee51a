import { z } from 'zod';
import { method, noInput as none, type MethodSpec } from '../method-spec';
import type { AccessLogEntry, Caregiver, Family, FamilySummary, Rater, RaterProfile, SessionInfo } from '../../domain/entities';
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
  secret,
  shortText,
} from '../schemas';
import { say } from '../validation-messages';

/** Session, raters, families with their caregivers, and the access log (home visits: visit-methods.ts). */
export const coreMethods = {
  'session.get': method<SessionInfo>()('Wie is er aangemeld op deze werkplek, of welk profiel is vergrendeld.', none),
  'session.selectRater': method<SessionInfo>()(
    'Meld u aan met uw pincode of wachtwoord; het profiel wordt op deze werkplek onthouden.',
    z.strictObject({ raterId: id, pin: secret }),
  ),
  'session.lock': method<SessionInfo>()('Vergrendel de werkplek; ontgrendelen vraagt de pincode.', none),
  'session.touch': method<{ ok: true }>()('Er wordt gewerkt: stelt de vergrendeling bij inactiviteit uit.', none),
  'session.changePin': method<SessionInfo>()(
    'Kies een nieuwe eigen pincode of wachtwoord. Direct na aanmelden met een startpincode hoeft de huidige niet nog eens.',
    z.strictObject({ currentPin: secret.optional(), newPin: secret }),
  ),
  'session.signOut': method<SessionInfo>()('Afmelden en een andere beoordelaar laten kiezen.', none),

  'raters.list': method<RaterProfile[]>()(
    'Alle beoordelaars, standaard alleen de actieve.',
    z.strictObject({ includeInactive: z.boolean().optional() }),
  ),
  'raters.create': method<Rater>()(
    'Nieuwe beoordelaar met een startpincode (alleen coördinator; de allereerste coördinator kiest zelf een wachtwoord).',
    z.strictObject({ name: requiredText({ nl: 'Naam', en: 'Name' }, 80), initials, role: raterRole, pin: secret }),
  ),
  'raters.resetPin': method<Rater>()(
    'Stel een vergeten pincode opnieuw in met een startpincode (alleen coördinator; gelogd).',
    z.strictObject({ raterId: id, newPin: secret }),
  ),
  'raters.update': method<Rater>()(
    'Wijzig naam, initialen, rol of actief (alleen coördinator).',
    patch({
      name: requiredText({ nl: 'Naam', en: 'Name' }, 80).optional(),
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
      caregivers: z.array(caregiverInput).max(6, say('Maximaal 6 ouders/verzorgers.', 'At most 6 parents/caregivers.')).optional(),
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
    z.strictObject({ familyId: id, role: caregiverRole, label: requiredText({ nl: 'Omschrijving van de ouder', en: 'Description of the parent' }, 60) }),
  ),
  'caregivers.update': method<Caregiver>()(
    'Wijzig rol of omschrijving van een ouder/verzorger.',
    patch({ role: caregiverRole.optional(), label: requiredText({ nl: 'Omschrijving van de ouder', en: 'Description of the parent' }, 60).optional() }),
  ),
  'caregivers.remove': method<{ removed: true }>()('Verwijder een ouder/verzorger.', z.strictObject({ id })),

  'accessLog.forFamily': method<AccessLogEntry[]>()(
    'Het toegangslogboek van één gezin (alleen coördinator).',
    z.strictObject({ familyId: id, limit: z.number().int().min(1).max(5000).optional() }),
  ),
} as const satisfies Record<string, MethodSpec>;
