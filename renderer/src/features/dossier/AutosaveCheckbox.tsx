import { useId } from 'react';
import { SaveStatus } from '../../components/SaveStatus';
import { useAutosavedDraft } from '../../components/use-autosave';

/**
 * A checkbox that saves the moment it is ticked, with the same status line as AutosaveField; a
 * refused save keeps what was ticked on screen, with the reason beside it.
 */
export function AutosaveCheckbox({ label, checked, onSave }: { label: string; checked: boolean; onSave: (value: boolean) => Promise<unknown> }) {
  const id = useId();
  // Saved the moment it is ticked (no delay), and at once (flush) rather than after a pause.
  const { draft, change, state, flush } = useAutosavedDraft(checked, onSave, 0);
  return (
    <div className="field field--check">
      <label htmlFor={id} className="checkbox-inline">
        <input
          id={id}
          type="checkbox"
          checked={draft}
          aria-invalid={state.status === 'error' ? true : undefined}
          onChange={(e) => {
            change(e.target.checked);
            void flush();
          }}
        />
        {label}
      </label>
      <SaveStatus state={state} />
    </div>
  );
}
