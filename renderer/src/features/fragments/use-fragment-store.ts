import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import type { MethodInput } from '../../../../shared/api/contract';
import { ApiError } from '../../../../shared/api/envelope';
import type { EafImportResult, Fragment, FragmentAnswer, FragmentList } from '../../../../shared/domain/fragments';
import { useApi, useApiQuery } from '../../api/api-context';
import { UndoHistory, type UndoStep } from './undo-history';

export interface FragmentPatch {
  startMs?: number;
  endMs?: number;
  tagIds?: number[];
  caregiverId?: number | null;
  note?: string;
  forFeedback?: boolean;
  answers?: FragmentAnswer[];
}

export interface FragmentDraft {
  startMs: number;
  endMs: number;
  tagIds: number[];
  forFeedback: boolean;
}

export type Notify = (text: string, kind?: 'status' | 'error') => void;

/** Words for the undo steps and messages, from the caller's translations. */
export interface StoreWords {
  created: string;
  changed: string;
  removed: (count: number) => string;
  imported: (count: number) => string;
  undone: (label: string) => string;
  redone: (label: string) => string;
  nothingToUndo: string;
  nothingToRedo: string;
  needOneTag: string;
  gone: string;
}

const messageOf = (error: unknown) => (error instanceof ApiError ? error.message : String(error));

function pickBefore(current: Fragment, patch: FragmentPatch): FragmentPatch {
  const before: FragmentPatch = {};
  if (patch.startMs !== undefined) before.startMs = current.startMs;
  if (patch.endMs !== undefined) before.endMs = current.endMs;
  if (patch.tagIds !== undefined) before.tagIds = current.tags.map((tag) => tag.id);
  if (patch.caregiverId !== undefined) before.caregiverId = current.caregiverId;
  if (patch.note !== undefined) before.note = current.note;
  if (patch.forFeedback !== undefined) before.forFeedback = current.forFeedback;
  if (patch.answers !== undefined) {
    before.answers = patch.answers.map(({ questionId }) => ({ questionId, answer: current.answers.find((a) => a.questionId === questionId)?.answer ?? '' }));
  }
  return before;
}

/**
 * The fragments of one recording and every change to them. Changes go to the back end at once,
 * one after another in the order they were made (so a tag key pressed twice quickly toggles twice),
 * each lands in the query cache as soon as it returns, and each becomes an undo step.
 */
