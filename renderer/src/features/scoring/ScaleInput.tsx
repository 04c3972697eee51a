import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { anchorFor, nearestAnchors, SCALE_POINTS, type AnchorTexts } from '../../../../shared/domain/scales';

interface ScaleInputProps {
  /** Accessible name of the group, e.g. "Sensitiviteit voor moeder". */
  label: string;
  value: number | null;
  texts: AnchorTexts;
  disabled: boolean;
  /** Saves the choice; the group shows it at once and goes back if the promise rejects. */
  onChange: (value: number) => Promise<unknown> | void;
}

/**
 * Points 1–9 as large buttons in one radio group. Keys 1–9 pick a point while the group has focus,
 * arrows move; the anchor of the nearest described point (the hovered or focused point, else the
 * chosen one) is always on screen so the rater never scores from memory of the texts.
 */
export function ScaleInput({ label, value, texts, disabled, onChange }: ScaleInputProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'nl';
  const [preview, setPreview] = useState<number | null>(null);
  // What was chosen but not yet confirmed by the back end, so fast keys build on the latest choice.
  const [optimistic, setOptimistic] = useState<number | null>(null);
  useEffect(() => {
    if (optimistic !== null && value === optimistic) setOptimistic(null);
  }, [value, optimistic]);
  const current = optimistic ?? value;
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const shown = preview ?? current;
  const anchors = shown === null ? [] : nearestAnchors(shown);

  const choose = (next: number, focus = false) => {
    if (!disabled && next !== current) {
      setOptimistic(next);
      void Promise.resolve(onChange(next)).catch(() => setOptimistic((shown) => (shown === next ? null : shown)));
    }
    if (focus) buttons.current[next - 1]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    let next: number | null = null;
    if (/^[1-9]$/.test(event.key)) next = Number(event.key);
    else if (event.key === 'ArrowRight' || event.key === 'ArrowUp') next = current === null ? 1 : Math.min(9, current + 1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowDown') next = current === null ? 1 : Math.max(1, current - 1);
    else if (event.key === 'Home') next = 1;
    else if (event.key === 'End') next = 9;
    // Keep the player (which listens on the window) from also acting on these keys.
    if (next !== null || event.key === ' ' || event.key === 'Enter') event.stopPropagation();
    if (next === null) return;
    event.preventDefault();
    choose(next, true);
  };

  return (
    <div className="scale-input">
      {/* The keys reach the group from its radios (a roving tab stop), so the group itself takes no focus. */}
      {/* eslint-disable-next-line jsx-a11y/interactive-supports-focus */}
      <div role="radiogroup" aria-label={label} aria-disabled={disabled || undefined} className="scale-points" onKeyDown={onKeyDown}>
        {SCALE_POINTS.map((point) => {
          const checked = current === point;
          const odd = point % 2 === 1;
          const title = odd ? anchorFor(texts, point as 1, language).title : null;
          return (
            <button
              key={point}
              ref={(element) => {
                buttons.current[point - 1] = element;
              }}
              type="button"
              role="radio"
              aria-checked={checked}
              aria-label={title ? `${point} – ${title}` : t('scoring.card.pointBetween', { value: point, low: point - 1, high: point + 1 })}
              // Roving tab stop: one Tab into the group, arrows or digits inside it.
              tabIndex={checked || (current === null && point === 1) ? 0 : -1}
              className={`scale-point${checked ? ' scale-point--checked' : ''}${odd ? ' scale-point--anchor' : ''}`}
              aria-disabled={disabled || undefined}
              onClick={() => choose(point)}
              onMouseEnter={() => setPreview(point)}
              onMouseLeave={() => setPreview(null)}
              onFocus={() => setPreview(null)}
            >
              {point}
            </button>
          );
        })}
      </div>
      <div className="anchor-panel" aria-live="polite">
        {anchors.length === 0 ? (
          <p className="help">{t('scoring.card.chooseScore')}</p>
        ) : (
          <>
            {anchors.length === 2 && <p className="anchor-between">{t('scoring.card.between', { low: anchors[0], high: anchors[1] })}</p>}
            {anchors.map((point) => {
              const anchor = anchorFor(texts, point, language);
              return (
                <p key={point} className="anchor-text">
                  <strong>
                    {point} · {anchor.title}.
                  </strong>{' '}
                  {anchor.text}
                </p>
              );
            })}
          </>
        )}
      </div>
    </div>
  );
}
