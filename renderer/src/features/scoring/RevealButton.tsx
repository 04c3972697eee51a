import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoundDetail } from '../../../../shared/domain/scoring';
import { useApiMutation } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';

/** The coordinator's reveal; asks first when not everyone has submitted, because drafts then stay out for good. */
export function RevealButton({ round }: { round: RoundDetail }) {
  const { t } = useTranslation();
  const reveal = useApiMutation('rounds.reveal');
  const [confirming, setConfirming] = useState(false);
  if (round.revealedAt) return null;
  const complete = round.submittedCount === round.expectedCount;
  return (
    <div className="reveal">
      {confirming ? (
        <div role="alertdialog" aria-label={t('scoring.rounds.reveal')} className="confirm">
          <p>{t('scoring.rounds.revealConfirm', { submitted: round.submittedCount, expected: round.expectedCount })}</p>
          <button type="button" className="primary" onClick={() => reveal.mutate({ roundId: round.id }, { onSuccess: () => setConfirming(false) })}>
            {t('scoring.rounds.revealNow')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="primary" onClick={() => (complete ? reveal.mutate({ roundId: round.id }) : setConfirming(true))}>
          {t('scoring.rounds.reveal')}
        </button>
      )}
      <ErrorMessage error={reveal.error} />
    </div>
  );
}
