import { AppError, msg } from '../../../../shared/api/envelope';
import type { FamilyGoals, Goal, GoalLinkTarget, GoalStatus } from '../../../../shared/domain/goals';
import type { HandlerContext, HandlersFor } from '../../handler-context';
import { familyHead, phaseIndex, phaseSteps } from '../dossier/dossier-repository';
import { todayOf } from '../dossier/phase-rules';
import { familyOfTarget, findGoalFamily, insertGoal, insertLink, insertStatus, linkedTargets, linkOptions, listGoals, targetKey, touchGoal } from './goal-repository';

const FAMILY_GONE = msg('Dit gezin bestaat niet (meer).', 'This family does not exist (any more).');
const GOAL_GONE = msg('Dit doel bestaat niet (meer).', 'This goal does not exist (any more).');
const NOTHING = msg('Er is niets gewijzigd.', 'Nothing has been changed.');
const STATUS_NAMES: Record<GoalStatus, { nl: string; en: string }> = {
  open: msg('open', 'open'),
  'in-behandeling': msg('in behandeling', 'being worked on'),
  bereikt: msg('bereikt', 'reached'),
};

function viewerId(ctx: HandlerContext): number {
  // METHOD_POLICIES: 'rater', so dispatch has checked that someone is signed in.
  return ctx.actor!.id;
}

/**
 * The dates a goal's status may carry: from the aanmelding up to the end of the follow-up (the day
 * the family was closed) or, before that, today — a status records what happened.
 */
function dateWindow(ctx: HandlerContext, familyId: number): { earliest: string; latest: string; canEvaluate: boolean } {
  const head = familyHead(ctx.db, familyId);
  if (!head) throw new AppError('not_found', FAMILY_GONE);
  const closed = phaseSteps(ctx.db, familyId, head).find((step) => step.phase === 'afgesloten')?.startedOn ?? null;
  const today = todayOf(ctx.now);
  return { earliest: head.referralDate, latest: closed !== null && closed < today ? closed : today, canEvaluate: phaseIndex(head.phase) >= phaseIndex('evaluatie') };
}

function assertDate(ctx: HandlerContext, familyId: number, date: string): void {
  const { earliest, latest } = dateWindow(ctx, familyId);
  if (date < earliest) {
    throw new AppError(
      'invalid_input',
      msg(`De datum ${date} ligt vóór de aanmelding (${earliest}). ${NOTHING.nl}`, `The date ${date} is before the referral (${earliest}). ${NOTHING.en}`),
      { date: msg('Datum vóór de aanmelding.', 'Date before the referral.') },
    );
  }
  if (date > latest) {
    throw new AppError(
      'invalid_input',
      msg(
        `De datum ${date} ligt na ${latest < todayOf(ctx.now) ? `het einde van de follow-up (${latest})` : `vandaag (${latest})`}. ${NOTHING.nl}`,
        `The date ${date} is after ${latest < todayOf(ctx.now) ? `the end of the follow-up (${latest})` : `today (${latest})`}. ${NOTHING.en}`,
      ),
      { date: msg(`Kies een datum tot en met ${latest}.`, `Choose a date up to ${latest}.`) },
    );
  }
}

function familyGoals(ctx: HandlerContext, familyId: number): FamilyGoals {
  const window = dateWindow(ctx, familyId);
  const options = linkOptions(ctx.db, familyId, viewerId(ctx));
  return { familyId, goals: listGoals(ctx.db, familyId, options), canEvaluate: window.canEvaluate, earliestDate: window.earliest, latestDate: window.latest, options };
}

function requireGoal(ctx: HandlerContext, goalId: number): { familyId: number } {
  const familyId = findGoalFamily(ctx.db, goalId);
  if (familyId === null) throw new AppError('not_found', GOAL_GONE);
  return { familyId };
}

function goalAsNow(ctx: HandlerContext, familyId: number, goalId: number): Goal {
  return listGoals(ctx.db, familyId, linkOptions(ctx.db, familyId, viewerId(ctx)), goalId)[0]!;
}

