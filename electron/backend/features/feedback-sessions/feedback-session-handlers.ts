import { AppError, msg } from '../../../../shared/api/envelope';
import type { VideoExport } from '../../../../shared/api/areas/video-export-methods';
import { MAX_SESSION_ITEMS, type FeedbackSession } from '../../../../shared/domain/feedback-sessions';
import type { HandlerContext, HandlersFor } from '../../handler-context';
import { questionStates } from '../fragments/tag-repository';
import { jobForEvent } from '../media-jobs/job-repository';
import { captionTitleLines, clipWindow, sessionFilmFileName, type ClipWindow } from '../video-exports/export-plan';
import { requireExportable } from '../video-exports/video-export-handlers';
import { describeExport, findExportJob, insertExportJob, mayViewExport } from '../video-exports/video-export-repository';
import {
  answeredQuestionIdsOf,
  countItems,
  deleteItem,
  filmItems,
  filmJobIds,
  findFragmentOwner,
  findItemHead,
  findVisitHead,
  hasItem,
  insertItem,
  listCandidates,
  loadSession,
  moveItem,
  saveWords,
  setCaption,
  type ItemHead,
  type VisitHead,
} from './feedback-session-repository';

const NOTHING = msg('Er is niets gewijzigd.', 'Nothing has been changed.');
const VISIT_GONE = msg(`Dit huisbezoek bestaat niet (meer). ${NOTHING.nl}`, `This home visit does not exist (any more). ${NOTHING.en}`);
const ITEM_GONE = msg(
  `Dit fragment staat niet (meer) in de videofeedback van het bezoek. ${NOTHING.nl}`,
  `This fragment is not (any more) in the visit's video feedback. ${NOTHING.en}`,
);
const FRAGMENT_GONE = msg(`Dit fragment bestaat niet (meer). ${NOTHING.nl}`, `This fragment does not exist (any more). ${NOTHING.en}`);

function viewer(ctx: HandlerContext): number {
  // Dispatch guarantees an actor for every method here (policy `needs: 'rater'`).
  return ctx.actor!.id;
}

function requireVisit(ctx: HandlerContext, visitId: number): VisitHead {
  const visit = findVisitHead(ctx.db, visitId);
  if (!visit) throw new AppError('not_found', VISIT_GONE);
  return visit;
}

/**
 * An item the viewer may change: it exists and its fragment is one the viewer may see. An item on
 * a fragment hidden by a blind round does not exist for them, exactly like the fragment itself.
 */
function requireItem(ctx: HandlerContext, itemId: number): ItemHead {
  const item = findItemHead(ctx.db, itemId);
  if (!item) throw new AppError('not_found', ITEM_GONE);
  const fragment = findFragmentOwner(ctx.db, item.fragmentId, viewer(ctx));
  if (!fragment || !fragment.visible || fragment.deleted) throw new AppError('not_found', ITEM_GONE);
  return item;
}

/** The caption may not carry the family code: it is for the parents, and it goes onto the film. */
function checkCaption(visit: Pick<VisitHead, 'familyCode'>, caption: string): void {
  if (caption.toLocaleLowerCase('nl').includes(visit.familyCode.toLocaleLowerCase('nl'))) {
    throw new AppError(
      'invalid_input',
      msg(
        `Een onderschrift is voor de ouders: laat de gezinscode ${visit.familyCode} weg. ${NOTHING.nl}`,
        `A caption is for the parents: leave out the family code ${visit.familyCode}. ${NOTHING.en}`,
      ),
      { caption: msg('Zonder gezinscode.', 'Without the family code.') },
    );
  }
}

function changed(ctx: HandlerContext, visit: { familyId: number }): void {
  ctx.emit('data.changed', { area: 'feedback', id: visit.familyId });
}

function session(ctx: HandlerContext, visitId: number): FeedbackSession {
  return loadSession(ctx.db, requireVisit(ctx, visitId), viewer(ctx));
}

/** The visit's films this viewer may see (the same rule as a recording's exports). */
function films(ctx: HandlerContext, visitId: number): VideoExport[] {
  return filmJobIds(ctx.db, visitId)
    .map((jobId) => findExportJob(ctx.db, jobId))
    .filter((row) => row !== null && mayViewExport(ctx.db, row, viewer(ctx)))
    .map((row) => describeExport(ctx.db, row!.id));
}

