import { msg, type Bilingual } from '../../../../shared/api/envelope';
import type { FragmentAnswer } from '../../../../shared/domain/fragments';
import { msToFrame } from '../../../../shared/domain/frames';
import type { Db } from '../../db/open-database';
import { refuseAll, type EafFragmentDraft } from './eaf-import';
import { caregiverKeys, clockTime } from './export-model';
import type { FragmentValues, RecordingClock } from './fragment-repository';
import { listQuestions, listTags } from './tag-repository';

const MAX_IMPORTED = 10_000;

export interface ResolvedFragment {
  values: Omit<FragmentValues, 'recordingId' | 'raterId' | 'origin'>;
  tagIds: number[];
  answers: FragmentAnswer[];
}

const fold = (text: string) => text.trim().toLocaleLowerCase('nl');

/**
 * Looks up what a file names (tags, caregivers, questions) in this team and this recording, and
 * checks every span against the clip. Every problem is reported at once; nothing is written here.
 * Archived tags and questions are accepted: an imported file is old work being brought back.
 */
export function resolveDrafts(db: Db, recording: RecordingClock, drafts: readonly EafFragmentDraft[]): ResolvedFragment[] {
  if (drafts.length > MAX_IMPORTED) refuseAll([msg(
    `Het bestand bevat ${drafts.length} fragmenten; maximaal ${MAX_IMPORTED} per keer.`,
    `The file contains ${drafts.length} fragments; at most ${MAX_IMPORTED} at a time.`,
  )]);
  const tags = new Map(listTags(db, true).map((tag) => [fold(tag.name), tag.id]));
  const questions = new Map<string, number>();
  // Active questions win over archived ones with the same text.
  for (const question of listQuestions(db, true).reverse()) questions.set(fold(question.text), question.id);
  const caregivers = new Map([...caregiverKeys(recording.caregivers)].map(([id, key]) => [fold(key), id]));
  const rate = { num: recording.fpsNum, den: recording.fpsDen };

  const problems: Bilingual[] = [];
  const unknownTags = new Set<string>();
  const unknownQuestions = new Set<string>();
  const unknownCaregivers = new Set<string>();
  const resolved: ResolvedFragment[] = [];
  for (const draft of drafts) {
    if (draft.endMs > recording.durationMs) {
      problems.push(
        msg(
          `Annotatie ${draft.annotationId} (${clockTime(draft.startMs)}–${clockTime(draft.endMs)}) valt buiten de opname, die ${clockTime(recording.durationMs)} duurt.`,
          `Annotation ${draft.annotationId} (${clockTime(draft.startMs)}–${clockTime(draft.endMs)}) falls outside the recording, which lasts ${clockTime(recording.durationMs)}.`,
        ),
      );
    }
    if (draft.note.length > 20_000) problems.push(msg(
      `Annotatie ${draft.annotationId}: de notitie is langer dan 20.000 tekens.`,
      `Annotation ${draft.annotationId}: the note is longer than 20,000 characters.`,
    ));
    const tagIds: number[] = [];
    for (const name of draft.tagNames) {
      const id = tags.get(fold(name));
      if (id === undefined) unknownTags.add(name);
      else if (!tagIds.includes(id)) tagIds.push(id);
    }
    let caregiverId: number | null;
    if (draft.caregiverKey === undefined) caregiverId = recording.caregivers.length === 1 ? recording.caregivers[0]!.id : null;
    else if (draft.caregiverKey === null) caregiverId = null;
    else {
      caregiverId = caregivers.get(fold(draft.caregiverKey)) ?? null;
      if (caregiverId === null) unknownCaregivers.add(draft.caregiverKey);
    }
    const answers: FragmentAnswer[] = [];
    for (const { question, answer } of draft.answers) {
      const questionId = questions.get(fold(question));
      if (questionId === undefined) unknownQuestions.add(question);
      else if (answer.trim().length > 5000) problems.push(msg(
        `Annotatie ${draft.annotationId}: een antwoord is langer dan 5000 tekens.`,
        `Annotation ${draft.annotationId}: an answer is longer than 5000 characters.`,
      ));
      else answers.push({ questionId, answer: answer.trim() });
    }
    resolved.push({
      values: {
        caregiverId,
        startMs: draft.startMs,
        endMs: draft.endMs,
        startFrame: msToFrame(draft.startMs, rate),
        endFrame: msToFrame(draft.endMs, rate),
        note: draft.note,
        forFeedback: draft.forFeedback,
      },
      tagIds,
      answers,
    });
  }
  const list = (names: Set<string>) => [...names].slice(0, 10).map((name) => `"${name}"`).join(', ');
  if (unknownTags.size) problems.unshift(msg(
    `Onbekende labels: ${list(unknownTags)}. Maak ze eerst aan (Labels) of pas het bestand aan.`,
    `Unknown labels: ${list(unknownTags)}. Create them first (Labels) or change the file.`,
  ));
  if (unknownCaregivers.size) problems.push(msg(`Niet in beeld in deze opname: ${list(unknownCaregivers)}.`, `Not in view in this recording: ${list(unknownCaregivers)}.`));
  if (unknownQuestions.size) problems.push(msg(`Onbekende vragen: ${list(unknownQuestions)}.`, `Unknown questions: ${list(unknownQuestions)}.`));
  if (problems.length) refuseAll(problems);
  return resolved;
}
