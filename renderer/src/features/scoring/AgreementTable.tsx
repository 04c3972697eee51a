import { useTranslation } from 'react-i18next';
import { formatDecimal, formatStat } from '../../../../shared/domain/number-format';
import type { ScaleAgreement } from '../../../../shared/domain/scoring';
import type { Stat } from '../../../../shared/stats/stat-result';

function StatCell({ stat, percent = false }: { stat: Stat; percent?: boolean }) {
  const { t, i18n } = useTranslation();
  const text = formatStat(stat, { percent, language: i18n.language });
  if (!stat.ok || !text) {
    return (
      <td className="stat stat--na">
        {t('scoring.meeting.notComputableShort')}
        {!stat.ok && <small className="stat-reason">{stat.reason}</small>}
      </td>
    );
  }
  return (
    <td className="stat">
      {text.value}
      {text.interval && <small className="stat-ci"> {text.interval}</small>}
      {stat.warnings?.map((warning) => (
        <small key={warning.code} className="stat-reason">
          {warning.message}
        </small>
      ))}
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
                <small>{t('scoring.meeting.itemsN', { items: scale.itemCount, raters: scale.raterCount })}</small>
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
              scale.kappaLinearMean ? (
                <td key={scale.scale} className="stat">
                  {formatDecimal(scale.kappaLinearMean.value, 2, i18n.language)} <small>{t('scoring.meeting.kappaPairs', { pairs: scale.kappaLinearMean.pairs })}</small>
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
