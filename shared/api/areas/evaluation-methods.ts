import { z } from 'zod';
import { method, type MethodSpec } from '../method-spec';
import type { EvaluationForm, EvaluationQuestion, EvaluationSummary } from '../../domain/evaluation-form';
import { EVALUATION_QUESTION_KINDS } from '../../domain/evaluation-form';
import type { ExportFile } from '../../domain/trends';
import { EXPORT_LANGUAGES } from '../../domain/exports';
import { stripLayoutControls } from '../../domain/layout-controls';
import { calendarDate, hasInvalidCharacter, id, invalidCharacterMessage, requiredText } from '../schemas';
import { say } from '../validation-messages';

const questionText = requiredText({ nl: 'Vraag', en: 'Question' }, 300);
const endLabel = (label: { nl: string; en: string }) =>
  z
    .string()
    .overwrite(stripLayoutControls)
    .trim()
    .max(60, say(`${label.nl}: maximaal 60 tekens.`, `${label.en}: at most 60 characters.`))
    .refine((text) => !hasInvalidCharacter(text), invalidCharacterMessage(label));
const lowLabel = endLabel({ nl: 'Label bij 1', en: 'Label at 1' });
const highLabel = endLabel({ nl: 'Label bij 5', en: 'Label at 5' });
const kind = z.enum(EVALUATION_QUESTION_KINDS, { error: say('Kies een schaalvraag (1–5) of een open vraag.', 'Choose a scale question (1–5) or an open question.') });
// The scale itself (1–5, whole numbers) is checked by the handler, which names the question in its message.
const answerValue = z.number({ error: say('Een antwoord op een schaalvraag is een getal van 1 tot en met 5.', 'An answer to a scale question is a number from 1 to 5.') });
const answerText = z
  .string()
  .overwrite(stripLayoutControls)
  .trim()
  .max(4000, say('Antwoord: maximaal 4000 tekens.', 'Answer: at most 4000 characters.'))
  .refine((text) => !hasInvalidCharacter(text), invalidCharacterMessage({ nl: 'Antwoord', en: 'Answer' }));
const range = { from: calendarDate.optional(), to: calendarDate.optional() };
const language = { language: z.enum(EXPORT_LANGUAGES, { error: say('Kies nl of en als taal.', 'Choose nl or en as the language.') }).default('nl') };

/** The parents' evaluation form: its questions (coordinator), a family's form, the team summary. */
export const evaluationMethods = {
  'evaluation.questions': method<EvaluationQuestion[]>()(
    'De vragen van het evaluatieformulier voor ouders, in volgorde; gearchiveerde alleen op verzoek.',
    z.strictObject({ includeArchived: z.boolean().optional() }),
  ),
  'evaluation.addQuestion': method<EvaluationQuestion>()(
    'Nieuwe vraag achteraan: een schaalvraag (1–5 met twee eindlabels) of een open vraag (alleen coördinator).',
    z.strictObject({ kind, text: questionText, lowLabel: lowLabel.optional(), highLabel: highLabel.optional() }),
  ),
  'evaluation.updateQuestion': method<EvaluationQuestion>()(
    'Wijzig de tekst of de eindlabels van een vraag (alleen coördinator).',
    z
      .strictObject({ id, text: questionText.optional(), lowLabel: lowLabel.optional(), highLabel: highLabel.optional() })
      .refine((value) => Object.keys(value).some((key) => key !== 'id'), say('Geef minstens één veld om te wijzigen.', 'Give at least one field to change.')),
  ),
  'evaluation.moveQuestion': method<EvaluationQuestion[]>()(
    'Schuif een actieve vraag één plaats omhoog of omlaag (alleen coördinator).',
    z.strictObject({ id, direction: z.enum(['up', 'down'], { error: say('Kies omhoog of omlaag.', 'Choose up or down.') }) }),
  ),
  'evaluation.archiveQuestion': method<EvaluationQuestion>()(
    'Archiveer een vraag of haal haar terug; een vraag wordt nooit verwijderd (alleen coördinator).',
    z.strictObject({ id, archived: z.boolean() }),
  ),
  'evaluation.form': method<EvaluationForm>()('Het evaluatieformulier van één gezin, met de antwoorden tot nu toe.', z.strictObject({ familyId: id })),
  'evaluation.answer': method<EvaluationForm>()(
    'Sla één antwoord op (schaal 1–5 of open tekst); een leeg antwoord wist het.',
    z.strictObject({ familyId: id, questionId: id, value: answerValue.nullable().optional(), text: answerText.optional() }),
  ),
  'evaluation.summary': method<EvaluationSummary>()(
    'Samenvatting over gezinnen voor de kwaliteitsmonitoring: per schaalvraag aantal, gemiddelde en verdeling; open antwoorden zonder gezinscode (alleen coördinator).',
    z.strictObject(range),
  ),
  'evaluation.exportCsv': method<ExportFile>()(
    'De samenvatting als CSV (puntkomma voor Excel-NL of komma), zonder gezinscodes (alleen coördinator).',
    z.strictObject({ ...range, ...language, dialect: z.enum(['comma', 'semicolon'], { error: say('Kies komma of puntkomma.', 'Choose comma or semicolon.') }) }),
  ),
} as const satisfies Record<string, MethodSpec>;
