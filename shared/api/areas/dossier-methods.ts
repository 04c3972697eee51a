import { z } from 'zod';
import { method, type MethodSpec } from '../method-spec';
import type { FamilyDossier, LogbookEntry } from '../../domain/dossier';
import type { ExportFile } from '../../domain/trends';
import { EXPORT_LANGUAGES } from '../../domain/exports';
import { AGREEMENT_STATUSES, INDICATIONS } from '../../domain/dossier';
import { calendarDate, familyPhase, hasInvalidCharacter, id, invalidCharacterMessage, requiredText } from '../schemas';
import { stripLayoutControls } from '../../domain/layout-controls';
import { say } from '../validation-messages';

/** A short free text that may be empty (a note beside a checkbox, the referrer). */
const optionalText = (label: { nl: string; en: string }, max: number) =>
  z
    .string()
    .overwrite(stripLayoutControls)
    .trim()
    .max(max, say(`${label.nl}: maximaal ${max} tekens.`, `${label.en}: at most ${max} characters.`))
    .refine((text) => !hasInvalidCharacter(text), invalidCharacterMessage(label));

const indication = z.enum(INDICATIONS, {
  error: say('Kies een indicatie: psychiatrische problematiek, LVB, beide of anders.', 'Choose an indication: psychiatric problems, mild intellectual disability, both or other.'),
});
const agreementStatus = z.enum(AGREEMENT_STATUSES, {
  error: say('Kies open, nagekomen, niet nagekomen of vervallen.', 'Choose open, kept, not kept or lapsed.'),
});
const entryText = requiredText({ nl: 'Tekst van de logboekregel', en: 'Text of the logbook entry' }, 4000);

const exportLanguage = z.enum(EXPORT_LANGUAGES, { error: say('Kies nl of en als taal.', 'Choose nl or en as the language.') }).default('nl');

const atLeastOne = say('Geef minstens één veld om te wijzigen.', 'Give at least one field to change.');

/** The family's dossier: phases with dates, the aanmelding's fields, the logbook with agreements. */
export const dossierMethods = {
  'dossier.get': method<FamilyDossier>()(
    'Het dossier van één gezin: fasen met data, aanmelding en logboek met afspraken.',
    z.strictObject({ familyId: id }),
  ),
  'dossier.startPhase': method<FamilyDossier>()(
    'Laat het gezin een volgende fase ingaan op een datum (niet vóór de vorige fase, niet ver in de toekomst).',
    z.strictObject({ familyId: id, phase: familyPhase, date: calendarDate }),
  ),
  'dossier.setPhaseDate': method<FamilyDossier>()(
    'Wijzig de begindatum van een fase waarin het gezin al is geweest.',
    z.strictObject({ familyId: id, phase: familyPhase, date: calendarDate }),
  ),
  'dossier.undoPhase': method<FamilyDossier>()('Zet het gezin terug naar de vorige fase (een vergissing herstellen).', z.strictObject({ familyId: id })),
  'dossier.updateIntake': method<FamilyDossier>()(
    'Wijzig de gegevens van de aanmelding: verwijzer, indicatie en contra-indicaties.',
    z
      .strictObject({
        familyId: id,
        referrer: optionalText({ nl: 'Verwijzer', en: 'Referrer' }, 120).optional(),
        indication: indication.nullable().optional(),
        indicationNote: optionalText({ nl: 'Toelichting bij de indicatie', en: 'Note on the indication' }, 200).optional(),
        highStress: z.boolean().optional(),
        highStressNote: optionalText({ nl: 'Toelichting bij de stress', en: 'Note on the stress' }, 500).optional(),
        unsafe: z.boolean().optional(),
        unsafeNote: optionalText({ nl: 'Toelichting bij de onveilige situatie', en: 'Note on the unsafe situation' }, 500).optional(),
      })
      .refine((value) => Object.keys(value).some((key) => key !== 'familyId'), atLeastOne),
  ),
  'dossier.overrideContraIndication': method<FamilyDossier>()(
    'Een coördinator laat het gezin ondanks een contra-indicatie verder gaan, met een reden (gelogd; de reden zelf niet in het logboek).',
    z.strictObject({ familyId: id, reason: requiredText({ nl: 'Reden', en: 'Reason' }, 1000) }),
  ),
  'dossier.addEntry': method<LogbookEntry>()(
    'Nieuwe logboekregel, eventueel een afspraak met de ouders.',
    z.strictObject({ familyId: id, date: calendarDate, text: entryText, agreement: z.boolean().optional() }),
  ),
  'dossier.updateEntry': method<LogbookEntry>()(
    'Wijzig datum, tekst of de afspraak (en haar status) van een logboekregel.',
    z
      .strictObject({ id, date: calendarDate.optional(), text: entryText.optional(), agreement: agreementStatus.nullable().optional() })
      .refine((value) => Object.keys(value).some((key) => key !== 'id'), atLeastOne),
  ),
  'dossier.removeEntry': method<{ removed: true }>()('Verwijder een logboekregel.', z.strictObject({ id })),
  'dossier.exportPdf': method<ExportFile>()('Het dossier van één gezin als PDF voor het EPD (pseudoniem).', z.strictObject({ familyId: id, language: exportLanguage })),
  'dossier.exportXlsx': method<ExportFile>()('Het dossier van één gezin als Excel-bestand met elk veld, één blad per onderdeel (pseudoniem).', z.strictObject({ familyId: id, language: exportLanguage })),
} as const satisfies Record<string, MethodSpec>;
