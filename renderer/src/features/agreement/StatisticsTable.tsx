import { useTranslation } from 'react-i18next';
import type { ScaleAgreementOverview } from '../../../../shared/api/areas/agreement-methods';
import { tooFewItems } from '../../../../shared/stats/sample-size';
import { formatStatValue, isPercentKey } from './format';
import { ReadingBadge, StatValue } from './StatValue';

/**
 * Every statistic of one scale: value, interval, reading in words, and the missing-data rule; and,
 * when Fleiss' kappa and Krippendorff's alpha disagree strongly, one sentence on why.
 */
export function StatisticsTable({ scale }: { scale: ScaleAgreementOverview }) {
  const { t, i18n } = useTranslation();
  const scaleName = t(`scoring.scales.${scale.scale}`);
  const contrast = scale.contrast;
  return (
    <>
      <table className="table table--compact agreement-stats">
        <caption>{t('agreement.statistics.caption', { scale: scaleName, items: t('counts.items', { count: scale.itemCount }), raters: t('counts.raters', { count: scale.raterCount }) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agreement.statistics.statistic')}</th>
            <th scope="col">{t('agreement.statistics.value')}</th>
            <th scope="col">{t('agreement.statistics.reading')}</th>
            <th scope="col">{t('agreement.statistics.rule')}</th>
          </tr>
        </thead>
        <tbody>
          {scale.statistics.map((row) => (
            <tr key={row.key}>
              <th scope="row">
                {t(`agreement.stats.${row.key}`)}
                <small className="help stat-help">{t(`agreement.statHelp.${row.key}`)}</small>
              </th>
              <td>
                <StatValue stat={row.stat} percent={isPercentKey(row.key)} />
                {row.stat.ok && !tooFewItems(row.stat) && <small className="help stat-n">n = {row.stat.n}</small>}
              </td>
              <td>
                <ReadingBadge reading={row.reading} />
              </td>
              <td className="help">{row.missingDataRule}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {contrast && (
        <p className="agreement-contrast" role="note">
          {t(contrast.kind === 'near-misses' ? 'agreement.contrast.nearMisses' : 'agreement.contrast.wideMisses', {
            kappa: formatStatValue(contrast.fleissKappa.value, i18n.language, false),
            kappaN: contrast.fleissKappa.n,
            alpha: formatStatValue(contrast.alphaOrdinal.value, i18n.language, false),
            alphaN: contrast.alphaOrdinal.n,
          })}
        </p>
      )}
    </>
  );
}
