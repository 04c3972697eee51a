import { useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../../shared/api/envelope';
import { SaveStatus } from './SaveStatus';
import { useAutosave } from './use-autosave';

// The team's editable question lists (the mentalizing questions with a fragment, the questions
// after every home visit) are edited the same way: the whole active list is saved as it is
// edited, in its order; a question taken out is archived by the back end, never deleted.

export interface QuestionDraft {
  key: number;
  id?: number;
  text: string;
}

/** Like the back end's limit on a list. */
const MAX_QUESTIONS = 20;

/**
 * The drafts of a question list and their saving. `save` sends the list in its order and answers
 * with the saved questions in the same order, which gives new ones (and ones brought back) their ids.
 */
export function useQuestionDrafts(
  questions: readonly { id: number; text: string }[] | undefined,
  save: (list: { id?: number; text: string }[]) => Promise<readonly { id: number }[]>,
  emptyMessage: string,
) {
  const inputId = useId();
  const [drafts, setDrafts] = useState<QuestionDraft[] | null>(null);
  const nextKey = useRef(1);
  const focusKey = useRef<number | null>(null);

  useEffect(() => {
    if (questions && drafts === null) setDrafts(questions.map((q) => ({ key: nextKey.current++, id: q.id, text: q.text })));
  }, [questions, drafts]);

  const { state, schedule, flush } = useAutosave(async (list: QuestionDraft[]) => {
    const sent = list.filter((q) => q.text.trim() !== '');
    if (sent.length === 0) throw ApiError.local('invalid_input', emptyMessage);
    const saved = await save(sent.map((q) => (q.id === undefined ? { text: q.text } : { id: q.id, text: q.text })));
    const ids = new Map(sent.map((q, i) => [q.key, saved[i]?.id]));
    setDrafts((current) => current?.map((q) => (q.id === undefined && ids.get(q.key) !== undefined ? { ...q, id: ids.get(q.key) } : q)) ?? current);
  }, 500);

  const update = (next: QuestionDraft[], now = false) => {
    setDrafts(next);
    schedule(next);
    if (now) void flush();
  };

  // A question just added gets the focus, so typing goes on in it.
  useEffect(() => {
    if (focusKey.current === null) return;
    document.getElementById(`${inputId}-q-${focusKey.current}`)?.focus();
    focusKey.current = null;
  }, [drafts, inputId]);

  const add = (question?: { id: number; text: string }) => {
    if (!drafts || drafts.length >= MAX_QUESTIONS) return;
    const key = nextKey.current++;
    if (question) update([...drafts, { key, id: question.id, text: question.text }], true);
    else {
      focusKey.current = key;
      setDrafts([...drafts, { key, text: '' }]);
    }
  };

  return { drafts, update, flush, state, add, inputId, full: (drafts?.length ?? 0) >= MAX_QUESTIONS };
}

interface QuestionListEditorProps {
  editor: ReturnType<typeof useQuestionDrafts> & { drafts: QuestionDraft[] };
  className: string;
  listLabel?: string;
  labels: {
    question(n: number): string;
    moveUp(n: number): string;
    moveDown(n: number): string;
    remove(n: number): string;
    /** The visible text of the remove button ("Verwijderen", "Archiveren"). */
    removeText: string;
    add: string;
  };
}

/** The list of inputs with up, down and remove per question, the add button and the save status. */
export function QuestionListEditor({ editor, className, listLabel, labels }: QuestionListEditorProps) {
  const { drafts, update, flush, state, add, inputId, full } = editor;
  return (
    <>
      <ol className={className} aria-label={listLabel}>
        {drafts.map((q, index) => (
          <li key={q.key}>
            <input
              id={`${inputId}-q-${q.key}`}
              aria-label={labels.question(index + 1)}
              value={q.text}
              maxLength={300}
              onChange={(e) => update(drafts.map((d) => (d.key === q.key ? { ...d, text: e.target.value } : d)))}
              onBlur={() => void flush()}
            />
            <button
              type="button"
              className="small"
              disabled={index === 0}
              aria-label={labels.moveUp(index + 1)}
              onClick={() => update([...drafts.slice(0, index - 1), q, drafts[index - 1]!, ...drafts.slice(index + 1)], true)}
            >
              ↑
            </button>
            <button
              type="button"
              className="small"
              disabled={index === drafts.length - 1}
              aria-label={labels.moveDown(index + 1)}
              onClick={() => update([...drafts.slice(0, index), drafts[index + 1]!, q, ...drafts.slice(index + 2)], true)}
            >
              ↓
            </button>
            <button type="button" className="small" disabled={drafts.length === 1} aria-label={labels.remove(index + 1)} onClick={() => update(drafts.filter((d) => d.key !== q.key), true)}>
              {labels.removeText}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="small" disabled={full} onClick={() => add()}>
        {labels.add}
      </button>{' '}
      <SaveStatus state={state} />
    </>
  );
}
