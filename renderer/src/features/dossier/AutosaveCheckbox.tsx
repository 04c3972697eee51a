import { useEffect, useId, useRef, useState } from 'react';
import { SaveStatus } from '../../components/SaveStatus';
import { useAutosave } from '../../components/use-autosave';

/**
 * A checkbox that saves the moment it is ticked, with the same status line as AutosaveField; a
 * refused save keeps what was ticked on screen, with the reason beside it.
 */
export function AutosaveCheckbox({ label, checked, onSave }: { label: string; checked: boolean; onSave: (value: boolean) => Promise<unknown> }) {
  const id = useId();
  const [draft, setDraft] = useState(checked);
  const [dirty, setDirty] = useState(false);
  const { state, schedule, flush } = useAutosave(async (next: boolean) => {
    await onSave(next);
    setDirty(false);
  }, 0);
  // As in AutosaveField: only a new server value replaces what was ticked.
  const lastChecked = useRef(checked);
  useEffect(() => {
    if (checked === lastChecked.current) return;
    lastChecked.current = checked;
    if (!dirty) setDraft(checked);
  }, [checked, dirty]);
  return (
    <div className="field field--check">
      <label htmlFor={id} className="checkbox-inline">
        <input
          id={id}
          type="checkbox"
          checked={draft}
          aria-invalid={state.status === 'error' ? true : undefined}
          onChange={(e) => {
            setDraft(e.target.checked);
            setDirty(true);
            schedule(e.target.checked);
            void flush();
          }}
        />
        {label}
      </label>
      <SaveStatus state={state} />
    </div>
  );
}
