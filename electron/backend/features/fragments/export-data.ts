import type { Db } from '../../db/open-database';
import { caregiverKeys, type ExportModel } from './export-model';
import { listVisibleFragments, type FragmentFilters, type RecordingClock } from './fragment-repository';
import { listQuestions, listTags } from './tag-repository';

/**
 * Collects what an export of one recording holds, through the same blindness-filtered query as the
 * screen: an export never shows more than the list does.
 */
export function buildExportModel(db: Db, recording: RecordingClock, viewerId: number, filters: FragmentFilters): ExportModel {
  const fragments = listVisibleFragments(db, recording.id, viewerId, filters);
  const usedTags = new Set(fragments.flatMap((fragment) => fragment.tags.map((tag) => tag.id)));
  const answered = new Set(fragments.flatMap((fragment) => fragment.answers.map((answer) => answer.questionId)));
  const keys = caregiverKeys(recording.caregivers);
  // A caregiver taken out of view after fragments were made still gets a name: their role.
  const keyOf = (caregiverId: number): string | null => {
    if (!keys.has(caregiverId)) {
      const row = db.prepare('SELECT role FROM caregivers WHERE id = ?').get(caregiverId) as { role: string } | undefined;
      keys.set(caregiverId, row?.role ?? 'anders');
    }
    return keys.get(caregiverId) ?? null;
  };
  return {
    recording: {
      id: recording.id,
      familyCode: recording.familyCode,
      recordedOn: recording.recordedOn,
      activity: recording.activity,
      moment: recording.moment,
      durationMs: recording.durationMs,
      fpsNum: recording.fpsNum,
      fpsDen: recording.fpsDen,
      mediaExtension: recording.mediaExtension,
    },
    tags: listTags(db, true)
      .filter((tag) => !tag.archived || usedTags.has(tag.id))
      .map((tag) => ({ name: tag.name, color: tag.color, description: tag.description, shortcut: tag.shortcut, archived: tag.archived })),
    questions: listQuestions(db, true)
      .filter((question) => !question.archived || answered.has(question.id))
      .map((question) => ({ id: question.id, text: question.text })),
    fragments: fragments.map((fragment) => ({
      id: fragment.id,
      raterId: fragment.raterId,
      raterInitials: fragment.raterInitials,
      startMs: fragment.startMs,
      endMs: fragment.endMs,
      startFrame: fragment.startFrame,
      endFrame: fragment.endFrame,
      tagNames: fragment.tags.map((tag) => tag.name),
      caregiverKey: fragment.caregiverId === null ? null : keyOf(fragment.caregiverId),
      note: fragment.note,
      forFeedback: fragment.forFeedback,
      answers: Object.fromEntries(fragment.answers.map((answer) => [answer.questionId, answer.answer])),
    })),
  };
}