function changed(ctx: HandlerContext, familyId: number): void {
  ctx.db.prepare('UPDATE families SET updated_at = ? WHERE id = ?').run(ctx.now, familyId);
  ctx.emit('data.changed', { area: 'goals', id: familyId });
}

const describe = (target: GoalLinkTarget): string =>
  target.kind === 'fragment' ? `fragment ${target.fragmentId}` : target.kind === 'score' ? `score (formulier ${target.sheetId}, ${target.scale})` : `consensus (ronde ${target.roundId}, ${target.scale})`;

/** A link to this family's score or fragment that the caller may see; anything else is refused. */
function assertLinkable(ctx: HandlerContext, familyId: number, target: GoalLinkTarget): void {
  const owner = familyOfTarget(ctx.db, target);
  if (owner === null) {
    throw new AppError('not_found', msg(`Deze score of dit fragment bestaat niet (meer). ${NOTHING.nl}`, `This score or fragment does not exist (any more). ${NOTHING.en}`));
  }
  if (owner !== familyId) {
    throw new AppError(
      'invalid_input',
      msg(`Deze score of dit fragment hoort bij een ander gezin; een doel koppelt alleen aan dit gezin. ${NOTHING.nl}`, `This score or fragment belongs to another family; a goal links to this family only. ${NOTHING.en}`),
      { target: msg('Van een ander gezin.', 'Of another family.') },
    );
  }
  if (!linkOptions(ctx.db, familyId, viewerId(ctx)).some((option) => targetKey(option.target) === targetKey(target))) {
    // The same words whether the score is still blind, not submitted or another rater's draft: the
    // refusal says nothing about what lies behind it.
    throw new AppError(
      'forbidden',
      msg(
        `Deze score of dit fragment mag u (nog) niet zien: scores van anderen zijn pas zichtbaar na de onthulling van hun ronde, uw eigen score pas na het indienen. ${NOTHING.nl}`,
        `You may not see this score or fragment (yet): others' scores show only after their round is revealed, your own only once submitted. ${NOTHING.en}`,
      ),
    );
  }
}

