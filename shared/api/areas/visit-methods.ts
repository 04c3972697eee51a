import { z } from 'zod';
import { method, type MethodSpec } from '../method-spec';
import type { HomeVisit, VisitQuestion } from '../../domain/home-visits';
import { VISIT_MINUTES_MAX, VISIT_MINUTES_MIN } from '../../domain/home-visits';
import { stripLayoutControls } from '../../domain/layout-controls';
import { calendarDate, hasInvalidCharacter, id, invalidCharacterMessage, noteText, patch, requiredText, visitPhase } from '../schemas';
import { say } from '../validation-messages';
import { activity } from './recording-methods';

/** A short free text that may be empty (who else was there, a note on the activity, an answer). */
const optionalText = (label: { nl: string; en: string }, max: number) =>
  z
    .string()
    .overwrite(stripLayoutControls)
    .trim()
    .max(max, say(`${label.nl}: maximaal ${max} tekens.`, `${label.en}: at most ${max} characters.`))
    .refine((text) => !hasInvalidCharacter(text), invalidCharacterMessage(label));

const durationMinutes = z
  .number({ error: say('Geef de duur in hele minuten.', 'Give the duration in whole minutes.') })
  .int(say('Geef de duur in hele minuten.', 'Give the duration in whole minutes.'))
  .min(VISIT_MINUTES_MIN, say(`Een huisbezoek duurt minstens ${VISIT_MINUTES_MIN} minuut.`, `A home visit lasts at least ${VISIT_MINUTES_MIN} minute.`))
  .max(VISIT_MINUTES_MAX, say(`Een huisbezoek duurt hooguit ${VISIT_MINUTES_MAX} minuten.`, `A home visit lasts at most ${VISIT_MINUTES_MAX} minutes.`));
const othersPresent = optionalText({ nl: 'Verder aanwezig', en: 'Others present' }, 200);
const activityNote = optionalText({ nl: 'Toelichting bij de activiteit', en: 'Note on the activity' }, 200);

/**
 * Home visits as the begeleider logs them (issue 16, point 2), and the team's list of questions
 * answered after every visit (a coordinator edits it; archived, never deleted).
 */
export const visitMethods = {
  'visits.list': method<HomeVisit[]>()('De huisbezoeken van een gezin met duur, aanwezigen, activiteit en antwoorden.', z.strictObject({ familyId: id })),
  'visits.add': method<HomeVisit>()(
    'Nieuw huisbezoek. Zonder fase krijgt het de fase waarin het gezin op die datum was.',
    z.strictObject({
      familyId: id,
      date: calendarDate,
      phase: visitPhase.optional(),
      notes: noteText.optional(),
      durationMinutes: durationMinutes.optional(),
      activity: activity.optional(),
    }),
  ),
  'visits.update': method<HomeVisit>()(
    'Wijzig datum, fase, notities, duur, activiteit of wie er verder aanwezig was.',
    patch({
      date: calendarDate.optional(),
      phase: visitPhase.optional(),
      notes: noteText.optional(),
      durationMinutes: durationMinutes.nullable().optional(),
      activity: activity.nullable().optional(),
      activityNote: activityNote.optional(),
      othersPresent: othersPresent.optional(),
    }),
  ),
  'visits.setPresent': method<HomeVisit>()(
    'Zet een ouder/verzorger van het gezin wel of niet op de lijst van aanwezigen bij het huisbezoek.',
    z.strictObject({ id, caregiverId: id, present: z.boolean({ error: say('Geef aan of de ouder aanwezig was.', 'Say whether the parent was present.') }) }),
  ),
  'visits.answer': method<HomeVisit>()(
    'Beantwoord een vraag bij het huisbezoek; een leeg antwoord wist het.',
    z.strictObject({ id, questionId: id, text: optionalText({ nl: 'Antwoord', en: 'Answer' }, 4000) }),
  ),
  'visits.remove': method<{ removed: true }>()('Verwijder een huisbezoek (niet als er opnamen bij horen).', z.strictObject({ id })),

  'visitQuestions.list': method<VisitQuestion[]>()(
    'De vragen bij elk huisbezoek, op volgorde; gearchiveerde alleen op verzoek.',
    z.strictObject({ includeArchived: z.boolean().optional() }),
  ),
  'visitQuestions.update': method<VisitQuestion[]>()(
    'Vervang de lijst vragen bij het huisbezoek (alleen coördinator): met id wijzigen, zonder id toevoegen, weggelaten vragen archiveren.',
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
} as const satisfies Record<string, MethodSpec>;
