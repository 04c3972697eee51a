import { z } from 'zod';
import {
  EAF_MAX_BYTES,
  FRAGMENT_EXPORT_FORMATS,
  type EafImportResult,
  type ExportedFile,
  type Fragment,
  type FragmentList,
  type MentalizingQuestion,
  type Tag,
} from '../../domain/fragments';
import { method, type MethodSpec } from '../method-spec';
import { hasInvalidCharacter, id, invalidCharacterMessage, noteText, requiredText, shortText } from '../schemas';
import { say } from '../validation-messages';

const DAY_MS = 24 * 3600 * 1000;
const timeMs = z
  .number({ error: say('Een tijd is een geheel aantal milliseconden.', 'A time is a whole number of milliseconds.') })
  .int(say('Een tijd is een geheel aantal milliseconden.', 'A time is a whole number of milliseconds.'))
  .min(0, say('Een tijd kan niet vóór het begin van de opname liggen.', 'A time cannot lie before the start of the recording.'))
  .max(DAY_MS, say('Een tijd kan niet later dan 24 uur liggen.', 'A time cannot lie later than 24 hours.'));

/** `what` in Dutch, and in English as one and as many ('label', 'labels'). */
const idSet = (what: string, one: string, many: string, min: number, max: number) =>
  z
    .array(id)
    .min(min, min === 1 ? say(`Kies minstens één ${what}.`, `Choose at least one ${one}.`) : say(`Kies minstens ${min} ${what}.`, `Choose at least ${min} ${many}.`))
    .max(max, say(`Maximaal ${max} ${what}.`, `At most ${max} ${many}.`))
    .refine((ids) => new Set(ids).size === ids.length, say(`Er staat een ${what} dubbel in de lijst.`, `A ${one} appears twice in the list.`));

const tagIds = idSet('label', 'label', 'labels', 1, 20);
const answers = z
  .array(
    z.strictObject({
      questionId: id,
      answer: z
        .string()
        .trim()
        .max(5000, say('Antwoord: maximaal 5000 tekens.', 'Answer: at most 5000 characters.'))
        .refine((text) => !hasInvalidCharacter(text), invalidCharacterMessage({ nl: 'Antwoord', en: 'Answer' })),
    }),
  )
  .max(20, say('Maximaal 20 antwoorden.', 'At most 20 answers.'))
  .refine((list) => new Set(list.map((a) => a.questionId)).size === list.length, say('Een vraag staat dubbel in de antwoorden.', 'A question appears twice in the answers.'));

const tagName = requiredText({ nl: 'Naam van het label', en: 'Label name' }, 60).refine((name) => !name.includes('|'), say('Een labelnaam mag geen | bevatten.', 'A label name may not contain |.'));
const tagColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, say('Kies een kleur als #rrggbb (bijv. #009e73).', 'Choose a colour as #rrggbb (e.g. #009e73).'))
  .transform((color) => color.toLowerCase());
const shortcutKey = z
  .number({ error: say('Een sneltoets is een cijfer van 1 tot en met 9.', 'A shortcut is a digit from 1 to 9.') })
  .int(say('Een sneltoets is een cijfer van 1 tot en met 9.', 'A shortcut is a digit from 1 to 9.'))
  .min(1, say('Een sneltoets is een cijfer van 1 tot en met 9.', 'A shortcut is a digit from 1 to 9.'))
  .max(9, say('Een sneltoets is een cijfer van 1 tot en met 9.', 'A shortcut is a digit from 1 to 9.'));
const tagDescription = shortText(500);

const filters = z.strictObject({
  /** Fragments with at least one of these tags. */
  tagIds: idSet('label', 'label', 'labels', 1, 50).optional(),
  raterIds: idSet('beoordelaar', 'rater', 'raters', 1, 50).optional(),
  caregiverId: id.nullable().optional(),
  forFeedback: z.boolean().optional(),
  /** Only fragments that overlap [fromMs, toMs]. */
  fromMs: timeMs.optional(),
  toMs: timeMs.optional(),
  /** Words in the note. */
  search: shortText(100).optional(),
});

const fragmentIds = idSet('fragment', 'fragment', 'fragments', 1, 10_000);

