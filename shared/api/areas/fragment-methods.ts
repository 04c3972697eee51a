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

const DAY_MS = 24 * 3600 * 1000;
const timeMs = z
  .number({ error: 'Een tijd is een geheel aantal milliseconden.' })
  .int('Een tijd is een geheel aantal milliseconden.')
  .min(0, 'Een tijd kan niet vóór het begin van de opname liggen.')
  .max(DAY_MS, 'Een tijd kan niet later dan 24 uur liggen.');

const idSet = (what: string, min: number, max: number) =>
  z
    .array(id)
    .min(min, min === 1 ? `Kies minstens één ${what}.` : `Kies minstens ${min} ${what}.`)
    .max(max, `Maximaal ${max} ${what}.`)
    .refine((ids) => new Set(ids).size === ids.length, `Er staat een ${what} dubbel in de lijst.`);

const tagIds = idSet('label', 1, 20);
const answers = z
  .array(
    z.strictObject({
      questionId: id,
      answer: z
        .string()
        .trim()
        .max(5000, 'Antwoord: maximaal 5000 tekens.')
        .refine((text) => !hasInvalidCharacter(text), invalidCharacterMessage('Antwoord')),
    }),
  )
  .max(20, 'Maximaal 20 antwoorden.')
  .refine((list) => new Set(list.map((a) => a.questionId)).size === list.length, 'Een vraag staat dubbel in de antwoorden.');

const tagName = requiredText('Naam van het label', 60).refine((name) => !name.includes('|'), 'Een labelnaam mag geen | bevatten.');
const tagColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Kies een kleur als #rrggbb (bijv. #009e73).')
  .transform((color) => color.toLowerCase());
const shortcutKey = z
  .number({ error: 'Een sneltoets is een cijfer van 1 tot en met 9.' })
  .int('Een sneltoets is een cijfer van 1 tot en met 9.')
  .min(1, 'Een sneltoets is een cijfer van 1 tot en met 9.')
  .max(9, 'Een sneltoets is een cijfer van 1 tot en met 9.');
const tagDescription = shortText(500);

const filters = z.strictObject({
  /** Fragments with at least one of these tags. */
  tagIds: idSet('label', 1, 50).optional(),
  raterIds: idSet('beoordelaar', 1, 50).optional(),
  caregiverId: id.nullable().optional(),
  forFeedback: z.boolean().optional(),
  /** Only fragments that overlap [fromMs, toMs]. */
  fromMs: timeMs.optional(),
  toMs: timeMs.optional(),
  /** Words in the note. */
  search: shortText(100).optional(),
});

const fragmentIds = idSet('fragment', 1, 10_000);

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
      .refine((value) => Object.keys(value).some((key) => key !== 'id'), 'Geef minstens één veld om te wijzigen.'),
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
        .array(z.strictObject({ id: id.optional(), text: requiredText('Vraag', 300) }))
        .min(1, 'Geef minstens één vraag.')
        .max(20, 'Maximaal 20 vragen.')
        .refine((list) => {
          const ids = list.flatMap((q) => (q.id === undefined ? [] : [q.id]));
          return new Set(ids).size === ids.length;
        }, 'Een vraag staat dubbel in de lijst.'),
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
      .refine((value) => Object.keys(value).some((key) => key !== 'id'), 'Geef minstens één veld om te wijzigen.'),
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
      format: z.enum(FRAGMENT_EXPORT_FORMATS, { error: 'Kies csv, csv_nl, xlsx of eaf.' }),
      filters: filters.optional(),
    }),
  ),
  'fragments.importEaf': method<EafImportResult>()(
    'Lees een ELAN-bestand (.eaf) in als eigen fragmenten van een opname: alles of niets. Met dryRun alleen controleren.',
    z.strictObject({
      recordingId: id,
      // Characters, not bytes: the import checks the byte size too, before parsing.
      content: z.string().min(1, 'Het bestand is leeg.').max(EAF_MAX_BYTES, 'Het bestand is te groot (maximaal 20 MB).'),
      /** The tiers to read; omitted: every top-level tier with the labels vocabulary. */
      tierIds: z.array(shortText(200)).min(1, 'Kies minstens één laag.').max(100).optional(),
      dryRun: z.boolean().optional(),
    }),
  ),
} as const satisfies Record<string, MethodSpec>;
