import { useTranslation } from 'react-i18next';
import { SCALE_KEYS } from '../../../../shared/domain/scales';
import type { ShownRecording } from '../../../../shared/domain/scoring';
import { useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';

/**
 * Other raters' submitted scores on a recording. The back end returns them only when no blind round
 * holds the recording; practice scores carry the "niet blind" mark.
 */
export function OtherScores({ recording }: { recording: ShownRecording }) {
  const { t } = useTranslation();
  const others = useApiQuery('scoring.forRecording', { recordingId: recording.id });
  return (
    <details className="card other-scores">
      <summary>{t('scoring.page.others')}</summary>
      <p className="help">{t('scoring.page.othersHelp')}</p>
      <ErrorMessage error={others.error} />
      {others.data?.length === 0 && <p>{t('scoring.page.othersNone')}</p>}
      {others.data && others.data.length > 0 && (
        <table className="table table--compact">
          <caption className="visually-hidden">{t('scoring.page.others')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scoring.page.rater')}</th>
              <th scope="col">{t('scoring.page.context')}</th>
              {recording.caregivers.flatMap((caregiver) =>
                SCALE_KEYS.map((scale) => (
                  <th scope="col" key={`${caregiver.id}-${scale}`}>
                    {caregiver.label}: {t(`scoring.scales.${scale}`)}
                  </th>
                )),
              )}
            </tr>
          </thead>
          <tbody>
            {others.data.map((sheet) => (
              <tr key={`${sheet.raterId}-${sheet.roundId ?? 'p'}`}>
                <th scope="row">{sheet.raterName}</th>
                <td>{sheet.blind ? sheet.roundName : <span className="badge badge--open">{t('scoring.card.notBlind')}</span>}</td>
                {recording.caregivers.flatMap((caregiver) =>
                  SCALE_KEYS.map((scale) => (
                    <td key={`${caregiver.id}-${scale}`} title={sheet.scores.find((s) => s.caregiverId === caregiver.id && s.scale === scale)?.rationale}>
                      {sheet.scores.find((s) => s.caregiverId === caregiver.id && s.scale === scale)?.value ?? '–'}
                    </td>
                  )),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