export function useFragmentStore(recordingId: number, words: StoreWords, notify: Notify) {
  const api = useApi();
  const queryClient = useQueryClient();
  const list = useApiQuery('fragments.list', { recordingId });
  const [history] = useState(() => new UndoHistory());
  const [historyVersion, setHistoryVersion] = useState(0);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const wordsRef = useRef(words);
  wordsRef.current = words;
  const notifyRef = useRef(notify);
  notifyRef.current = notify;

  const ops = useMemo(() => {
    const key = ['fragments.list', { recordingId }];
    const cached = () => queryClient.getQueryData<FragmentList>(key)?.fragments ?? [];
    const find = (id: number) => cached().find((f) => f.id === id) ?? null;
    const upsert = (changed: readonly Fragment[]): void =>
      void queryClient.setQueryData<FragmentList>(key, (old) => {
        if (!old) return old;
        const byId = new Map(changed.map((f) => [f.id, f]));
        const kept = old.fragments.map((f) => byId.get(f.id) ?? f);
        const known = new Set(old.fragments.map((f) => f.id));
        return { ...old, fragments: [...kept, ...changed.filter((f) => !known.has(f.id))] };
      });
    const drop = (ids: readonly number[]): void =>
      void queryClient.setQueryData<FragmentList>(key, (old) => (old ? { ...old, fragments: old.fragments.filter((f) => !ids.includes(f.id)) } : old));
    const bump = () => setHistoryVersion((v) => v + 1);

    /** Runs after everything queued before it, whatever became of that. */
    function enqueue<T>(task: () => Promise<T>): Promise<T> {
      const run = chain.current.then(task, task);
      chain.current = run.catch(() => undefined);
      return run;
    }

    const rawUpdate = async (id: number, patch: FragmentPatch) => upsert([await api.call('fragments.update', { id, ...patch })]);
    const rawRemove = async (ids: number[]) => {
      await api.call('fragments.remove', { ids });
      drop(ids);
    };
    const rawRestore = async (ids: number[]) => upsert(await api.call('fragments.restore', { ids }));

    const record = (step: UndoStep) => {
      history.push(step);
      bump();
    };

    /**
     * Queues a change; a refusal is reported and answered with null, never thrown at the keyboard
     * handler. Autosaved fields ask for the error itself (`rethrow`), to show it beside the field.
     */
    function attempt<T>(task: () => Promise<T>, rethrow = false): Promise<T | null> {
      return enqueue(task).catch((error: unknown) => {
        notifyRef.current(messageOf(error), 'error');
        if (rethrow) throw error;
        return null;
      });
    }

    return {
      find,
      cached,
      create: (draft: FragmentDraft) =>
        attempt(async () => {
          const created = await api.call('fragments.create', { recordingId, ...draft });
          upsert([created]);
          record({ label: wordsRef.current.created, undo: () => rawRemove([created.id]), redo: () => rawRestore([created.id]) });
          return created;
        }),
      /** `mergeKey`: quick successive changes of one field (typing) become one undo step. */
      update: (id: number, patch: FragmentPatch | ((current: Fragment) => FragmentPatch | string), mergeKey?: string, rethrow = false) =>
        attempt(async () => {
          const current = find(id);
          if (!current) throw ApiError.local('not_found', wordsRef.current.gone);
          const resolved = typeof patch === 'function' ? patch(current) : patch;
          // A string is a reason not to change anything (e.g. the last tag cannot go).
          if (typeof resolved === 'string') throw ApiError.local('invalid_input', resolved);
          const before = pickBefore(current, resolved);
          const updated = await api.call('fragments.update', { id, ...resolved });
          upsert([updated]);
          record({ label: wordsRef.current.changed, mergeKey, undo: () => rawUpdate(id, before), redo: () => rawUpdate(id, resolved) });
          return updated;
        }, rethrow),
      toggleTag: (id: number, tagId: number) =>
        attempt(async () => {
          const current = find(id);
          if (!current) return null;
          const ids = current.tags.map((tag) => tag.id);
          const next = ids.includes(tagId) ? ids.filter((x) => x !== tagId) : [...ids, tagId];
          if (next.length === 0) throw ApiError.local('invalid_input', wordsRef.current.needOneTag);
          const before = { tagIds: ids };
          const updated = await api.call('fragments.update', { id, tagIds: next });
          upsert([updated]);
          record({ label: wordsRef.current.changed, undo: () => rawUpdate(id, before), redo: () => rawUpdate(id, { tagIds: next }) });
          return updated;
        }),
      remove: (ids: number[]) =>
        attempt(async () => {
          await rawRemove(ids);
          record({ label: wordsRef.current.removed(ids.length), undo: () => rawRestore(ids), redo: () => rawRemove(ids) });
          notifyRef.current(wordsRef.current.removed(ids.length));
          return ids;
        }),
      importEaf: (input: MethodInput<'fragments.importEaf'>): Promise<EafImportResult | null> =>
        attempt(async () => {
          const result = await api.call('fragments.importEaf', input);
          if (!result.dryRun && result.fragments.length > 0) {
            const ids = result.fragments.map((f) => f.id);
            upsert(result.fragments);
            record({ label: wordsRef.current.imported(ids.length), undo: () => rawRemove(ids), redo: () => rawRestore(ids) });
          }
          return result;
        }),
      undo: () =>
        attempt(async () => {
          const step = history.takeUndo();
          bump();
          if (!step) return notifyRef.current(wordsRef.current.nothingToUndo);
          try {
            await step.undo();
            notifyRef.current(wordsRef.current.undone(step.label));
          } catch (error) {
            history.dropLast('undo');
            throw error;
          }
        }),
      redo: () =>
        attempt(async () => {
          const step = history.takeRedo();
          bump();
          if (!step) return notifyRef.current(wordsRef.current.nothingToRedo);
          try {
            await step.redo();
            notifyRef.current(wordsRef.current.redone(step.label));
          } catch (error) {
            history.dropLast('redo');
            throw error;
          }
        }),
    };
  }, [api, history, queryClient, recordingId]);

  return {
    list,
    fragments: list.data?.fragments,
    blind: list.data?.blind ?? false,
    ops,
    history: {
      canUndo: history.canUndo,
      canRedo: history.canRedo,
      undoLabel: history.nextUndoLabel,
      redoLabel: history.nextRedoLabel,
      version: historyVersion,
    },
  };
}

export type FragmentOps = ReturnType<typeof useFragmentStore>['ops'];
