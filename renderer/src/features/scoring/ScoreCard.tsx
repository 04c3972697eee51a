import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/api/contract';
import { ApiError } from '../../../../shared/api/envelope';
import type { CaregiverRole } from '../../../../shared/domain/vocabulary';
import { SCALE_KEYS, type ScaleKey } from '../../../../shared/domain/scales';
import type { ScoreSheet } from '../../../../shared/domain/scoring';
import { useApi, useApiMutation, useApiQuery } from '../../api/api-context';
import { invalidateAreas } from '../../api/invalidation';
import { ErrorMessage } from '../../components/ErrorMessage';
import { RationaleField, type CitableFragment } from './RationaleField';
import { ScaleInput } from './ScaleInput';
import './scoring.css';

export interface ScoreCardProps {
  recordingId: number;
  /**
   * The caregivers the player page knows about; shown while the card loads. What may be scored is
   * decided by the back end (the caregivers linked to the recording).
   */
  caregivers?: { id: number; label: string; role: CaregiverRole }[];
  /** Plays a cited fragment from its start (the player page seeks and plays). */
  onPlayFragment?: (startMs: number) => void;
  /** The player's current position, for "cite current time". */
  currentTimeMs?: () => number;
  /** Fragments the rater may cite (from the fragments feature, when present). */
  fragments?: readonly CitableFragment[];
  /** A round id, null for practice; left out, the back end picks the open round the rater is in. */
  roundId?: number | null;
}

/**
 * The scoring card beside the player: both scales for every caregiver in view, drafts saved at
 * once, "Indienen" locks the sheet, reopening needs a reason. It only ever shows the current
 * rater's own scores.
 */
