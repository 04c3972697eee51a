import { AppError, msg } from '../../../../shared/api/envelope';
import type { ExportedFile, Fragment, FragmentAnswer } from '../../../../shared/domain/fragments';
import { msToFrame } from '../../../../shared/domain/frames';
import type { HandlerContext, HandlersFor } from '../../handler-context';
import { isUnderBlindRound } from '../rounds/blindness';
import { readEafFragments, parseEaf } from './eaf-import';
import { fragmentsToEaf } from './eaf-export';
import { buildExportModel } from './export-data';
import { clockTime, exportFileName } from './export-model';
import { fragmentsToCsv } from './fragment-csv';
import {
  answeredQuestionIds,
  findFragments,
  findRecordingClock,
  fragmentAccess,
  fragmentTagIds,
  insertFragment,
  isCaregiverInView,
  listVisibleFragments,
  purgeDeleted,
  saveAnswers,
  setDeleted,
  setFragmentTags,
  updateFragment,
  type RecordingClock,
} from './fragment-repository';
import { fragmentsToXlsx } from './fragment-xlsx';
import { resolveDrafts } from './import-resolve';
import {
  findTag,
  findTagIdByName,
  insertTag,
  listQuestions,
  listTags,
  questionStates,
  replaceQuestions,
  setTagArchived,
  tagStates,
  tagWithShortcut,
  updateTag,
} from './tag-repository';

const RECORDING_GONE = msg('Deze opname bestaat niet (meer).', 'This recording does not exist (any more).');
const FRAGMENT_GONE = msg('Dit fragment bestaat niet (meer).', 'This fragment does not exist (any more).');
const NOT_OWNER = msg('Alleen wie een fragment heeft gemaakt, kan het wijzigen of verwijderen.', 'Only the person who made a fragment can change or delete it.');
/** Removed fragments can be brought back (undo) for this long. */
const UNDO_WINDOW_MS = 24 * 3600 * 1000;

function viewer(ctx: HandlerContext): number {
  // Dispatch guarantees an actor for every fragment method (policy `needs: 'rater'`).
  return ctx.actor!.id;
}

function requireRecording(ctx: HandlerContext, recordingId: number): RecordingClock {
  const recording = findRecordingClock(ctx.db, recordingId);
  if (!recording) throw new AppError('not_found', RECORDING_GONE);
  return recording;
}

/** Start ≤ end, both within the clip; then the frames from the recording's rational frame rate. */
function frameSpan(recording: RecordingClock, startMs: number, endMs: number) {
  if (endMs < startMs) {
    throw new AppError('invalid_input', msg('Het einde van het fragment ligt vóór het begin.', 'The end of the fragment is before its start.'), { endMs: msg('Het einde ligt vóór het begin.', 'The end is before the start.') });
  }
  if (endMs > recording.durationMs) {
    throw new AppError('invalid_input', msg(
      `Het fragment valt buiten de opname (die duurt ${clockTime(recording.durationMs)}).`,
      `The fragment falls outside the recording (which lasts ${clockTime(recording.durationMs)}).`,
    ), {
      [startMs > recording.durationMs ? 'startMs' : 'endMs']: msg('Deze tijd ligt na het einde van de opname.', 'This time is after the end of the recording.'),
    });
  }
  const rate = { num: recording.fpsNum, den: recording.fpsDen };
  return { startMs, endMs, startFrame: msToFrame(startMs, rate), endFrame: msToFrame(endMs, rate) };
}

/** Archived tags cannot be chosen anew, but a fragment keeps the ones it already has. */
function checkTags(ctx: HandlerContext, tagIds: readonly number[], alreadyOn: ReadonlySet<number> = new Set()): void {
  const states = tagStates(ctx.db);
  for (const tagId of tagIds) {
    const tag = states.get(tagId);
    if (!tag) throw new AppError('invalid_input', msg('Een gekozen label bestaat niet (meer).', 'A chosen label does not exist (any more).'), { tagIds: msg('Onbekend label.', 'Unknown label.') });
    if (tag.archived && !alreadyOn.has(tagId)) {
      throw new AppError('invalid_input', msg(`Het label "${tag.name}" is gearchiveerd en kan niet meer worden gekozen.`, `The label "${tag.name}" is archived and can no longer be chosen.`), { tagIds: msg('Gearchiveerd label.', 'Archived label.') });
    }
  }
}

