import { useId } from 'react';
import { SaveStatus } from './SaveStatus';
import { useAutosavedDraft } from './use-autosave';

interface Option {
  value: string;
  label: string;
}

interface AutosaveFieldProps {
  label: string;
  value: string;
  onSave: (value: string) => Promise<unknown>;
  type?: 'text' | 'date' | 'month' | 'number' | 'textarea' | 'select';
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
  const { draft, change, state, flush } = useAutosavedDraft(value, onSave);
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
