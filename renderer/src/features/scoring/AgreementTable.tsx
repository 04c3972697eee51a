import { useTranslation } from 'react-i18next';
import type { ScaleAgreement } from '../../../../shared/domain/scoring';
import { tooFewItemsIn } from '../../../../shared/stats/sample-size';
import type { Stat } from '../../../../shared/stats/stat-result';
import { formatStatValue } from '../agreement/format';
import { StatValue, TooFewItems } from '../agreement/StatValue';

/**
 * One figure as the agreement page shows it (Dutch decimal comma, its interval, "te weinig items
 * (n = …)" below the minimum of shared/stats/sample-size.ts): a meeting rarely has ten items, and
 * the minutes must not print a word or an interval for fewer.
 */
function StatCell({ stat, percent = false }: { stat: Stat; percent?: boolean }) {
  return (
    <td className="stat">
      <StatValue stat={stat} percent={percent} />
    </td>
  );
}

/** The round's agreement figures (shared/stats), per scale; blind, submitted round scores only. */
export function AgreementTable({ agreement }: { agreement: ScaleAgreement[] }) {
  const { t, i18n } = useTranslation();
  if (agreement.length === 0) return null;
  return (
    <section aria-labelledby="agreement-title" className="card agreement">
      <h2 id="agreement-title">{t('scoring.meeting.agreement')}</h2>
      <p className="help">{t('scoring.meeting.agreementHelp')}</p>
      <table className="table table--compact">
        <caption className="visually-hidden">{t('scoring.meeting.agreement')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scoring.meeting.stat')}</th>
            {agreement.map((scale) => (
              <th scope="col" key={scale.scale}>
                {t(`scoring.scales.${scale.scale}`)}
                <br />
                <small>{t('scoring.meeting.itemsN', { items: t('counts.parts', { count: scale.itemCount }), raters: t('counts.raters', { count: scale.raterCount }) })}</small>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('scoring.meeting.icc')}</th>
            {agreement.map((scale) => (
              <StatCell key={scale.scale} stat={scale.icc} />
            ))}
          </tr>
          <tr>
            <th scope="row">{t('scoring.meeting.kappa')}</th>
            {agreement.map((scale) =>
              scale.kappaLinearMean && tooFewItemsIn(scale.kappaLinearMean.n) ? (
                <td key={scale.scale} className="stat">
                  <TooFewItems n={scale.kappaLinearMean.n} />
                </td>
              ) : scale.kappaLinearMean ? (
                <td key={scale.scale} className="stat">
                  {formatStatValue(scale.kappaLinearMean.value, i18n.language, false)}{' '}
                  <small>{t('scoring.meeting.kappaPairs', { pairs: scale.kappaLinearMean.pairs })}</small>
                </td>
              ) : (
                <td key={scale.scale} className="stat stat--na">
                  {t('scoring.meeting.notComputableShort')}
                  <small className="stat-reason">{scale.kappaNotComputable}</small>
                </td>
              ),
            )}
          </tr>
          <tr>
            <th scope="row">{t('scoring.meeting.alphaOrdinal')}</th>
            {agreement.map((scale) => (
              <StatCell key={scale.scale} stat={scale.alphaOrdinal} />
            ))}
          </tr>
          <tr>
            <th scope="row">{t('scoring.meeting.alphaInterval')}</th>
            {agreement.map((scale) => (
              <StatCell key={scale.scale} stat={scale.alphaInterval} />
            ))}
          </tr>
          <tr>
            <th scope="row">{t('scoring.meeting.exact')}</th>
            {agreement.map((scale) => (
              <StatCell key={scale.scale} stat={scale.percentExact} percent />
            ))}
          </tr>
          <tr>
            <th scope="row">{t('scoring.meeting.within1')}</th>
            {agreement.map((scale) => (
              <StatCell key={scale.scale} stat={scale.percentWithin1} percent />
            ))}
          </tr>
        </tbody>
      </table>
    </section>
  );
}
