import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api-context';
import { AccessLogEntries } from '../../components/AccessLogEntries';
import { ErrorMessage } from '../../components/ErrorMessage';

export function AccessLogTable({ familyId }: { familyId: number }) {
  const { t } = useTranslation();
  const log = useApiQuery('accessLog.forFamily', { familyId });

  return (
    <section aria-labelledby="access-log-title" className="card">
      <h2 id="access-log-title">{t('accessLog.title')}</h2>
      <ErrorMessage error={log.error} />
      {log.data && <AccessLogEntries rows={log.data} caption={t('accessLog.title')} />}
    </section>
  );
}
