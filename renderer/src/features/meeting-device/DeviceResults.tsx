import { useTranslation } from 'react-i18next';
import type { MeetingItem } from '../../../../shared/domain/scoring';
import { formatNumber, itemTitle } from '../scoring/MeetingItemCard';

/** After the reveal a device shows what the projector shows: every score per item, the largest difference first. */
export function DeviceResults({ items }: { items: MeetingItem[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="device-results">
      <h2 id="device-results">{t('meetingDevice.results')}</h2>
      <p role="status">{t('meetingDevice.resultsIntro')}</p>
      <ol className="device-results">
        {items.map((item) => {
          const title = itemTitle(t, item);
          return (
            <li key={`${item.recordingId}-${item.caregiverId}-${item.scale}`}>
              <article className="card" aria-label={title}>
                <h3>
                  {title}
                  {item.spread !== null && <span className="spread-badge">{t('scoring.meeting.spreadValue', { spread: item.spread })}</span>}
                </h3>
                <table className="device-result-table">
                  <caption className="visually-hidden">{t('meetingDevice.resultsOf', { item: title })}</caption>
                  <tbody>
                    {item.scores.map((score) => (
                      <tr key={score.raterId}>
                        <th scope="row">{score.raterName}</th>
                        <td>{score.value}</td>
                      </tr>
                    ))}
                    <tr className="summary-row">
                      <th scope="row">{t('scoring.meeting.median')}</th>
                      <td>{formatNumber(item.median)}</td>
                    </tr>
                  </tbody>
                </table>
                {item.consensus && <p className="device-consensus">{t('meetingDevice.consensus', { value: item.consensus.value })}</p>}
              </article>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
