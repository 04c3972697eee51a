import { z } from 'zod';
import { stripLayoutControls } from '../domain/layout-controls';
import { isCalendarDate, isCalendarMonth } from '../domain/dates';
import { SECRET_MAX_LENGTH } from '../domain/pin-rules';
import { CAREGIVER_ROLES, FAMILY_PHASES, RATER_ROLES, VISIT_PHASES } from '../domain/vocabulary';
import type { Bilingual } from './envelope';
import { say } from './validation-messages';

// Dutch is the first language of every message a person may read, including validation errors;
// dispatch asks zod again in English (en locale) for the English UI, see validation-messages.ts.
z.config(z.locales.nl());

/** Database ids: positive integers that fit SQLite's and JavaScript's safe range. */
const ID_INTEGER = say('Een id moet een geheel getal zijn.', 'An id must be a whole number.');
export const id = z.number({ error: ID_INTEGER }).int(ID_INTEGER).positive(say('Een id moet positief zijn.', 'An id must be positive.')).max(Number.MAX_SAFE_INTEGER);

/** Free text is always bounded so a hostile caller cannot make us store megabytes in one field. */
export const shortText = (max = 200) => z.string().max(max, say(`Maximaal ${max} tekens.`, `At most ${max} characters.`));
/**
 * Characters no one types and XML cannot hold: control characters other than tab and line breaks,
 * U+FFFE/U+FFFF and halves of a surrogate pair. SQLite's length() stops at a NUL, so "\u0000naam"
 * broke the tables' length checks as an unexpected error, and a NUL in a note made the ELAN and
 * XLSX exports unreadable. Found by test/integration/fuzz-api.test.ts and fuzz-exports.test.ts.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVALID_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const hasInvalidCharacter = (text: string) => INVALID_CHARACTER.test(text);
export const invalidCharacterMessage = (label: Bilingual) =>
  say(`${label.nl} bevat een ongeldig teken (een stuurteken zoals NUL).`, `${label.en} contains an invalid character (a control character such as NUL).`);

/** `label` names the field in the message, in both languages: msg('Naam', 'Name'). */
/** Names, labels and short texts: bidi controls removed (see layout-controls.ts), then trimmed. */
export const requiredText = (label: Bilingual, max = 200) =>
  z
    .string()
    .overwrite(stripLayoutControls)
    .trim()
    .min(1, say(`${label.nl} is verplicht.`, `${label.en} is required.`))
    .max(max, say(`${label.nl}: maximaal ${max} tekens.`, `${label.en}: at most ${max} characters.`))
    .refine((text) => !hasInvalidCharacter(text), invalidCharacterMessage(label));
export const noteText = z
  .string()
  .overwrite(stripLayoutControls)
  .max(20_000, say('Notitie: maximaal 20.000 tekens.', 'Note: at most 20,000 characters.'))
  .refine((text) => !hasInvalidCharacter(text), invalidCharacterMessage({ nl: 'Notitie', en: 'Note' }));

export const calendarDate = z.string().refine(isCalendarDate, say('Geef een geldige datum (JJJJ-MM-DD).', 'Enter a valid date (YYYY-MM-DD).'));
export const calendarMonth = z.string().refine(isCalendarMonth, say('Geef een geldige maand (JJJJ-MM).', 'Enter a valid month (YYYY-MM).'));

/** A family code is pseudonymous: letters, digits and dashes only, so no one types a name into it by habit. */
export const familyCode = z
  .string()
  .trim()
  .min(1, say('Vul een gezinscode in.', 'Enter a family code.'))
  .max(20, say('Een gezinscode is maximaal 20 tekens.', 'A family code has at most 20 characters.'))
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9-]*$/,
    say('Een gezinscode bestaat uit letters, cijfers en streepjes (bijv. OB-26-001).', 'A family code consists of letters, digits and hyphens (e.g. OB-26-001).'),
  );

export const raterRole = z.enum(RATER_ROLES, { error: say('Onbekende rol.', 'Unknown role.') });
export const caregiverRole = z.enum(CAREGIVER_ROLES, { error: say('Kies moeder, vader, partner of anders.', 'Choose mother, father, partner or other.') });
export const familyPhase = z.enum(FAMILY_PHASES, { error: say('Onbekende fase.', 'Unknown phase.') });
export const visitPhase = z.enum(VISIT_PHASES, { error: say('Onbekende fase voor een huisbezoek.', 'Unknown phase for a home visit.') });

/** A PIN or password as typed: never trimmed (a space may be part of it); the rules per role are checked by the handler. */
export const secret = z
  .string({ error: say('Vul een pincode of wachtwoord in.', 'Enter a PIN or password.') })
  .min(1, say('Vul een pincode of wachtwoord in.', 'Enter a PIN or password.'))
  .max(SECRET_MAX_LENGTH, say(`Maximaal ${SECRET_MAX_LENGTH} tekens.`, `At most ${SECRET_MAX_LENGTH} characters.`));

export const initials = z
  .string()
  .trim()
  .min(1, say('Initialen zijn verplicht.', 'Initials are required.'))
  .max(6, say('Initialen: maximaal 6 tekens.', 'Initials: at most 6 characters.'))
  .refine(
    (text) => !hasInvalidCharacter(text),
    say('Initialen bevatten een ongeldig teken (een stuurteken zoals NUL).', 'Initials contain an invalid character (a control character such as NUL).'),
  );

export const caregiverInput = z.strictObject({
  role: caregiverRole,
  label: requiredText({ nl: 'Omschrijving van de ouder', en: 'Description of the parent' }, 60),
});

/** A patch must change something; an empty patch is a caller bug we report rather than silently accept. */
export function patch<T extends z.ZodRawShape>(shape: T) {
  return z
    .strictObject({ id, ...shape })
    .refine((value) => Object.keys(value).some((key) => key !== 'id'), say('Geef minstens één veld om te wijzigen.', 'Give at least one field to change.'));
}