export function ScoreCard({ recordingId, caregivers, onPlayFragment, currentTimeMs, fragments, roundId: initialRoundId }: ScoreCardProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [roundId, setRoundId] = useState<number | null | undefined>(initialRoundId);
  const input: MethodInput<'scoring.sheet'> = roundId === undefined ? { recordingId } : { recordingId, roundId };
  const sheet = useApiQuery('scoring.sheet', input);
  // Without fragments from the player page, offer the rater's own fragments of this recording.
  const ownFragments = useApiQuery('fragments.list', { recordingId }, { enabled: fragments === undefined });
  const citable: readonly CitableFragment[] =
    fragments ??
    (ownFragments.data?.fragments ?? [])
      .filter((fragment) => fragment.mine)
      .map((fragment) => ({
        id: fragment.id,
        startMs: fragment.startMs,
        endMs: fragment.endMs,
        label: [fragment.tags.map((tag) => tag.name).join(', '), fragment.note.slice(0, 40)].filter(Boolean).join(' – '),
      }));
  const submit = useApiMutation('scoring.submit');
  const reopen = useApiMutation('scoring.reopen');
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');

  const s = sheet.data;
  // Saves of one field run one after the other, so a fast second choice can never be overtaken by the first.
  const queues = useRef(new Map<string, Promise<unknown>>());
  const show = (next: ScoreSheet) => {
    queryClient.setQueryData(['scoring.sheet', input], next);
    // Progress in rounds and lists may have changed too; the card itself is already up to date.
    void invalidateAreas(queryClient, ['scoring'], (method) => method === 'scoring.sheet');
  };
  const save = (caregiverId: number, scale: ScaleKey, change: { value?: number; rationale?: string }) => {
    const key = `${caregiverId}:${scale}:${change.value !== undefined ? 'value' : 'rationale'}`;
    const next = (queues.current.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => saveNow(caregiverId, scale, change));
    queues.current.set(key, next);
    return next;
  };
  const saveNow = async (caregiverId: number, scale: ScaleKey, change: { value?: number; rationale?: string }) => {
    if (!s) return;
    try {
      const anchorVersionId = s.anchors.find((anchor) => anchor.scale === scale)?.versionId;
      const next = await api.call('scoring.saveScore', {
        recordingId,
        roundId: s.roundId,
        caregiverId,
        scale,
        ...change,
        ...(change.value !== undefined && anchorVersionId ? { anchorVersionId } : {}),
      });
      setSaveError(null);
      show(next);
    } catch (error) {
      if (error instanceof ApiError) setSaveError(error);
      throw error;
    }
  };

  if (sheet.error) return <ErrorMessage error={sheet.error} />;
  if (!s) {
    return (
      <section className="card score-card" aria-label={t('scoring.card.title')}>
        <p role="status">{t('app.loading')}</p>
        {caregivers?.map((caregiver) => (
          <h3 key={caregiver.id}>{caregiver.label}</h3>
        ))}
      </section>
    );
  }

  const scoreOf = (caregiverId: number, scale: ScaleKey) => s.scores.find((score) => score.caregiverId === caregiverId && score.scale === scale);
  const optionValue = (value: number | null) => (value === null ? 'practice' : String(value));
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'nl-NL');
  const statusText = s.status === 'submitted' ? t('scoring.card.statusSubmitted', { at: when(s.submittedAt!) }) : s.status === 'draft' ? t('scoring.card.statusDraft') : t('scoring.card.statusNone');

  return (
    <section className="card score-card" aria-labelledby={`score-card-${recordingId}`}>
      <div className="score-card-head">
        <h2 id={`score-card-${recordingId}`}>{t('scoring.card.title')}</h2>
        {s.blind ? (
          <span className="badge badge--blind">{t('scoring.card.blindBadge', { name: s.roundName })}</span>
        ) : (
          <span className="badge badge--open" title={t('scoring.card.notBlindHelp')}>
            {t('scoring.card.notBlind')}
          </span>
        )}
      </div>
      {s.options.length > 1 && (
        <div className="field">
          <label htmlFor={`score-context-${recordingId}`}>{t('scoring.card.context')}</label>
          <select
            id={`score-context-${recordingId}`}
            value={optionValue(s.roundId)}
            onChange={(e) => setRoundId(e.target.value === 'practice' ? null : Number(e.target.value))}
          >
            {s.options.map((option) => (
              <option key={optionValue(option.roundId)} value={optionValue(option.roundId)}>
                {option.roundId === null
                  ? t('scoring.card.practice')
                  : t(option.revealed ? 'scoring.card.roundOptionRevealed' : 'scoring.card.roundOption', { name: option.roundName })}
              </option>
            ))}
          </select>
        </div>
      )}
      {!s.blind && <p className="help">{t('scoring.card.notBlindHelp')}</p>}
      <p className={`sheet-status sheet-status--${s.status}`} role="status">
        {statusText}
      </p>
      {s.lockReason && <p className="help">{s.lockReason}</p>}
      <p className="help">{t('scoring.card.keysHelp')}</p>

      {s.recording.caregivers.length === 0 && <p>{t('scoring.card.noCaregivers')}</p>}
      {s.recording.caregivers.map((caregiver) => (
        <fieldset key={caregiver.id} className="caregiver-scores">
          <legend>{caregiver.label}</legend>
          {SCALE_KEYS.map((scale) => {
            const score = scoreOf(caregiver.id, scale);
            const anchors = s.anchors.find((anchor) => anchor.scale === scale)!;
            const groupLabel = t('scoring.card.scaleGroup', { scale: t(`scoring.scales.${scale}`), caregiver: caregiver.label });
            return (
              <div key={scale} className="scale-block">
                <h3 className="scale-title">{t(`scoring.scalesLong.${scale}`)}</h3>
                <ScaleInput
                  label={groupLabel}
                  value={score?.value ?? null}
                  texts={anchors.texts}
                  disabled={s.locked}
                  onChange={(value) => save(caregiver.id, scale, { value })}
                />
                {score?.anchorVersion != null && score.value !== null && (
                  <p className="help anchor-version">{t('scoring.card.anchorVersion', { version: score.anchorVersion })}</p>
                )}
                <RationaleField
                  label={t('scoring.card.rationale', { scale: t(`scoring.scales.${scale}`), caregiver: caregiver.label })}
                  value={score?.rationale ?? ''}
                  disabled={s.locked}
                  onSave={(rationale) => save(caregiver.id, scale, { rationale })}
                  {...(onPlayFragment ? { onPlay: onPlayFragment } : {})}
                  {...(currentTimeMs ? { currentTimeMs } : {})}
                  fragments={citable}
                />
              </div>
            );
          })}
        </fieldset>
      ))}

      <ErrorMessage error={saveError ?? submit.error ?? reopen.error} />
      <div className="score-card-actions">
        {s.status !== 'submitted' && !s.revealed && (
          <>
            <button type="button" className="primary" disabled={submit.isPending} onClick={() => submit.mutate({ recordingId, roundId: s.roundId }, { onSuccess: show })}>
              {t('scoring.card.submit')}
            </button>
            <span className="help">{t('scoring.card.submitHelp')}</span>
          </>
        )}
        {s.status === 'submitted' && !s.revealed && !reopening && (
          <button type="button" onClick={() => setReopening(true)}>
            {t('scoring.card.reopen')}
          </button>
        )}
      </div>
      {reopening && (
        <form
          aria-label={t('scoring.card.reopen')}
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            reopen.mutate(
              { recordingId, roundId: s.roundId, reason },
              {
                onSuccess: (next) => {
                  show(next);
                  setReopening(false);
                  setReason('');
                },
              },
            );
          }}
        >
          <div className="field">
            <label htmlFor={`reopen-${recordingId}`}>{t('scoring.card.reopenReason')}</label>
            <input id={`reopen-${recordingId}`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="primary" disabled={reopen.isPending}>
            {t('scoring.card.reopenConfirm')}
          </button>
          <button type="button" onClick={() => setReopening(false)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      {s.history.length > 0 && (
        <details className="sheet-history">
          <summary>{t('scoring.card.history')}</summary>
          <ul>
            {s.history.map((event, index) => (
              <li key={index}>
                {event.kind === 'submitted'
                  ? t('scoring.card.historySubmitted', { at: when(event.at), name: event.raterName ?? '?' })
                  : t('scoring.card.historyReopened', { at: when(event.at), name: event.raterName ?? '?', reason: event.reason })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
