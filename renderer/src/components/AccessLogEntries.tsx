import { useTranslation } from 'react-i18next';
import type { AccessLogEntry } from '../../../shared/domain/entities';

/** Access-log rows as a table (UTC, as stored); the family column only where rows span families. */
export function AccessLogEntries({ rows, caption, showFamily = false }: { rows: AccessLogEntry[]; caption: string; showFamily?: boolean }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p>{t('accessLog.none')}</p>;
  return (
    <table className="table table--compact">
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
        {rows.map((entry) => (
          <tr key={entry.id}>
            <td>{entry.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</td>
            <td>{entry.raterName ?? '—'}</td>
            {showFamily && <td>{entry.familyCode ?? '—'}</td>}
            <td>{entry.action}</td>
            <td>{t(`outcomes.${entry.outcome}`)}</td>
            <td>{entry.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
