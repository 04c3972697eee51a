import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';

export function AccessLogTable({ familyId }: { familyId: number }) {
  const { t } = useTranslation();
  const log = useApiQuery('accessLog.forFamily', { familyId });

  return (
    <section aria-labelledby="access-log-title" className="card">
      <h2 id="access-log-title">{t('accessLog.title')}</h2>
      <ErrorMessage error={log.error} />
      <table className="table table--compact">
        <caption className="visually-hidden">{t('accessLog.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('accessLog.when')}</th>
            <th scope="col">{t('accessLog.who')}</th>
            <th scope="col">{t('accessLog.action')}</th>
            <th scope="col">{t('accessLog.outcome')}</th>
            <th scope="col">{t('accessLog.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {(log.data ?? []).map((entry) => (
            <tr key={entry.id}>
              <td>{entry.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</td>
              <td>{entry.raterName ?? '—'}</td>
              <td>{entry.action}</td>
              <td>{t(`outcomes.${entry.outcome}`)}</td>
              <td>{entry.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {log.data?.length === 0 && <p>{t('accessLog.none')}</p>}
    </section>
  );
}
