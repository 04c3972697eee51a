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
