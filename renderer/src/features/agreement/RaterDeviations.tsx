import { useTranslation } from 'react-i18next';
import type { RaterDeviation } from '../../../../shared/api/areas/agreement-methods';
import { tooFewItemsIn } from '../../../../shared/stats/sample-size';
import { formatSigned } from './format';
import type { HeatmapRater } from './KappaHeatmap';
import { RaterDeviationChart } from './RaterDeviationChart';
import { TooFewItems } from './StatValue';

export const RATER_COLORS = ['#1f6f78', '#b35c00', '#6a4c93', '#2e7d32', '#a4262c', '#3b6fb6', '#8a6d00', '#5b6673'];

/** Who scores systematically higher or lower: mean own score minus the reference, over time. */
export function RaterDeviations({ raters, deviations, headingId }: { raters: readonly HeatmapRater[]; deviations: readonly RaterDeviation[]; headingId: string }) {
  const { t, i18n } = useTranslation();
  const nameOf = (id: number) => raters.find((r) => r.id === id)?.name ?? `#${id}`;
  const direction = (mean: number | null) =>
    mean === null ? '–' : mean >= 0.5 ? t('agreement.deviation.higher') : mean <= -0.5 ? t('agreement.deviation.lower') : t('agreement.deviation.inLine');
  const formatMonth = (month: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
  const series = deviations.map((d, i) => ({ name: nameOf(d.raterId), color: RATER_COLORS[i % RATER_COLORS.length]!, points: d.months }));
  const summary = t('agreement.deviation.summary', {
    list: deviations.map((d) => `${nameOf(d.raterId)} ${d.mean === null ? '–' : formatSigned(d.mean, i18n.language)}`).join(', '),
  });
  return (
    <section className="agreement-block" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('agreement.deviation.title')}</h3>
      <p className="help">{t('agreement.deviation.help')}</p>
      {deviations.length === 0 ? (
        <p className="stat stat--na">
          {t('agreement.notComputable')}
          <small className="stat-reason">{t('agreement.deviation.none')}</small>
        </p>
      ) : (
        <div className="agreement-two">
          <RaterDeviationChart series={series} summary={summary} formatMonth={formatMonth} />
          <table className="table table--compact">
            <caption className="visually-hidden">{t('agreement.deviation.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agreement.deviation.rater')}</th>
                <th scope="col">{t('agreement.deviation.mean')}</th>
                <th scope="col">n</th>
                <th scope="col">{t('agreement.deviation.reading')}</th>
              </tr>
            </thead>
            <tbody>
              {deviations.map((d) => (
                <tr key={d.raterId}>
                  <th scope="row">{nameOf(d.raterId)}</th>
                  <td>{d.mean === null ? '–' : formatSigned(d.mean, i18n.language)}</td>
                  <td>
                    {d.n}
                    {d.againstConsensus > 0 && <small className="help"> ({t('agreement.deviation.consensusCount', { count: d.againstConsensus })})</small>}
                  </td>
                  {/* "scoort hoger" on two items would be a verdict on a coincidence. */}
                  <td>{tooFewItemsIn(d.n) ? <TooFewItems n={d.n} /> : direction(d.mean)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
