import { z } from 'zod';
import { method, type MethodSpec } from '../method-spec';
import type { FamilyGoals, Goal } from '../../domain/goals';
import { GOAL_EVALUATION_MAX, GOAL_STATUSES, GOAL_TEXT_MAX } from '../../domain/goals';
import { stripLayoutControls } from '../../domain/layout-controls';
import { calendarDate, hasInvalidCharacter, id, invalidCharacterMessage, requiredText } from '../schemas';
import { say } from '../validation-messages';
import { scaleKey } from './scoring-methods';

const goalText = requiredText({ nl: 'Tekst van het doel', en: 'Text of the goal' }, GOAL_TEXT_MAX);
const goalStatus = z.enum(GOAL_STATUSES, { error: say('Kies open, in behandeling of bereikt.', 'Choose open, being worked on or reached.') });
// May be emptied again (a word typed in the wrong goal), so no minimum.
const evaluationText = z
  .string()
  .overwrite(stripLayoutControls)
  .trim()
  .max(GOAL_EVALUATION_MAX, say(`Evaluatie: maximaal ${GOAL_EVALUATION_MAX} tekens.`, `Evaluation: at most ${GOAL_EVALUATION_MAX} characters.`))
  .refine((text) => !hasInvalidCharacter(text), invalidCharacterMessage({ nl: 'Evaluatie', en: 'Evaluation' }));

const linkTarget = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('fragment'), fragmentId: id }),
    z.strictObject({ kind: z.literal('score'), sheetId: id, caregiverId: id, scale: scaleKey }),
    z.strictObject({ kind: z.literal('consensus'), roundId: id, recordingId: id, caregiverId: id, scale: scaleKey }),
  ],
  { error: say('Kies een fragment, een score of een consensusscore om te koppelen.', 'Choose a fragment, a score or a consensus score to link.') },
);

/** The family's guidance goals (begeleidingsdoelen): text, dated status history, links, evaluation. */
export const goalMethods = {
  'goals.forFamily': method<FamilyGoals>()(
    'De begeleidingsdoelen van één gezin met hun statusgeschiedenis en koppelingen, en wat de beller kan koppelen (blind: alleen wat hij mag zien).',
    z.strictObject({ familyId: id }),
  ),
  'goals.create': method<Goal>()('Nieuw begeleidingsdoel (status open vanaf de datum).', z.strictObject({ familyId: id, text: goalText, date: calendarDate })),
  'goals.update': method<Goal>()('Wijzig de tekst van een doel.', z.strictObject({ id, text: goalText })),
  'goals.setStatus': method<Goal>()('Nieuwe status van een doel op een datum; de vorige blijft in de geschiedenis.', z.strictObject({ id, status: goalStatus, date: calendarDate })),
  'goals.evaluate': method<Goal>()('De evaluatie van een doel bij de afsluiting (vanaf de fase evaluatie).', z.strictObject({ id, evaluation: evaluationText })),
  'goals.link': method<Goal>()('Koppel een score of fragment van dit gezin aan een doel (alleen wat de beller mag zien).', z.strictObject({ id, target: linkTarget })),
  'goals.unlink': method<Goal>()('Maak een koppeling van een doel los.', z.strictObject({ id, linkId: id })),
  'goals.remove': method<{ removed: true }>()('Verwijder een doel met zijn geschiedenis en koppelingen.', z.strictObject({ id })),
} as const satisfies Record<string, MethodSpec>;