// Access-log details name the goal's number, a status and its date, never the typed words.
export const goalHandlers: HandlersFor<'goals'> = {
  'goals.forFamily': ({ familyId }, ctx) => {
    const goals = familyGoals(ctx, familyId);
    ctx.logFamilyAccess(familyId, `begeleidingsdoelen (${goals.goals.length})`);
    return goals;
  },

  'goals.create': ({ familyId, text, date }, ctx) => {
    assertDate(ctx, familyId, date);
    const id = insertGoal(ctx.db, { familyId, text, date, writtenBy: ctx.actor?.id ?? null }, ctx.now);
    ctx.logFamilyAccess(familyId, `doel ${id} opgesteld op ${date}`);
    changed(ctx, familyId);
    return goalAsNow(ctx, familyId, id);
  },

  'goals.update': ({ id, text }, ctx) => {
    const { familyId } = requireGoal(ctx, id);
    ctx.db.prepare('UPDATE goals SET text = ?, updated_at = ? WHERE id = ?').run(text, ctx.now, id);
    ctx.logFamilyAccess(familyId, `doel ${id}: tekst`);
    changed(ctx, familyId);
    return goalAsNow(ctx, familyId, id);
  },

  'goals.setStatus': ({ id, status, date }, ctx) => {
    const { familyId } = requireGoal(ctx, id);
    assertDate(ctx, familyId, date);
    const goal = goalAsNow(ctx, familyId, id);
    const last = goal.history.at(-1)!;
    if (date < goal.history[0]!.date) {
      throw new AppError(
        'invalid_input',
        msg(`De datum ${date} ligt vóór de dag waarop het doel is opgesteld (${goal.history[0]!.date}). ${NOTHING.nl}`, `The date ${date} is before the day the goal was set (${goal.history[0]!.date}). ${NOTHING.en}`),
        { date: msg('Vóór het opstellen van het doel.', 'Before the goal was set.') },
      );
    }
    if (status === last.status) {
      throw new AppError('conflict', msg(`Het doel staat al op ${STATUS_NAMES[status].nl}. ${NOTHING.nl}`, `The goal is already ${STATUS_NAMES[status].en}. ${NOTHING.en}`), {
        status: msg('Al de huidige status.', 'Already the current status.'),
      });
    }
    if (date < last.date) {
      throw new AppError(
        'invalid_input',
        msg(`De datum ${date} ligt vóór de laatste statuswijziging (${last.date}). ${NOTHING.nl}`, `The date ${date} is before the last status change (${last.date}). ${NOTHING.en}`),
        { date: msg(`Kies ${last.date} of later.`, `Choose ${last.date} or later.`) },
      );
    }
    insertStatus(ctx.db, id, status, date, ctx.actor?.id ?? null, ctx.now);
    ctx.logFamilyAccess(familyId, `doel ${id}: ${status} op ${date}`);
    changed(ctx, familyId);
    return goalAsNow(ctx, familyId, id);
  },

  'goals.evaluate': ({ id, evaluation }, ctx) => {
    const { familyId } = requireGoal(ctx, id);
    if (!dateWindow(ctx, familyId).canEvaluate) {
      throw new AppError(
        'conflict',
        msg(
          `Een doel wordt geëvalueerd bij de afsluiting: het gezin is nog niet in de fase evaluatie en afsluiting. ${NOTHING.nl}`,
          `A goal is evaluated at closing: the family is not in the evaluation and closing phase yet. ${NOTHING.en}`,
        ),
        { evaluation: msg('Pas vanaf de fase evaluatie.', 'Only from the evaluation phase.') },
      );
    }
    ctx.db.prepare('UPDATE goals SET evaluation = ?, evaluated_on = ?, updated_at = ? WHERE id = ?').run(evaluation, evaluation === '' ? null : todayOf(ctx.now), ctx.now, id);
    ctx.logFamilyAccess(familyId, `doel ${id}: evaluatie`);
    changed(ctx, familyId);
    return goalAsNow(ctx, familyId, id);
  },

  'goals.link': ({ id, target }, ctx) => {
    const { familyId } = requireGoal(ctx, id);
    assertLinkable(ctx, familyId, target);
    if (linkedTargets(ctx.db, id).some((link) => targetKey(link.target) === targetKey(target))) {
      throw new AppError('conflict', msg(`Dit is al aan het doel gekoppeld. ${NOTHING.nl}`, `This is already linked to the goal. ${NOTHING.en}`));
    }
    insertLink(ctx.db, id, target, ctx.now);
    ctx.logFamilyAccess(familyId, `doel ${id}: ${describe(target)} gekoppeld`);
    changed(ctx, familyId);
    return goalAsNow(ctx, familyId, id);
  },

  'goals.unlink': ({ id, linkId }, ctx) => {
    const { familyId } = requireGoal(ctx, id);
    const link = linkedTargets(ctx.db, id).find((candidate) => candidate.id === linkId);
    if (!link) throw new AppError('not_found', msg(`Deze koppeling bestaat niet (meer). ${NOTHING.nl}`, `This link does not exist (any more). ${NOTHING.en}`));
    ctx.db.prepare('DELETE FROM goal_links WHERE id = ?').run(linkId);
    touchGoal(ctx.db, id, ctx.now);
    ctx.logFamilyAccess(familyId, `doel ${id}: ${describe(link.target)} losgemaakt`);
    changed(ctx, familyId);
    return goalAsNow(ctx, familyId, id);
  },

  'goals.remove': ({ id }, ctx) => {
    const { familyId } = requireGoal(ctx, id);
    // Links and status history follow by cascade.
    ctx.db.prepare('DELETE FROM goals WHERE id = ?').run(id);
    ctx.logFamilyAccess(familyId, `doel ${id} verwijderd`);
    changed(ctx, familyId);
    return { removed: true };
  },
};
