import { useTranslation } from 'react-i18next';
import { accessActionName, splitVia } from '../../../shared/domain/access-actions';
import type { AccessLogEntry } from '../../../shared/domain/entities';
import { formatLocalDateTime, systemTimeZone } from '../../../shared/domain/local-time';

/**
 * Access-log rows as a privacy officer reads them: the time in this computer's zone, who (and the
 * device, when the row came through one), the action in words (the stored code as a tooltip), the
 * outcome. The family column only where rows span families.
 */
export function AccessLogEntries({ rows, caption, showFamily = false }: { rows: AccessLogEntry[]; caption: string; showFamily?: boolean }) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <p>{t('accessLog.none')}</p>;
  const zone = systemTimeZone();
  return (
    <table className="table table--compact access-log-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('accessLog.when')}</th>
          <th scope="col">{t('accessLog.who')}</th>
          {showFamily && <th scope="col">{t('privacy.overview.family')}</th>}
          <th scope="col">{t('accessLog.action')}</th>
          <th scope="col">{t('accessLog.outcome')}</th>
          <th scope="col">{t('accessLog.detail')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((entry) => {
          const { detail, via } = splitVia(entry.detail);
          return (
            <tr key={entry.id}>
              <td className="nowrap">
                <time dateTime={entry.at}>{formatLocalDateTime(entry.at, zone, i18n.language)}</time>
              </td>
              <td>
                {entry.raterName ?? '—'}
                {via && <span className="help"> {t('accessLog.via', { device: via })}</span>}
              </td>
              {showFamily && <td className="nowrap">{entry.familyCode ?? '—'}</td>}
              <td title={entry.action}>{accessActionName(entry.action, i18n.language)}</td>
              <td>{t(`outcomes.${entry.outcome}`)}</td>
              <td className="access-log-detail">{detail}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