function checkCaregiver(ctx: HandlerContext, recording: RecordingClock, caregiverId: number | null): void {
  if (caregiverId !== null && !isCaregiverInView(ctx.db, recording.id, caregiverId)) {
    throw new AppError('invalid_input', msg('Deze ouder/verzorger is niet in beeld in deze opname.', 'This parent/caregiver is not in view in this recording.'), { caregiverId: msg('Kies een ouder die in beeld is.', 'Choose a parent who is in view.') });
  }
}

function checkAnswers(ctx: HandlerContext, answers: readonly FragmentAnswer[], alreadyAnswered: ReadonlySet<number> = new Set()): void {
  const states = questionStates(ctx.db);
  for (const { questionId } of answers) {
    const question = states.get(questionId);
    if (!question) throw new AppError('invalid_input', msg('Een beantwoorde vraag bestaat niet (meer).', 'An answered question does not exist (any more).'), { answers: msg('Onbekende vraag.', 'Unknown question.') });
    if (question.archived && !alreadyAnswered.has(questionId)) {
      throw new AppError('invalid_input', msg(`De vraag "${question.text}" wordt niet meer gesteld.`, `The question "${question.text}" is no longer asked.`), { answers: msg('Gearchiveerde vraag.', 'Archived question.') });
    }
  }
}

/**
 * The fragments a caller may change: visible to them (otherwise they do not exist for them) and
 * their own. All or nothing, so one undo step never half-applies.
 */
function requireOwn(ctx: HandlerContext, ids: readonly number[], state: 'live' | 'deleted') {
  const access = fragmentAccess(ctx.db, ids, viewer(ctx));
  const byId = new Map(access.map((row) => [row.id, row]));
  for (const id of ids) {
    const row = byId.get(id);
    if (!row || !row.visible) throw new AppError('not_found', FRAGMENT_GONE);
    if (row.raterId !== viewer(ctx)) throw new AppError('forbidden', NOT_OWNER);
    if (state === 'live' && row.deleted) throw new AppError('not_found', FRAGMENT_GONE);
    if (state === 'deleted' && !row.deleted) throw new AppError('conflict', msg('Dit fragment is niet verwijderd.', 'This fragment has not been deleted.'));
  }
  return access;
}

function logPerRecording(ctx: HandlerContext, rows: readonly { recordingId: number; familyId: number; id: number }[], verb: string): void {
  const groups = new Map<number, { familyId: number; ids: number[] }>();
  for (const row of rows) {
    const group = groups.get(row.recordingId) ?? { familyId: row.familyId, ids: [] };
    group.ids.push(row.id);
    groups.set(row.recordingId, group);
  }
  for (const [recordingId, group] of groups) {
    const list = group.ids.length > 20 ? `${group.ids.length} fragmenten` : `fragment ${group.ids.join(', ')}`;
    ctx.logFamilyAccess(group.familyId, `opname ${recordingId}: ${list} ${verb}`);
    ctx.emit('data.changed', { area: 'fragments', id: recordingId });
  }
}

