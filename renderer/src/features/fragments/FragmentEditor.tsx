import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Caregiver } from '../../../../shared/domain/entities';
import type { Fragment, MentalizingQuestion, Tag } from '../../../../shared/domain/fragments';
import type { FrameRate } from '../../../../shared/domain/frames';
import { SaveStatus } from '../../components/SaveStatus';
import { useAutosave } from '../../components/use-autosave';
import { formatTimecode } from '../player/frame-clock';
import { frameOfMs, frameStartMs, parseTime } from './fragment-format';
import type { FragmentOps, FragmentPatch } from './use-fragment-store';

interface FragmentEditorProps {
  fragment: Fragment;
  rate: FrameRate;
  durationMs: number;
  tags: readonly Tag[];
  questions: readonly MentalizingQuestion[];
  caregivers: readonly Caregiver[];
  ops: FragmentOps;
  looping: boolean;
  onLoop(): void;
  onPlay(): void;
  onRemove(): void;
  nowMs(): number;
}

/**
 * The chosen fragment in full. Everything saves as it changes (text shortly after typing stops);
 * there is no save button. Someone else's fragment is shown read-only.
 */
export function FragmentEditor({ fragment, rate, durationMs, tags, questions, caregivers, ops, looping, onLoop, onPlay, onRemove, nowMs }: FragmentEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const editable = fragment.mine;
  const save = (patch: FragmentPatch, mergeKey?: string) => ops.update(fragment.id, patch, mergeKey, mergeKey !== undefined);
  const chosenTags = new Set(fragment.tags.map((tag) => tag.id));
  // Active tags, plus archived ones the fragment still carries (readable, removable, not addable).
  const offered = tags.filter((tag) => !tag.archived || chosenTags.has(tag.id));

  return (
    <section className="fragment-editor" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {t('fragmentsUi.editor')}{' '}
        <span className="help">
          {fragment.raterInitials}
          {editable ? '' : ` · ${t('fragmentsUi.readOnly')}`}
          {fragment.origin === 'eaf' ? ' · ELAN' : ''}
        </span>
      </h3>
      <div className="editor-actions">
        <button type="button" className="small" onClick={onPlay}>
          ▶ {t('fragmentsUi.play')}
        </button>
        <button type="button" className="small" aria-pressed={looping} onClick={onLoop}>
          ⟲ {t('fragmentsUi.loop')} <kbd>Shift+L</kbd>
        </button>
        {editable ? (
          <button type="button" className="small danger-outline" onClick={onRemove}>
            {t('fragmentsUi.remove')} <kbd>Delete</kbd>
          </button>
        ) : null}
      </div>

      <div className="editor-times">
        <TimeField
          label={t('fragmentsUi.start')}
          valueMs={fragment.startMs}
          frame={fragment.startFrame}
          rate={rate}
          durationMs={durationMs}
          disabled={!editable}
          onCommit={(ms) => save(ms > fragment.endMs ? { startMs: ms, endMs: ms } : { startMs: ms })}
          onNow={() => save({ startMs: Math.min(nowMs(), fragment.endMs) })}
          nowLabel={t('fragmentsUi.startHere')}
          nowKey="Shift+I"
        />
        <TimeField
          label={t('fragmentsUi.end')}
          valueMs={fragment.endMs}
          frame={fragment.endFrame}
          rate={rate}
          durationMs={durationMs}
          disabled={!editable}
          onCommit={(ms) => save(ms < fragment.startMs ? { startMs: ms, endMs: ms } : { endMs: ms })}
          onNow={() => save({ endMs: Math.max(nowMs(), fragment.startMs) })}
          nowLabel={t('fragmentsUi.endHere')}
          nowKey="Shift+O"
        />
      </div>

      <fieldset className="editor-tags" disabled={!editable}>
        <legend>{t('fragmentsUi.tags')}</legend>
        {offered.map((tag) => (
          <label key={tag.id} className="checkbox-inline tag-check" title={tag.description}>
            <input
              type="checkbox"
              checked={chosenTags.has(tag.id)}
              disabled={tag.archived && !chosenTags.has(tag.id)}
              onChange={() => void ops.toggleTag(fragment.id, tag.id)}
            />
            <span className="tag-swatch" style={{ background: tag.color }} aria-hidden="true" />
            {tag.name}
            {tag.archived ? ` (${t('fragmentsUi.archived')})` : ''}
            {tag.shortcut !== null && !tag.archived ? <kbd>{tag.shortcut}</kbd> : null}
          </label>
        ))}
      </fieldset>

      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-caregiver`}>{t('fragmentsUi.caregiver')}</label>
          <select
            id={`${id}-caregiver`}
            value={fragment.caregiverId === null ? '' : String(fragment.caregiverId)}
            disabled={!editable}
            onChange={(e) => void save({ caregiverId: e.target.value === '' ? null : Number(e.target.value) })}
          >
            <option value="">{t('fragmentsUi.general')}</option>
            {caregivers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox-inline feedback-check">
          <input type="checkbox" checked={fragment.forFeedback} disabled={!editable} onChange={(e) => void save({ forFeedback: e.target.checked })} />★{' '}
          {t('fragmentsUi.forFeedback')} <kbd>Shift+F</kbd>
        </label>
      </div>

      <AutosaveText
        label={t('fragmentsUi.note')}
        value={fragment.note}
        disabled={!editable}
        maxLength={5000}
        onSave={(note) => save({ note }, `note:${fragment.id}`)}
      />

      <fieldset className="editor-questions">
        <legend>{t('fragmentsUi.questions')}</legend>
        <p className="help">{t('fragmentsUi.questionsHelp')}</p>
        {questions.map((question) => (
          <AutosaveText
            key={question.id}
            label={question.text}
            rows={2}
            value={fragment.answers.find((a) => a.questionId === question.id)?.answer ?? ''}
            disabled={!editable}
            maxLength={5000}
            onSave={(answer) => save({ answers: [{ questionId: question.id, answer }] }, `answer:${fragment.id}:${question.id}`)}
          />
        ))}
        {/* Answers to questions no longer asked stay readable. */}
        {fragment.answers
          .filter((a) => !questions.some((q) => q.id === a.questionId))
          .map((a) => (
            <p key={a.questionId} className="help">
              {t('fragmentsUi.oldAnswer')}: {a.answer}
            </p>
          ))}
      </fieldset>
      <p className="help">{t('fragmentsUi.escHint')}</p>
    </section>
  );
}

interface TimeFieldProps {
  label: string;
  valueMs: number;
  frame: number;
  rate: FrameRate;
  durationMs: number;
  disabled: boolean;
  onCommit(ms: number): Promise<unknown>;
  onNow(): Promise<unknown>;
  nowLabel: string;
  nowKey: string;
}

/** A time typed by hand, snapped to its frame when it leaves the field (or on Enter). */
function TimeField({ label, valueMs, frame, rate, durationMs, disabled, onCommit, onNow, nowLabel, nowKey }: TimeFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(formatTimecode(valueMs));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(formatTimecode(valueMs)), [valueMs]);
  const commit = () => {
    const ms = parseTime(text, rate);
    if (ms === null || ms > durationMs) {
      setError(t('fragmentsUi.badTime'));
      return;
    }
    setError(null);
    const snapped = frameStartMs(frameOfMs(ms, rate), rate);
    setText(formatTimecode(snapped));
    if (snapped !== valueMs) void onCommit(snapped);
  };
  return (
    <div className="field field--time">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={text}
        disabled={disabled}
        inputMode="decimal"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-frame`}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      <small id={`${id}-frame`} className="help">
        {t('fragmentsUi.frame', { frame })}
        {error ? <span className="error"> {error}</span> : null}
      </small>
      {disabled ? null : (
        <button type="button" className="small" onClick={() => void onNow()}>
          {nowLabel} <kbd>{nowKey}</kbd>
        </button>
      )}
    </div>
  );
}

interface AutosaveTextProps {
  label: string;
  value: string;
  disabled: boolean;
  maxLength: number;
  rows?: number;
  onSave(value: string): Promise<unknown>;
}

/** A text area that saves itself shortly after typing stops, and at once when it loses focus. */
function AutosaveText({ label, value, disabled, maxLength, rows = 3, onSave }: AutosaveTextProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [dirty, setDirty] = useState(false);
  const { state, schedule, flush } = useAutosave(async (next: string) => {
    // A refusal throws (with the back end's words), so the typed text stays and the field says why.
    await onSave(next);
    setDirty(false);
  }, 400);
  useEffect(() => {
    if (!dirty) setDraft(value);
  }, [value, dirty]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        value={draft}
        disabled={disabled}
        maxLength={maxLength}
        aria-invalid={state.status === 'error' ? true : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          setDirty(true);
          schedule(e.target.value);
        }}
        onBlur={() => void flush()}
      />
      <SaveStatus state={state} />
    </div>
  );
}
