import { AppError, msg } from '../../../../shared/api/envelope';
import type { HomeVisit } from '../../../../shared/domain/home-visits';
import type { HandlerContext, HandlersFor } from '../../handler-context';
import { assertVisitDateInDossier, phaseOnDate } from '../dossier/phase-rules';
import { assertDateInFamilyTime } from '../families/family-dates';
import { deleteVisit, familyExists, touchFamily } from '../families/family-repository';
import {
  caregiverFamily,
  findHomeVisit,
  hasAnswer,
  insertHomeVisit,
  listHomeVisits,
  listVisitQuestions,
  replaceVisitQuestions,
  saveAnswer,
  setPresent,
  updateHomeVisit,
  visitQuestionStates,
  type VisitFields,
} from './visit-repository';

const NOTHING = msg('Er is niets gewijzigd.', 'Nothing has been changed.');
const FAMILY_GONE = msg('Dit gezin bestaat niet (meer).', 'This family does not exist (any more).');
const VISIT_GONE = msg('Dit huisbezoek bestaat niet (meer).', 'This home visit does not exist (any more).');

function requireVisit(ctx: HandlerContext, id: number): HomeVisit {
  const visit = findHomeVisit(ctx.db, id);
  if (!visit) throw new AppError('not_found', VISIT_GONE);
  return visit;
}

/** Both date rules: the family's time line (birth, aanmelding) and the dossier's (up to the follow-up). */
function assertVisitDate(ctx: HandlerContext, familyId: number, date: string): void {
  assertDateInFamilyTime(ctx.db, familyId, date, 'Een huisbezoek', 'date');
  assertVisitDateInDossier(ctx.db, familyId, date);
}

/** After a change: the family's "last changed" and one event (the family page rereads its visits). */
function changed(ctx: HandlerContext, familyId: number): void {
  touchFamily(ctx.db, familyId, ctx.now);
  ctx.emit('data.changed', { area: 'families', id: familyId });
}

const fieldsOf = (visit: HomeVisit): VisitFields => ({
  date: visit.date,
  phase: visit.phase,
  notes: visit.notes,
  durationMinutes: visit.durationMinutes,
  activity: visit.activity,
  activityNote: visit.activityNote,
  othersPresent: visit.othersPresent,
});