export const tagHandlers: HandlersFor<'tags'> = {
  'tags.list': ({ includeArchived }, ctx) => listTags(ctx.db, includeArchived ?? false),

  'tags.create': ({ name, color, shortcut, description }, ctx) => {
    if (findTagIdByName(ctx.db, name) !== null) {
      throw new AppError('conflict', msg(`Er is al een label "${name}" (mogelijk gearchiveerd).`, `There is already a label "${name}" (possibly archived).`), { name: msg('Deze naam bestaat al.', 'This name already exists.') });
    }
    const holder = shortcut ? tagWithShortcut(ctx.db, shortcut) : null;
    if (holder) throw new AppError('conflict', msg(`Sneltoets ${shortcut} hoort al bij "${holder.name}".`, `Shortcut ${shortcut} already belongs to "${holder.name}".`), { shortcut: msg('Al in gebruik.', 'Already in use.') });
    const id = insertTag(ctx.db, { name, color, shortcut: shortcut ?? null, description: description ?? '' }, ctx.now);
    ctx.emit('data.changed', { area: 'fragments' });
    return findTag(ctx.db, id)!;
  },

  'tags.update': ({ id, ...changes }, ctx) => {
    const tag = findTag(ctx.db, id);
    if (!tag) throw new AppError('not_found', msg('Dit label bestaat niet (meer).', 'This label does not exist (any more).'));
    if (changes.name !== undefined && findTagIdByName(ctx.db, changes.name, id) !== null) {
      throw new AppError('conflict', msg(`Er is al een label "${changes.name}" (mogelijk gearchiveerd).`, `There is already a label "${changes.name}" (possibly archived).`), { name: msg('Deze naam bestaat al.', 'This name already exists.') });
    }
    if (changes.shortcut && !tag.archived) {
      const holder = tagWithShortcut(ctx.db, changes.shortcut, id);
      if (holder) throw new AppError('conflict', msg(`Sneltoets ${changes.shortcut} hoort al bij "${holder.name}".`, `Shortcut ${changes.shortcut} already belongs to "${holder.name}".`), { shortcut: msg('Al in gebruik.', 'Already in use.') });
    }
    updateTag(ctx.db, id, changes, ctx.now);
    ctx.emit('data.changed', { area: 'fragments' });
    return findTag(ctx.db, id)!;
  },

  'tags.archive': ({ id }, ctx) => {
    const tag = findTag(ctx.db, id);
    if (!tag) throw new AppError('not_found', msg('Dit label bestaat niet (meer).', 'This label does not exist (any more).'));
    if (!tag.archived) setTagArchived(ctx.db, id, ctx.now, ctx.now);
    ctx.emit('data.changed', { area: 'fragments' });
    return findTag(ctx.db, id)!;
  },

  'tags.unarchive': ({ id }, ctx) => {
    const tag = findTag(ctx.db, id);
    if (!tag) throw new AppError('not_found', msg('Dit label bestaat niet (meer).', 'This label does not exist (any more).'));
    if (tag.archived) {
      // Someone else may have taken its key meanwhile; then it comes back without one.
      const taken = tag.shortcut !== null && tagWithShortcut(ctx.db, tag.shortcut, id) !== null;
      setTagArchived(ctx.db, id, null, ctx.now, taken);
    }
    ctx.emit('data.changed', { area: 'fragments' });
    return findTag(ctx.db, id)!;
  },
};

export const questionHandlers: HandlersFor<'questions'> = {
  'questions.list': ({ includeArchived }, ctx) => listQuestions(ctx.db, includeArchived ?? false),

  'questions.update': ({ questions }, ctx) => {
    const known = questionStates(ctx.db);
    const byText = new Map([...known].map(([id, question]) => [question.text.toLocaleLowerCase('nl'), id]));
    const seen = new Set<string>();
    const list = questions.map((question) => {
      if (question.id !== undefined && !known.has(question.id)) throw new AppError('not_found', msg(
        'Een van de vragen bestaat niet (meer).',
        'One of the questions does not exist (any more).',
      ));
      const key = question.text.toLocaleLowerCase('nl');
      if (seen.has(key)) throw new AppError('invalid_input', msg(
        `De vraag "${question.text}" staat twee keer in de lijst.`,
        `The question "${question.text}" appears twice in the list.`,
      ));
      seen.add(key);
      const holder = byText.get(key);
      if (holder === undefined || holder === question.id || questions.some((q) => q.id === holder)) return question;
      // A question typed anew that was asked before comes back (from the archive), with its old answers.
      if (question.id === undefined) return { id: holder, text: question.text };
      throw new AppError('conflict', msg(
        `De vraag "${question.text}" bestaat al (mogelijk in het archief); voeg haar toe als nieuwe vraag om haar terug te halen.`,
        `The question "${question.text}" already exists (possibly in the archive); add it as a new question to bring it back.`,
      ));
    });
    replaceQuestions(ctx.db, list, ctx.now);
    ctx.emit('data.changed', { area: 'fragments' });
    return listQuestions(ctx.db, false);
  },
};

