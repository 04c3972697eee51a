import { z } from 'zod';
import { method, type MethodSpec } from '../method-spec';
import type { FeedbackSession, SessionCandidate } from '../../domain/feedback-sessions';
import { CAPTION_MAX, WORDS_MAX } from '../../domain/feedback-sessions';
import { stripLayoutControls } from '../../domain/layout-controls';
import { hasInvalidCharacter, id, invalidCharacterMessage, requiredText } from '../schemas';
import { say } from '../validation-messages';
import type { VideoExport } from './video-export-methods';

/** mm:ss or h:mm:ss: a caption is for the parents, who do not read the video by its clock. */
const TIMECODE = /\d{1,2}:\d{2}/;

const caption = requiredText({ nl: 'Onderschrift', en: 'Caption' }, CAPTION_MAX).refine(
  (text) => !TIMECODE.test(text),
  say('Een onderschrift is voor de ouders: schrijf het in gewone woorden, zonder tijdcode.', 'A caption is for the parents: write it in plain words, without a timecode.'),
);

const words = z
  .string()
  .overwrite(stripLayoutControls)
  .trim()
  .max(WORDS_MAX, say(`Woorden van de ouders: maximaal ${WORDS_MAX} tekens.`, `The parents' words: at most ${WORDS_MAX} characters.`))
  .refine((text) => !hasInvalidCharacter(text), invalidCharacterMessage({ nl: 'Woorden van de ouders', en: "The parents' words" }));

/** The video-feedback session of a home visit: chosen fragments with captions, and the parents' words. */
export const feedbackSessionMethods = {
  'feedbackSessions.get': method<FeedbackSession & { films: VideoExport[] }>()(
    'De videofeedback van één huisbezoek: de gekozen fragmenten op volgorde met hun onderschrift, de vragen en de woorden van de ouders.',
    z.strictObject({ visitId: id }),
  ),
  'feedbackSessions.candidates': method<SessionCandidate[]>()(
    'De fragmenten van dit gezin die voor de videofeedback van dit bezoek gekozen kunnen worden, die "voor videofeedback" eerst.',
    z.strictObject({ visitId: id }),
  ),
  'feedbackSessions.addItem': method<FeedbackSession>()(
    'Zet een fragment van dit gezin achteraan in de videofeedback van het bezoek, met een onderschrift voor de ouders.',
    z.strictObject({ visitId: id, fragmentId: id, caption }),
  ),
  'feedbackSessions.updateCaption': method<FeedbackSession>()('Wijzig het onderschrift van een fragment in de videofeedback.', z.strictObject({ itemId: id, caption })),
  'feedbackSessions.moveItem': method<FeedbackSession>()(
    'Schuif een fragment in de videofeedback een plaats naar voren of naar achteren.',
    z.strictObject({ itemId: id, direction: z.enum(['up', 'down'], { error: say('Kies naar voren of naar achteren.', 'Choose earlier or later.') }) }),
  ),
  'feedbackSessions.removeItem': method<FeedbackSession>()('Haal een fragment uit de videofeedback (met de woorden van de ouders erbij).', z.strictObject({ itemId: id })),
  'feedbackSessions.saveWords': method<{ saved: true }>()(
    'Bewaar wat de ouders bij een fragment op een vraag zeiden; leeg haalt het weg.',
    z.strictObject({ itemId: id, questionId: id, words }),
  ),
  'feedbackSessions.makeFilm': method<VideoExport[]>()(
    'Maak de feedbackfilm van dit bezoek: de gekozen fragmenten op volgorde, elk na een titelkaart met zijn onderschrift (één film per opname).',
    z.strictObject({ visitId: id }),
  ),
} as const satisfies Record<string, MethodSpec>;