// Access-log details name what changed (fields, a caregiver's or question's number), never what
// was typed: the answers and who else was there stay in the dossier.
export const visitHandlers: HandlersFor<'visits'> = {
  'visits.list': ({ familyId }, ctx) => {
    if (!familyExists(ctx.db, familyId)) throw new AppError('not_found', FAMILY_GONE);
    ctx.logFamilyAccess(familyId, 'huisbezoeken');
    return listHomeVisits(ctx.db, familyId);
  },

  'visits.add': ({ familyId, date, phase, notes, durationMinutes, activity }, ctx) => {
    if (!familyExists(ctx.db, familyId)) throw new AppError('not_found', FAMILY_GONE);
    assertVisitDate(ctx, familyId, date);
    const visitPhase = phase ?? phaseOnDate(ctx.db, familyId, date);
    const id = insertHomeVisit(ctx.db, familyId, {
      date,
      phase: visitPhase,
      notes: notes ?? '',
      durationMinutes: durationMinutes ?? null,
      activity: activity ?? null,
      activityNote: '',
      othersPresent: '',
    });
    ctx.logFamilyAccess(familyId, `${date} (${visitPhase})`);
    changed(ctx, familyId);
    return findHomeVisit(ctx.db, id)!;
  },

  'visits.update': ({ id, ...changes }, ctx) => {
    const current = requireVisit(ctx, id);
    if (changes.date !== undefined) assertVisitDate(ctx, current.familyId, changes.date);
    updateHomeVisit(ctx.db, id, { ...fieldsOf(current), ...changes });
    ctx.logFamilyAccess(current.familyId, `velden: ${Object.keys(changes).join(', ')}`);
    changed(ctx, current.familyId);
    return findHomeVisit(ctx.db, id)!;
  },

  'visits.setPresent': ({ id, caregiverId, present }, ctx) => {
    const current = requireVisit(ctx, id);
    if (caregiverFamily(ctx.db, caregiverId) !== current.familyId) {
      throw new AppError(
        'invalid_input',
        msg(`Deze ouder/verzorger hoort niet bij het gezin van dit huisbezoek. ${NOTHING.nl}`, `This parent/caregiver does not belong to the family of this home visit. ${NOTHING.en}`),
        { caregiverId: msg('Kies een ouder/verzorger van dit gezin.', 'Choose a parent/caregiver of this family.') },
      );
    }
    setPresent(ctx.db, id, caregiverId, present);
    ctx.logFamilyAccess(current.familyId, `bezoek ${id}: ouder ${caregiverId} ${present ? 'aanwezig' : 'niet aanwezig'}`);
    changed(ctx, current.familyId);
    return findHomeVisit(ctx.db, id)!;
  },

  'visits.answer': ({ id, questionId, text }, ctx) => {
    const current = requireVisit(ctx, id);
    const question = visitQuestionStates(ctx.db).get(questionId);
    if (!question) {
      throw new AppError('invalid_input', msg(`Deze vraag bij het huisbezoek bestaat niet (meer). ${NOTHING.nl}`, `This home-visit question does not exist (any more). ${NOTHING.en}`), {
        questionId: msg('Onbekende vraag.', 'Unknown question.'),
      });
    }
    // An archived question keeps the answers it has (they can still be corrected), but gets no new ones.
    if (question.archived && !hasAnswer(ctx.db, id, questionId)) {
      throw new AppError('conflict', msg(`De vraag "${question.text}" is gearchiveerd en krijgt geen nieuwe antwoorden. ${NOTHING.nl}`, `The question "${question.text}" is archived and takes no new answers. ${NOTHING.en}`), {
        questionId: msg('Gearchiveerde vraag.', 'Archived question.'),
      });
    }
    saveAnswer(ctx.db, { visitId: id, questionId, text, writtenBy: ctx.actor?.id ?? null }, ctx.now);
    ctx.logFamilyAccess(current.familyId, `bezoek ${id}: vraag ${questionId} ${text === '' ? 'gewist' : 'beantwoord'}`);
    changed(ctx, current.familyId);
    return findHomeVisit(ctx.db, id)!;
  },

  'visits.remove': ({ id }, ctx) => {
    const current = requireVisit(ctx, id);
    if (ctx.db.prepare('SELECT 1 FROM recordings WHERE visit_id = ? LIMIT 1').get(id) !== undefined) {
      throw new AppError('conflict', msg(
        'Bij dit huisbezoek horen opnamen; het kan niet worden verwijderd. Er is niets gewijzigd.',
        'This home visit has recordings; it cannot be removed. Nothing has been changed.',
      ));
    }
    // The session's items would go by cascade, and with them the parents' words.
    if (ctx.db.prepare('SELECT 1 FROM feedback_items WHERE visit_id = ? LIMIT 1').get(id) !== undefined) {
      throw new AppError('conflict', msg(
        'Bij dit huisbezoek hoort videofeedback met de woorden van de ouders; haal eerst de fragmenten uit de videofeedback. Er is niets gewijzigd.',
        "This home visit has video feedback with the parents' words; take the fragments out of the video feedback first. Nothing has been changed.",
      ));
    }
    // Its presence rows and answers follow by cascade.
    deleteVisit(ctx.db, id);
    ctx.logFamilyAccess(current.familyId, current.date);
    changed(ctx, current.familyId);
    return { removed: true };
  },
};

export const visitQuestionHandlers: HandlersFor<'visitQuestions'> = {
  'visitQuestions.list': ({ includeArchived }, ctx) => listVisitQuestions(ctx.db, includeArchived ?? false),

  'visitQuestions.update': ({ questions }, ctx) => {
    const known = visitQuestionStates(ctx.db);
    const byText = new Map([...known].map(([id, question]) => [question.text.toLocaleLowerCase('nl'), id]));
    const seen = new Set<string>();
    const list = questions.map((question) => {
      if (question.id !== undefined && !known.has(question.id)) {
        throw new AppError('not_found', msg(`Een van de vragen bestaat niet (meer). ${NOTHING.nl}`, `One of the questions does not exist (any more). ${NOTHING.en}`));
      }
      const key = question.text.toLocaleLowerCase('nl');
      if (seen.has(key)) {
        throw new AppError('invalid_input', msg(`De vraag "${question.text}" staat twee keer in de lijst. ${NOTHING.nl}`, `The question "${question.text}" appears twice in the list. ${NOTHING.en}`));
      }
      seen.add(key);
      const holder = byText.get(key);
      if (holder === undefined || holder === question.id || questions.some((q) => q.id === holder)) return question;
      // A question typed anew that was asked before comes back (from the archive), with its old answers.
      if (question.id === undefined) return { id: holder, text: question.text };
      throw new AppError('conflict', msg(
        `De vraag "${question.text}" bestaat al (mogelijk in het archief); voeg haar toe als nieuwe vraag om haar terug te halen. ${NOTHING.nl}`,
        `The question "${question.text}" already exists (possibly in the archive); add it as a new question to bring it back. ${NOTHING.en}`,
      ));
    });
    replaceVisitQuestions(ctx.db, list, ctx.now);
    ctx.emit('data.changed', { area: 'families' });
    return listVisitQuestions(ctx.db, false);
  },
};
