import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../shared/api/envelope';

export type SaveState = { status: 'idle' | 'saving' | 'saved' } | { status: 'error'; message: string };

/**
 * Saves a value shortly after the last keystroke (and at once on blur or unmount), so nothing typed
 * is lost and there is no save button. Saves run one at a time, always with the newest value.
 */
export function useAutosave<T>(save: (value: T) => Promise<unknown>, delayMs = 300) {
  const [state, setState] = useState<SaveState>({ status: 'idle' });
  const pending = useRef<{ value: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const running = useRef<Promise<void> | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (running.current) await running.current;
    const next = pending.current;
    if (!next) return;
    pending.current = null;
    setState({ status: 'saving' });
    running.current = saveRef
      .current(next.value)
      .then(
        () => setState(pending.current ? { status: 'saving' } : { status: 'saved' }),
        (error: unknown) =>
          setState({ status: 'error', message: error instanceof ApiError ? error.message : String(error) }),
      )
      .finally(() => {
        running.current = null;
      });
    await running.current;
    if (pending.current) await flush();
  }, []);

  const schedule = useCallback(
    (value: T) => {
      pending.current = { value };
      setState({ status: 'saving' });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delayMs);
    },
    [delayMs, flush],
  );

  useEffect(() => () => void flush(), [flush]);
  return { state, schedule, flush };
}

/**
 * The value an autosaving control shows: the server's value to start with, what the user entered
 * until it has been saved, and what was entered still after a refused save. Only a new server
 * value replaces the draft: a save that has just resolved leaves it as entered, since the refetch
 * that brings it back comes a moment later, and showing the old value in between would put a
 * keystroke typed then on the old text.
 */
export function useAutosavedDraft<T>(value: T, onSave: (value: T) => Promise<unknown>, delayMs?: number) {
  const [draft, setDraft] = useState(value);
  const [dirty, setDirty] = useState(false);
  const { state, schedule, flush } = useAutosave(async (next: T) => {
    await onSave(next);
    setDirty(false);
  }, delayMs);
  const lastValue = useRef(value);
  useEffect(() => {
    if (value === lastValue.current) return;
    lastValue.current = value;
    if (!dirty) setDraft(value);
  }, [value, dirty]);
  const change = (next: T) => {
    setDraft(next);
    setDirty(true);
    schedule(next);
  };
  return { draft, change, state, flush };
}
