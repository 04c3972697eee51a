import { useEffect, useId, useRef, useState } from 'react';
import { SaveStatus } from './SaveStatus';
import { useAutosave } from './use-autosave';

interface Option {
  value: string;
  label: string;
}

interface AutosaveFieldProps {
  label: string;
  value: string;
  onSave: (value: string) => Promise<unknown>;
  type?: 'text' | 'date' | 'month' | 'textarea' | 'select';
  options?: readonly Option[];
  help?: string;
  maxLength?: number;
}

/**
 * A labelled input that persists itself: the server value is the starting point, what the user
 * types wins until it has been saved, and a refused save keeps the typed text on screen.
 */
export function AutosaveField({ label, value, onSave, type = 'text', options = [], help, maxLength }: AutosaveFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [dirty, setDirty] = useState(false);
  const { state, schedule, flush } = useAutosave(async (next: string) => {
    await onSave(next);
    setDirty(false);
  });
  // Only a new server value replaces the draft. A save that has just resolved leaves the text as
  // typed: the refetch that brings it back comes a moment later, and showing the old value in
  // between would put a keystroke typed then on the old text.
  const lastValue = useRef(value);
  useEffect(() => {
    if (value === lastValue.current) return;
    lastValue.current = value;
    if (!dirty) setDraft(value);
  }, [value, dirty]);

  const change = (next: string) => {
    setDraft(next);
    setDirty(true);
    schedule(next);
  };
  const common = {
    id,
    value: draft,
    'aria-describedby': help ? `${id}-help` : undefined,
    'aria-invalid': state.status === 'error' ? true : undefined,
    onBlur: () => void flush(),
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {type === 'textarea' ? (
        <textarea {...common} rows={4} maxLength={maxLength} onChange={(e) => change(e.target.value)} />
      ) : type === 'select' ? (
        <select {...common} onChange={(e) => change(e.target.value)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={type} maxLength={maxLength} onChange={(e) => change(e.target.value)} />
      )}
      {help && (
        <small id={`${id}-help`} className="help">
          {help}
        </small>
      )}
      <SaveStatus state={state} />
    </div>
  );
}
