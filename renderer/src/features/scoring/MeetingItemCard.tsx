import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatScore } from '../../../../shared/domain/number-format';
import type { AnchorTexts } from '../../../../shared/domain/scales';
import type { Meeting, MeetingItem, RaterName } from '../../../../shared/domain/scoring';
import { useApi } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ApiError } from '../../../../shared/api/envelope';
import { CitationText } from './CitationText';
import { RationaleField } from './RationaleField';
import { ScaleInput } from './ScaleInput';

/** A median: 6, or 3,5 (3.5 on an English screen). */
export const formatNumber = (value: number | null, language = 'nl') => formatScore(value, language);

export function itemTitle(t: TFunction, item: MeetingItem): string {
  return t('scoring.meeting.item', {
    code: item.familyCode,
    date: item.recordedOn,
    moment: t(`scoring.moments.${item.moment}`),
    caregiver: item.caregiverLabel,
    scale: t(`scoring.scales.${item.scale}`),
  });
}

interface MeetingItemCardProps {
  roundId: number;
  item: MeetingItem;
  raters: RaterName[];
  texts: AnchorTexts | undefined;
  canEdit: boolean;
  onChanged: (meeting: Meeting) => void;
  onPlay: (recordingId: number, startMs: number) => void;
}

/** One agenda item on the projector: every rater's score side by side, median and range, the discussion and the consensus. */
export function MeetingItemCard({ roundId, item, raters, texts, canEdit, onChanged, onPlay }: MeetingItemCardProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const title = itemTitle(t, item);
  const [value, setValue] = useState<number | null>(item.consensus?.value ?? null);
  const [agreed, setAgreed] = useState<number[]>(item.consensus ? item.consensus.agreedBy.map((r) => r.id) : raters.map((r) => r.id));
  const [error, setError] = useState<ApiError | null>(null);
  // The anchor version is worth a mention only when raters saw different texts.
  const versions = new Set(item.scores.map((score) => score.anchorVersion));
  const ref = { roundId, recordingId: item.recordingId, caregiverId: item.caregiverId, scale: item.scale };

  const setConsensus = async (next: number | null, agreedBy: number[]) => {
    try {
      onChanged(await api.call('rounds.setConsensus', { ...ref, value: next, agreedBy }));
      setError(null);
    } catch (e) {
      if (e instanceof ApiError) setError(e);
    }
  };

  return (
    <article className={`card meeting-item${item.spread !== null && item.spread >= 3 ? ' meeting-item--wide' : ''}`} aria-label={title}>
      <header className="meeting-item-head">
        <h3>{title}</h3>
        {item.spread !== null && <span className="spread-badge">{t('scoring.meeting.spreadValue', { spread: item.spread })}</span>}
      </header>
      {item.scores.length === 0 ? (
        <p>{t('scoring.meeting.noScores')}</p>
      ) : (
        <table className="meeting-scores">
          <caption className="visually-hidden">{t('scoring.meeting.scoresOf', { item: title })}</caption>
          <thead>
            <tr>
              {item.scores.map((score) => (
                <th scope="col" key={score.raterId}>
                  {score.raterName}
                </th>
              ))}
              <th scope="col" className="summary-col">
                {t('scoring.meeting.median')}
              </th>
              <th scope="col" className="summary-col">
                {t('scoring.meeting.range')}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              {item.scores.map((score) => (
                <td key={score.raterId} className={`score-value score-value--${score.value}`}>
                  {score.value}
                </td>
              ))}
              <td className="summary-col score-value">{formatNumber(item.median, i18n.language)}</td>
              <td className="summary-col score-value">{t('scoring.meeting.rangeValue', { min: item.min, max: item.max })}</td>
            </tr>
          </tbody>
        </table>
      )}
      {item.scores.some((score) => score.rationale.trim()) && (
        <details className="rationales">
          <summary>{t('scoring.meeting.rationales')}</summary>
          <ul>
            {item.scores
              .filter((score) => score.rationale.trim())
              .map((score) => (
                <li key={score.raterId}>
                  <strong>{score.raterName}:</strong> <CitationText text={score.rationale} onPlay={(ms) => onPlay(item.recordingId, ms)} />
                  {versions.size > 1 && score.anchorVersion !== null && <small> ({t('scoring.card.anchorVersion', { version: score.anchorVersion })})</small>}
                </li>
              ))}
          </ul>
        </details>
      )}

      {canEdit ? (
        <RationaleField
          label={t('scoring.meeting.discussionShort')}
          labelDetail={title}
          value={item.discussion}
          disabled={false}
          onSave={async (discussion) => onChanged(await api.call('rounds.saveDiscussion', { ...ref, discussion }))}
          onPlay={(ms) => onPlay(item.recordingId, ms)}
        />
      ) : (
        item.discussion && (
          <p className="discussion">
            <strong>{t('scoring.meeting.discussionShort')}:</strong> <CitationText text={item.discussion} onPlay={(ms) => onPlay(item.recordingId, ms)} />
          </p>
        )
      )}

      {item.consensus && (
        <p className="consensus-recorded" role="status">
          {t('scoring.meeting.consensusRecorded', {
            value: item.consensus.value,
            name: item.consensus.byName ?? '?',
            names: item.consensus.agreedBy.map((r) => r.name).join(', ') || t('scoring.rounds.nobody'),
          })}
        </p>
      )}
      {canEdit && texts && (
        <form
          className="consensus-form"
          aria-label={t('scoring.meeting.consensusFor', { item: title })}
          onSubmit={(e) => {
            e.preventDefault();
            void setConsensus(value, agreed);
          }}
        >
          <ScaleInput label={t('scoring.meeting.consensusFor', { item: title })} value={value} texts={texts} disabled={false} onChange={setValue} />
          <fieldset className="agreed-by">
            <legend>{t('scoring.meeting.agreedBy')}</legend>
            {raters.map((rater) => (
              <label key={rater.id} className="checkbox-inline">
                <input
                  type="checkbox"
                  checked={agreed.includes(rater.id)}
                  onChange={() => setAgreed(agreed.includes(rater.id) ? agreed.filter((id) => id !== rater.id) : [...agreed, rater.id])}
                />{' '}
                {rater.name}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="primary">
            {t('scoring.meeting.saveConsensus')}
          </button>
          {item.consensus && (
            <button type="button" onClick={() => void setConsensus(null, [])}>
              {t('scoring.meeting.clearConsensus')}
            </button>
          )}
          <ErrorMessage error={error} />
        </form>
      )}
    </article>
  );
}
