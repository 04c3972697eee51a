import { useTranslation } from 'react-i18next';
import type { ScaleAgreementOverview } from '../../../../shared/api/areas/agreement-methods';
import { tooFewForDifference, tooFewItems } from '../../../../shared/stats/sample-size';
import { isPercentKey } from './format';
import { ReadingBadge, StatValue, TooFewItems } from './StatValue';

/** Agreement on voormeting clips next to nameting and follow-up clips, and the difference. */
export function BeforeAfter({ scale, headingId }: { scale: ScaleAgreementOverview; headingId: string }) {
  const { t } = useTranslation();
  const moments = scale.beforeAfter[0]?.groups ?? [];
  const differences = scale.beforeAfter[0]?.differences ?? [];
  return (
    <section className="agreement-block" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('agreement.beforeAfter.title')}</h3>
      <p className="help">{t('agreement.beforeAfter.help')}</p>
      <table className="table table--compact agreement-before-after">
        <thead>
          <tr>
            <th scope="col">{t('agreement.statistics.statistic')}</th>
            {moments.map((group) => (
              <th scope="col" key={group.moment}>
                {t(`moments.${group.moment}`)}
                <br />
                <small>{t('agreement.items', { count: group.itemCount })}</small>
              </th>
            ))}
            {differences.map((difference) => (
              <th scope="col" key={difference.to}>
                {t('agreement.beforeAfter.difference', { to: t(`moments.${difference.to}`) })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {scale.beforeAfter.map((comparison) => {
            const percent = isPercentKey(comparison.statistic);
            return (
              <tr key={comparison.statistic}>
                <th scope="row">{t(`agreement.stats.${comparison.statistic}`)}</th>
                {comparison.groups.map((group) => (
                  <td key={group.moment}>
                    {group.itemCount === 0 ? (
                      <span className="stat stat--na">
                        {t('agreement.notComputable')}
                        <small className="stat-reason">{t('agreement.beforeAfter.noClips')}</small>
                      </span>
                    ) : (
                      <>
                        <StatValue stat={group.stat} percent={percent} />
                        {!tooFewItems(group.stat) && (
                          <>
                            <br />
                            <ReadingBadge reading={group.reading} />
                          </>
                        )}
                      </>
                    )}
                  </td>
                ))}
                {comparison.differences.map((difference) => {
                  const pre = comparison.groups[0];
                  const later = comparison.groups.find((group) => group.moment === difference.to);
                  const empty = pre?.itemCount === 0 || later?.itemCount === 0;
                  // A difference is as readable as the smaller of its two groups.
                  const short = !empty && pre && later ? tooFewForDifference(pre.stat, later.stat) : null;
                  return (
                    <td key={difference.to} className="agreement-difference">
                      {empty ? (
                        <span className="stat stat--na">
                          {t('agreement.notComputable')}
                          <small className="stat-reason">{t('agreement.beforeAfter.noPair')}</small>
                        </span>
                      ) : short !== null ? (
                        <TooFewItems n={short} />
                      ) : (
                        <StatValue stat={difference.stat} percent={percent} signed />
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