export const fragmentHandlersOnly: HandlersFor<'fragments'> = {
  'fragments.list': ({ recordingId, filters }, ctx) => {
    const recording = requireRecording(ctx, recordingId);
    const fragments = listVisibleFragments(ctx.db, recordingId, viewer(ctx), filters ?? {});
    ctx.logFamilyAccess(recording.familyId, `opname ${recordingId}: ${fragments.length} fragmenten gelezen`);
    return { fragments, blind: isUnderBlindRound(ctx.db, recordingId) };
  },

  'fragments.create': (input, ctx) => {
    const recording = requireRecording(ctx, input.recordingId);
    const times = frameSpan(recording, input.startMs, input.endMs ?? input.startMs);
    checkTags(ctx, input.tagIds);
    // Left out: the one caregiver in view, so a quick shortcut-key fragment needs no extra choice.
    const caregiverId = input.caregiverId !== undefined ? input.caregiverId : recording.caregivers.length === 1 ? recording.caregivers[0]!.id : null;
    checkCaregiver(ctx, recording, caregiverId);
    const answers = (input.answers ?? []).filter((a) => a.answer !== '');
    checkAnswers(ctx, answers);
    const id = insertFragment(
      ctx.db,
      {
        recordingId: recording.id,
        raterId: viewer(ctx),
        caregiverId,
        ...times,
        note: input.note ?? '',
        forFeedback: input.forFeedback ?? false,
        origin: 'app',
      },
      ctx.now,
    );
    setFragmentTags(ctx.db, id, input.tagIds);
    saveAnswers(ctx.db, id, answers);
    // No times in the log: coordinators read it, and during a blind round a fragment's place is the rater's own.
    ctx.logFamilyAccess(recording.familyId, `opname ${recording.id}: fragment ${id} gemaakt`);
    ctx.emit('data.changed', { area: 'fragments', id: recording.id });
    return findFragments(ctx.db, [id], viewer(ctx))[0]!;
  },

  'fragments.update': ({ id, ...changes }, ctx) => {
    const [access] = requireOwn(ctx, [id], 'live');
    const recording = requireRecording(ctx, access!.recordingId);
    const current = findFragments(ctx.db, [id], viewer(ctx))[0]!;
    const times =
      changes.startMs !== undefined || changes.endMs !== undefined
        ? frameSpan(recording, changes.startMs ?? current.startMs, changes.endMs ?? current.endMs)
        : {};
    if (changes.tagIds) checkTags(ctx, changes.tagIds, fragmentTagIds(ctx.db, id));
    if (changes.caregiverId !== undefined) checkCaregiver(ctx, recording, changes.caregiverId);
    if (changes.answers) checkAnswers(ctx, changes.answers, answeredQuestionIds(ctx.db, id));
    updateFragment(ctx.db, id, { ...times, caregiverId: changes.caregiverId, note: changes.note, forFeedback: changes.forFeedback }, ctx.now);
    if (changes.tagIds) setFragmentTags(ctx.db, id, changes.tagIds);
    if (changes.answers) saveAnswers(ctx.db, id, changes.answers);
    ctx.logFamilyAccess(recording.familyId, `opname ${recording.id}: fragment ${id} gewijzigd (${Object.keys(changes).join(', ')})`);
    ctx.emit('data.changed', { area: 'fragments', id: recording.id });
    return findFragments(ctx.db, [id], viewer(ctx))[0]!;
  },

  'fragments.remove': ({ ids }, ctx) => {
    const access = requireOwn(ctx, ids, 'live');
    purgeDeleted(ctx.db, viewer(ctx), new Date(Date.parse(ctx.now) - UNDO_WINDOW_MS).toISOString());
    const removed = findFragments(ctx.db, ids, viewer(ctx));
    setDeleted(ctx.db, ids, ctx.now, ctx.now);
    logPerRecording(ctx, access, 'verwijderd');
    return { removed };
  },

  'fragments.restore': ({ ids }, ctx) => {
    const access = requireOwn(ctx, ids, 'deleted');
    setDeleted(ctx.db, ids, null, ctx.now);
    logPerRecording(ctx, access, 'teruggezet');
    return findFragments(ctx.db, ids, viewer(ctx));
  },

  // Async (see METHOD_POLICIES): XLSX is written by exceljs, which only offers a promise.
  'fragments.export': async ({ recordingId, format, filters }, ctx): Promise<ExportedFile> => {
    // The reads happen in one transaction, so the file is one consistent moment.
    const { model, recording } = ctx.db.transaction(() => {
      const found = requireRecording(ctx, recordingId);
      return { recording: found, model: buildExportModel(ctx.db, found, viewer(ctx), filters ?? {}) };
    })();
    let file: Omit<ExportedFile, 'count'>;
    switch (format) {
      case 'csv':
      case 'csv_nl':
        file = {
          fileName: exportFileName(model, 'csv'),
          mimeType: 'text/csv;charset=utf-8',
          encoding: 'utf8',
          content: fragmentsToCsv(model, format === 'csv' ? 'comma' : 'semicolon'),
        };
        break;
      case 'xlsx':
        file = {
          fileName: exportFileName(model, 'xlsx'),
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          encoding: 'base64',
          content: (await fragmentsToXlsx(model, new Date(ctx.now))).toString('base64'),
        };
        break;
      case 'eaf':
        file = { fileName: exportFileName(model, 'eaf'), mimeType: 'text/xml;charset=utf-8', encoding: 'utf8', content: fragmentsToEaf(model, { date: ctx.now }) };
        break;
    }
    ctx.logFamilyAccess(recording.familyId, `opname ${recordingId}: ${model.fragments.length} fragmenten geëxporteerd (${format})`);
    return { ...file, count: model.fragments.length };
  },

  'fragments.importEaf': ({ recordingId, content, tierIds, dryRun }, ctx) => {
    const recording = requireRecording(ctx, recordingId);
    const document = parseEaf(content);
    const { drafts, tiers } = readEafFragments(document, tierIds ? { tierIds } : {});
    const resolved = resolveDrafts(ctx.db, recording, drafts);
    if (dryRun) return { dryRun: true, tiers, fragments: [], count: resolved.length };
    const ids: number[] = [];
    for (const fragment of resolved) {
      const id = insertFragment(ctx.db, { ...fragment.values, recordingId: recording.id, raterId: viewer(ctx), origin: 'eaf' }, ctx.now);
      setFragmentTags(ctx.db, id, fragment.tagIds);
      saveAnswers(ctx.db, id, fragment.answers);
      ids.push(id);
    }
    ctx.logFamilyAccess(recording.familyId, `opname ${recording.id}: ${ids.length} fragmenten ingelezen uit ELAN`);
    ctx.emit('data.changed', { area: 'fragments', id: recording.id });
    const fragments: Fragment[] = findFragments(ctx.db, ids, viewer(ctx));
    return { dryRun: false, tiers, fragments, count: fragments.length };
  },
};

/** Everything of the fragments issue, for the one handler table. */
export const fragmentHandlers = { ...tagHandlers, ...questionHandlers, ...fragmentHandlersOnly };