/** Tag set, mentalizing questions, and time-coded fragments with their exports and ELAN import. */
export const fragmentMethods = {
  'tags.list': method<Tag[]>()(
    'Het labelset van het team, op volgorde; gearchiveerde labels alleen op verzoek.',
    z.strictObject({ includeArchived: z.boolean().optional() }),
  ),
  'tags.create': method<Tag>()(
    'Nieuw label (alleen coördinator).',
    z.strictObject({ name: tagName, color: tagColor, shortcut: shortcutKey.nullable().optional(), description: tagDescription.optional() }),
  ),
  'tags.update': method<Tag>()(
    'Wijzig naam, kleur, sneltoets, omschrijving of volgorde van een label (alleen coördinator).',
    z
      .strictObject({
        id,
        name: tagName.optional(),
        color: tagColor.optional(),
        shortcut: shortcutKey.nullable().optional(),
        description: tagDescription.optional(),
        position: z.number().int().min(0).max(10_000).optional(),
      })
      .refine((value) => Object.keys(value).some((key) => key !== 'id'), say('Geef minstens één veld om te wijzigen.', 'Give at least one field to change.')),
  ),
  'tags.archive': method<Tag>()(
    'Archiveer een label (alleen coördinator): niet meer te kiezen, wel zichtbaar op oude fragmenten.',
    z.strictObject({ id }),
  ),
  'tags.unarchive': method<Tag>()(
    'Haal een label uit het archief (alleen coördinator); de sneltoets vervalt als een ander label hem heeft.',
    z.strictObject({ id }),
  ),

  'questions.list': method<MentalizingQuestion[]>()(
    'De mentaliserende vragen, op volgorde; gearchiveerde alleen op verzoek.',
    z.strictObject({ includeArchived: z.boolean().optional() }),
  ),
  'questions.update': method<MentalizingQuestion[]>()(
    'Vervang de lijst vragen (alleen coördinator): met id wijzigen, zonder id toevoegen, weggelaten vragen archiveren.',
    z.strictObject({
      questions: z
        .array(z.strictObject({ id: id.optional(), text: requiredText({ nl: 'Vraag', en: 'Question' }, 300) }))
        .min(1, say('Geef minstens één vraag.', 'Give at least one question.'))
        .max(20, say('Maximaal 20 vragen.', 'At most 20 questions.'))
        .refine((list) => {
          const ids = list.flatMap((q) => (q.id === undefined ? [] : [q.id]));
          return new Set(ids).size === ids.length;
        }, say('Een vraag staat dubbel in de lijst.', 'A question appears twice in the list.')),
    }),
  ),

  'fragments.list': method<FragmentList>()(
    'Fragmenten van een opname: tijdens een niet-onthulde ronde alleen de eigen.',
    z.strictObject({ recordingId: id, filters: filters.optional() }),
  ),
  'fragments.create': method<Fragment>()(
    'Nieuw fragment van de actieve beoordelaar; zonder eindtijd of met eind = begin is het een moment.',
    z.strictObject({
      recordingId: id,
      startMs: timeMs,
      endMs: timeMs.optional(),
      tagIds,
      /** Weggelaten: de enige ouder in beeld, of geen als er meer in beeld zijn. */
      caregiverId: id.nullable().optional(),
      note: noteText.optional(),
      forFeedback: z.boolean().optional(),
      answers: answers.optional(),
    }),
  ),
  'fragments.update': method<Fragment>()(
    'Wijzig een eigen fragment; antwoorden worden per vraag vervangen (leeg antwoord wist het).',
    z
      .strictObject({
        id,
        startMs: timeMs.optional(),
        endMs: timeMs.optional(),
        tagIds: tagIds.optional(),
        caregiverId: id.nullable().optional(),
        note: noteText.optional(),
        forFeedback: z.boolean().optional(),
        answers: answers.optional(),
      })
      .refine((value) => Object.keys(value).some((key) => key !== 'id'), say('Geef minstens één veld om te wijzigen.', 'Give at least one field to change.')),
  ),
  'fragments.remove': method<{ removed: Fragment[] }>()(
    'Verwijder eigen fragmenten; met fragments.restore weer terug te halen (ongedaan maken).',
    z.strictObject({ ids: fragmentIds }),
  ),
  'fragments.restore': method<Fragment[]>()('Haal verwijderde eigen fragmenten terug, met dezelfde gegevens.', z.strictObject({ ids: fragmentIds })),

  'fragments.export': method<ExportedFile>()(
    'Exporteer de zichtbare fragmenten van een opname als CSV, CSV voor Nederlandse Excel, XLSX of ELAN (.eaf).',
    z.strictObject({
      recordingId: id,
      format: z.enum(FRAGMENT_EXPORT_FORMATS, { error: say('Kies csv, csv_nl, xlsx of eaf.', 'Choose csv, csv_nl, xlsx or eaf.') }),
      filters: filters.optional(),
    }),
  ),
  'fragments.importEaf': method<EafImportResult>()(
    'Lees een ELAN-bestand (.eaf) in als eigen fragmenten van een opname: alles of niets. Met dryRun alleen controleren.',
    z.strictObject({
      recordingId: id,
      // Characters, not bytes: the import checks the byte size too, before parsing.
      content: z.string().min(1, say('Het bestand is leeg.', 'The file is empty.')).max(EAF_MAX_BYTES, say('Het bestand is te groot (maximaal 20 MB).', 'The file is too large (at most 20 MB).')),
      /** The tiers to read; omitted: every top-level tier with the labels vocabulary. */
      tierIds: z.array(shortText(200)).min(1, say('Kies minstens één laag.', 'Choose at least one tier.')).max(100).optional(),
      dryRun: z.boolean().optional(),
    }),
  ),
} as const satisfies Record<string, MethodSpec>;
