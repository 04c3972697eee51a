import { useId } from 'react';

/**
 * A PIN or password box. Never remembered by the browser: at a shared workstation an autofilled
 * PIN would let the next person in.
 */
export function PinField({
  label,
  value,
  onChange,
  autoFocus = false,
  error,
  help,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
  error?: string | undefined;
  help?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete="off"
        spellCheck={false}
        maxLength={128}
        required
        // Only on the lock and PIN screens, whose one field is the whole screen (callers decide).
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus={autoFocus}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={help ? `${id}-help` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {help && (
        <small id={`${id}-help`} className="help">
          {help}
        </small>
      )}
    </div>
  );
}
