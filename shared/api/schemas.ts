import { z } from 'zod';
import { isCalendarDate, isCalendarMonth } from '../domain/dates';
import { SECRET_MAX_LENGTH } from '../domain/pin-rules';
import { CAREGIVER_ROLES, FAMILY_PHASES, RATER_ROLES, VISIT_PHASES } from '../domain/vocabulary';

// Dutch is the first language of every message a person may read, including validation errors.
z.config(z.locales.nl());

/** Database ids: positive integers that fit SQLite's and JavaScript's safe range. */
export const id = z.number({ error: 'Een id moet een geheel getal zijn.' }).int('Een id moet een geheel getal zijn.').positive('Een id moet positief zijn.').max(Number.MAX_SAFE_INTEGER);

/** Free text is always bounded so a hostile caller cannot make us store megabytes in one field. */
export const shortText = (max = 200) => z.string().max(max, `Maximaal ${max} tekens.`);
/**
 * Characters no one types and XML cannot hold: control characters other than tab and line breaks,
 * U+FFFE/U+FFFF and halves of a surrogate pair. SQLite's length() stops at a NUL, so "\u0000naam"
 * broke the tables' length checks as an unexpected error, and a NUL in a note made the ELAN and
 * XLSX exports unreadable. Found by test/integration/fuzz-api.test.ts and fuzz-exports.test.ts.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVALID_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const hasInvalidCharacter = (text: string) => INVALID_CHARACTER.test(text);
export const invalidCharacterMessage = (label: string) => `${label} bevat een ongeldig teken (een stuurteken zoals NUL).`;

export const requiredText = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .min(1, `${label} is verplicht.`)
    .max(max, `${label}: maximaal ${max} tekens.`)
    .refine((text) => !hasInvalidCharacter(text), invalidCharacterMessage(label));
export const noteText = z
  .string()
  .max(20_000, 'Notitie: maximaal 20.000 tekens.')
  .refine((text) => !hasInvalidCharacter(text), invalidCharacterMessage('Notitie'));

export const calendarDate = z.string().refine(isCalendarDate, 'Geef een geldige datum (JJJJ-MM-DD).');
export const calendarMonth = z.string().refine(isCalendarMonth, 'Geef een geldige maand (JJJJ-MM).');

/** A family code is pseudonymous: letters, digits and dashes only, so no one types a name into it by habit. */
export const familyCode = z
  .string()
  .trim()
  .min(1, 'Vul een gezinscode in.')
  .max(20, 'Een gezinscode is maximaal 20 tekens.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'Een gezinscode bestaat uit letters, cijfers en streepjes (bijv. OB-26-001).');

export const raterRole = z.enum(RATER_ROLES, { error: 'Onbekende rol.' });
export const caregiverRole = z.enum(CAREGIVER_ROLES, { error: 'Kies moeder, vader, partner of anders.' });
export const familyPhase = z.enum(FAMILY_PHASES, { error: 'Onbekende fase.' });
export const visitPhase = z.enum(VISIT_PHASES, { error: 'Onbekende fase voor een huisbezoek.' });

/** A PIN or password as typed: never trimmed (a space may be part of it); the rules per role are checked by the handler. */
export const secret = z
  .string({ error: 'Vul een pincode of wachtwoord in.' })
  .min(1, 'Vul een pincode of wachtwoord in.')
  .max(SECRET_MAX_LENGTH, `Maximaal ${SECRET_MAX_LENGTH} tekens.`);

export const initials = z
  .string()
  .trim()
  .min(1, 'Initialen zijn verplicht.')
  .max(6, 'Initialen: maximaal 6 tekens.')
  .refine((text) => !hasInvalidCharacter(text), 'Initialen bevatten een ongeldig teken (een stuurteken zoals NUL).');

export const caregiverInput = z.strictObject({
  role: caregiverRole,
  label: requiredText('Omschrijving van de ouder', 60),
});

/** A patch must change something; an empty patch is a caller bug we report rather than silently accept. */
export function patch<T extends z.ZodRawShape>(shape: T) {
  return z
    .strictObject({ id, ...shape })
    .refine((value) => Object.keys(value).some((key) => key !== 'id'), 'Geef minstens één veld om te wijzigen.');
}
