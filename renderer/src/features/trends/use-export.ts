import { useState } from 'react';
import type { ExportFile } from '../../../../shared/domain/trends';
import { ApiError } from '../../../../shared/api/envelope';
import { downloadExport } from './download';

/** Runs one export at a time and remembers what happened, for a status line next to the buttons. */
export function useExport() {
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<ExportFile | null>(null);
  const [error, setError] = useState<{ message: string } | null>(null);
  const run = async (name: string, make: () => Promise<ExportFile>) => {
    setBusy(name);
    setError(null);
    setDone(null);
    try {
      const file = await make();
      downloadExport(file);
      setDone(file);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : { message: String(caught) });
    } finally {
      setBusy(null);
    }
  };
  return { busy, done, error, run };
}
