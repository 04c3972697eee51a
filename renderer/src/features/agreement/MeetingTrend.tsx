import { useTranslation } from 'react-i18next';
import type { MeetingPoint } from '../../../../shared/api/areas/agreement-methods';
import { MIN_ITEMS, tooFewItems } from '../../../../shared/stats/sample-size';
import { formatStatValue } from './format';
import { MeetingTrendChart } from './MeetingTrendChart';
import { StatValue } from './StatValue';

/**
 * ICC(2,1) per round or meeting over time: a line with its interval band, and the table. A round
 * with too few items says so in the table and stays off the line, which would otherwise draw a
 * trend through figures that cannot be read.
 */
export function MeetingTrend({ points, color, headingId }: { points: readonly MeetingPoint[]; color: string; headingId: string }) {
  const { t, i18n } = useTranslation();
  const formatDate = (date: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  const readable = points.filter((p) => p.icc.ok && !tooFewItems(p.icc));
  const summary = t('agreement.meetings.summary', {
    count: readable.length,
    list: readable.map((p) => `${formatDate(p.heldOn)}: ${p.icc.ok ? formatStatValue(p.icc.value, i18n.language, false) : ''}`).join('; '),
  });
  return (
    <section className="agreement-block" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('agreement.meetings.title')}</h3>
      <p className="help">{t('agreement.meetings.help')}</p>
      {points.length === 0 ? (
        <p className="help">{t('agreement.meetings.none')}</p>
      ) : (
        <div className="agreement-two">
          {readable.length > 0 ? (
            <MeetingTrendChart
              points={readable}
              color={color}
              summary={summary}
              formatDate={formatDate}
              formatValue={(value) => formatStatValue(value, i18n.language, false)}
            />
          ) : (
            <p className="help">{t('agreement.meetings.noneReadable', { min: MIN_ITEMS })}</p>
          )}
          <table className="table table--compact">
            <caption className="visually-hidden">{t('agreement.meetings.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agreement.meetings.meeting')}</th>
                <th scope="col">{t('agreement.stats.ICC2')}</th>
                <th scope="col">n</th>
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.roundId}>
                  <th scope="row">
                    {point.name} <small className="help">{formatDate(point.heldOn)}</small>
                  </th>
                  <td>
                    <StatValue stat={point.icc} />
                  </td>
                  <td>{point.itemCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
