import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../components/SaveStatus';
import { useAutosave } from '../../components/use-autosave';
import { citationFor, formatTime, parseCitations } from './citations';

export interface CitableFragment {
  id: number;
  startMs: number;
  endMs: number;
  label: string;
}

interface RationaleFieldProps {
  label: string;
  /** Read only by screen readers after the visible label, e.g. which item of a long list this is. */
  labelDetail?: string;
  value: string;
  disabled: boolean;
  onSave: (value: string) => Promise<unknown>;
  onPlay?: (startMs: number) => void;
  currentTimeMs?: () => number;
  fragments?: readonly CitableFragment[];
}

/**
 * The rationale: saved as you type (like every field), with citations of fragments as plain
 * [mm:ss] text and, below it, one button per citation that plays it.
 */
export function RationaleField({ label, labelDetail, value, disabled, onSave, onPlay, currentTimeMs, fragments }: RationaleFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [draft, setDraft] = useState(value);
  const [dirty, setDirty] = useState(false);
  const latest = useRef(value);
  const { state, schedule, flush } = useAutosave(async (next: string) => {
    await onSave(next);
    // Only hand the field back to the server value when nothing newer was typed during the save.
    if (latest.current === next) setDirty(false);
  });
  useEffect(() => {
    if (!dirty) setDraft(value);
  }, [value, dirty]);

  const change = (next: string) => {
    latest.current = next;
    setDraft(next);
    setDirty(true);
    schedule(next);
  };

  /** Inserts a citation where the cursor is, so a rater can cite while typing. */
  const insert = (citation: string) => {
    const element = area.current;
    const start = element?.selectionStart ?? draft.length;
    const end = element?.selectionEnd ?? draft.length;
    const before = draft.slice(0, start);
    const glue = before.length > 0 && !/\s$/.test(before) ? ' ' : '';
    change(`${before}${glue}${citation}${draft.slice(end)}`);
    requestAnimationFrame(() => element?.focus());
  };

  const citations = parseCitations(draft);
  return (
    <div className="field rationale">
      <label htmlFor={id}>
        {label}
        {labelDetail && <span className="visually-hidden"> {labelDetail}</span>}
      </label>
      <textarea
        id={id}
        ref={area}
        rows={3}
        maxLength={20_000}
        value={draft}
        readOnly={disabled}
        aria-describedby={`${id}-help`}
        aria-invalid={state.status === 'error' ? true : undefined}
        onChange={(e) => change(e.target.value)}
        onBlur={() => void flush()}
      />
      <small id={`${id}-help`} className="help">
        {t('scoring.card.rationaleHelp')}
      </small>
      {!disabled && (currentTimeMs || (fragments && fragments.length > 0)) && (
        <div className="cite-tools">
          {currentTimeMs && (
            <button type="button" onClick={() => insert(citationFor(currentTimeMs()))}>
              {t('scoring.card.citeNow')}
            </button>
          )}
          {fragments && fragments.length > 0 && (
            <select
              aria-label={t('scoring.card.citeFragment')}
              value=""
              onChange={(e) => {
                const fragment = fragments.find((f) => String(f.id) === e.target.value);
                if (fragment) insert(citationFor(fragment.startMs, fragment.endMs));
              }}
            >
              <option value="">{t('scoring.card.citeFragment')}</option>
              {fragments.map((fragment) => (
                <option key={fragment.id} value={fragment.id}>
                  {formatTime(fragment.startMs)} {fragment.label}
                </option>
              ))}
            </select>
          )}
        </div>
      )}
      {citations.length > 0 && (
        <ul className="citation-list" aria-label={t('scoring.card.citations')}>
          {citations.map((citation) => (
            <li key={`${citation.index}-${citation.text}`}>
              {onPlay ? (
                <button type="button" className="citation" aria-label={t('scoring.card.play', { time: formatTime(citation.startMs) })} onClick={() => onPlay(citation.startMs)}>
                  {citation.text}
                </button>
              ) : (
                <span className="citation citation--static">{citation.text}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <SaveStatus state={state} />
    </div>
  );
}
