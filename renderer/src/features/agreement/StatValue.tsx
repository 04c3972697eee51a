import { useTranslation } from 'react-i18next';
import type { AgreementReading } from '../../../../shared/api/areas/agreement-methods';
import { MIN_ITEMS, tooFewItems } from '../../../../shared/stats/sample-size';
import type { Stat } from '../../../../shared/stats/stat-result';
import { formatStatValue, intervalOf } from './format';

/** "te weinig items (n = 2)": said instead of a value, an interval and a word below MIN_ITEMS. */
export function TooFewItems({ n }: { n: number }) {
  const { t } = useTranslation();
  return (
    <span className="stat stat--few" title={t('agreement.tooFewItemsWhy', { min: MIN_ITEMS })}>
      {t('agreement.tooFewItems', { n })}
    </span>
  );
}

/**
 * A value with its interval; "te weinig items (n = …)" when it rests on too few items to be read
 * (shared/stats/sample-size.ts); or "niet te berekenen" with the Dutch reason from shared/stats.
 */
export function StatValue({ stat, percent = false, signed = false }: { stat: Stat; percent?: boolean; signed?: boolean }) {
  const { t, i18n } = useTranslation();
  if (tooFewItems(stat)) return <TooFewItems n={stat.n} />;
  if (!stat.ok) {
    return (
      <span className="stat stat--na">
        {t('agreement.notComputable')}
        <small className="stat-reason">{stat.reason}</small>
      </span>
    );
  }
  const show = (value: number) => {
    const text = formatStatValue(value, i18n.language, percent);
    return signed && value > 0 ? `+${text}` : text;
  };
  const interval = intervalOf(stat);
  return (
    <span className="stat">
      <strong>{show(stat.value)}</strong>
      {interval && (
        <small className="stat-ci" title={t(`agreement.interval.${interval.kind}`)}>
          {' '}
          [{show(interval.lower)}; {show(interval.upper)}]
        </small>
      )}
      {stat.warnings?.map((warning) => (
        <small key={warning.code} className="stat-reason">
          {warning.message}
        </small>
      ))}
    </span>
  );
}

export function ReadingBadge({ reading }: { reading: AgreementReading }) {
  const { t } = useTranslation();
  if (reading.level === null) return <span className="help">–</span>;
  return (
    <span className={`reading reading--${reading.level}`}>
      {t(`agreement.levels.${reading.level}`)} <small>({t(`agreement.schemes.${reading.scheme}`)})</small>
    </span>
  );
}