// Access-log details name the visit, items and fragments by number, never the caption or the
// parents' words: those are what the parents said about themselves and their baby.
export const feedbackSessionHandlers: HandlersFor<'feedbackSessions'> = {
  'feedbackSessions.get': ({ visitId }, ctx) => {
    const visit = requireVisit(ctx, visitId);
    ctx.logFamilyAccess(visit.familyId, `bezoek ${visit.date}`);
    return { ...loadSession(ctx.db, visit, viewer(ctx)), films: films(ctx, visitId) };
  },

  'feedbackSessions.candidates': ({ visitId }, ctx) => {
    const visit = requireVisit(ctx, visitId);
    const candidates = listCandidates(ctx.db, visit, viewer(ctx));
    ctx.logFamilyAccess(visit.familyId, `bezoek ${visit.date}: ${candidates.length} fragmenten gelezen`);
    return candidates;
  },

  'feedbackSessions.addItem': ({ visitId, fragmentId, caption }, ctx) => {
    const visit = requireVisit(ctx, visitId);
    const fragment = findFragmentOwner(ctx.db, fragmentId, viewer(ctx));
    // Another rater's fragment in a blind round does not exist for this viewer, as in the fragment list.
    if (!fragment || !fragment.visible) throw new AppError('not_found', FRAGMENT_GONE, { fragmentId: msg('Onbekend fragment.', 'Unknown fragment.') });
    if (fragment.familyId !== visit.familyId) {
      throw new AppError(
        'invalid_input',
        msg(
          `Dit fragment hoort bij een opname van een ander gezin; kies een fragment van dit gezin. ${NOTHING.nl}`,
          `This fragment belongs to a recording of another family; choose a fragment of this family. ${NOTHING.en}`,
        ),
        { fragmentId: msg('Fragment van een ander gezin.', 'Fragment of another family.') },
      );
    }
    if (fragment.deleted) throw new AppError('not_found', msg(`Dit fragment is verwijderd. ${NOTHING.nl}`, `This fragment has been deleted. ${NOTHING.en}`));
    if (hasItem(ctx.db, visitId, fragmentId)) {
      throw new AppError('conflict', msg(`Dit fragment staat al in de videofeedback van dit bezoek. ${NOTHING.nl}`, `This fragment is already in this visit's video feedback. ${NOTHING.en}`));
    }
    if (countItems(ctx.db, visitId) >= MAX_SESSION_ITEMS) {
      throw new AppError(
        'invalid_input',
        msg(
          `De videofeedback van een bezoek bevat hoogstens ${MAX_SESSION_ITEMS} fragmenten. ${NOTHING.nl}`,
          `A visit's video feedback holds at most ${MAX_SESSION_ITEMS} fragments. ${NOTHING.en}`,
        ),
      );
    }
    checkCaption(visit, caption);
    const itemId = insertItem(ctx.db, { visitId, familyId: visit.familyId, fragmentId, caption, chosenBy: viewer(ctx) }, ctx.now);
    ctx.logFamilyAccess(visit.familyId, `bezoek ${visit.date}: fragment ${fragmentId} gekozen (onderdeel ${itemId})`);
    changed(ctx, visit);
    return session(ctx, visitId);
  },

  'feedbackSessions.updateCaption': ({ itemId, caption }, ctx) => {
    const item = requireItem(ctx, itemId);
    const visit = requireVisit(ctx, item.visitId);
    checkCaption(visit, caption);
    setCaption(ctx.db, itemId, caption, ctx.now);
    ctx.logFamilyAccess(item.familyId, `bezoek ${visit.date}: onderschrift van onderdeel ${itemId}`);
    changed(ctx, item);
    return session(ctx, item.visitId);
  },

  'feedbackSessions.moveItem': ({ itemId, direction }, ctx) => {
    const item = requireItem(ctx, itemId);
    const visit = requireVisit(ctx, item.visitId);
    if (!moveItem(ctx.db, item, direction, ctx.now)) {
      throw new AppError(
        'conflict',
        direction === 'up'
          ? msg(`Dit fragment staat al vooraan. ${NOTHING.nl}`, `This fragment is already first. ${NOTHING.en}`)
          : msg(`Dit fragment staat al achteraan. ${NOTHING.nl}`, `This fragment is already last. ${NOTHING.en}`),
      );
    }
    ctx.logFamilyAccess(item.familyId, `bezoek ${visit.date}: onderdeel ${itemId} ${direction === 'up' ? 'naar voren' : 'naar achteren'}`);
    changed(ctx, item);
    return session(ctx, item.visitId);
  },

  'feedbackSessions.removeItem': ({ itemId }, ctx) => {
    const item = requireItem(ctx, itemId);
    const visit = requireVisit(ctx, item.visitId);
    deleteItem(ctx.db, itemId);
    ctx.logFamilyAccess(item.familyId, `bezoek ${visit.date}: fragment ${item.fragmentId} uit de videofeedback (onderdeel ${itemId})`);
    changed(ctx, item);
    return session(ctx, item.visitId);
  },

  'feedbackSessions.saveWords': ({ itemId, questionId, words }, ctx) => {
    const item = requireItem(ctx, itemId);
    const question = questionStates(ctx.db).get(questionId);
    if (!question) throw new AppError('invalid_input', msg(`Deze vraag bestaat niet (meer). ${NOTHING.nl}`, `This question does not exist (any more). ${NOTHING.en}`));
    // An archived question keeps the words given to it earlier (they can still be corrected or cleared), but gets no new ones.
    if (question.archived && !answeredQuestionIdsOf(ctx.db, itemId).has(questionId)) {
      throw new AppError('invalid_input', msg(`De vraag "${question.text}" wordt niet meer gesteld. ${NOTHING.nl}`, `The question "${question.text}" is no longer asked. ${NOTHING.en}`));
    }
    saveWords(ctx.db, item, questionId, words, ctx.now);
    ctx.logFamilyAccess(item.familyId, `onderdeel ${itemId}, vraag ${questionId}: woorden van de ouders ${words === '' ? 'gewist' : 'bewaard'}`);
    changed(ctx, item);
    return { saved: true };
  },

  'feedbackSessions.makeFilm': ({ visitId }, ctx) => {
    const visit = requireVisit(ctx, visitId);
    const items = filmItems(ctx.db, visitId, viewer(ctx));
    if (items.length === 0) {
      throw new AppError('conflict', msg('Voor dit bezoek zijn nog geen fragmenten gekozen; er is geen film gemaakt.', 'No fragments have been chosen for this visit yet; no film has been made.'));
    }
    // One film per recording (one ffmpeg run cuts from one playable file), in the session's order.
    const byRecording = new Map<number, typeof items>();
    for (const item of items) byRecording.set(item.recordingId, [...(byRecording.get(item.recordingId) ?? []), item]);
    const recordings = [...byRecording.keys()].map((recordingId) => requireExportable(ctx, recordingId));
    const jobIds = recordings.map((recording, index) => {
      const chosen = byRecording.get(recording.id)!;
      const windows: ClipWindow[] = chosen.map((item) => ({
        fragmentId: item.fragmentId,
        ...clipWindow(item, recording.durationMs),
        title: captionTitleLines(item.caption),
        titleStyle: 'caption',
      }));
      const fileName = sessionFilmFileName(visit.familyCode, visit.date, index + 1);
      const jobId = insertExportJob(
        ctx.db,
        { kind: 'reel', recordingId: recording.id, familyId: visit.familyId, createdBy: viewer(ctx), params: { fileName, fragmentIds: chosen.map((item) => item.fragmentId), windows, visitId } },
        ctx.now,
      );
      // Only the rater who asked hears of it, as with the recording's own reel.
      ctx.emit('jobs.changed', jobForEvent(describeExport(ctx.db, jobId).job), { raterId: viewer(ctx) });
      return jobId;
    });
    ctx.logFamilyAccess(visit.familyId, `bezoek ${visit.date}: feedbackfilm met ${items.length} fragment${items.length === 1 ? '' : 'en'}`);
    ctx.afterCommit(() => ctx.services.jobs.wake());
    changed(ctx, visit);
    return jobIds.map((jobId) => describeExport(ctx.db, jobId));
  },
};
