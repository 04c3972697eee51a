import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api-context';

/**
 * Shown on every page (also before someone has said who they are) while the back end has the
 * database open read-only because the start-up integrity check failed or the access log's key is missing. It reads the same
 * session.get query as the session gate, so it costs no extra call. The link is a plain hash link
 * because the banner sits outside the router.
 */
export function ReadOnlyBanner() {
  const { t } = useTranslation();
  const session = useApiQuery('session.get', {});
  const readOnly = session.data?.readOnly;
  if (!readOnly) return null;
  return (
    <div role="alert" className="read-only-banner" data-testid="read-only-banner">
      <p>
        {readOnly.reason === 'log_key_missing' ? (
          <>
            <strong>{t('privacy.readOnly.keyTitle')}</strong> {t('privacy.readOnly.keyBody')}
          </>
        ) : (
          <>
            <strong>{t('privacy.readOnly.title')}</strong> {t('privacy.readOnly.body')}
          </>
        )}
      </p>
      {readOnly.restoreStaged ? (
        <p>
          <strong>{t('privacy.readOnly.staged')}</strong>
        </p>
      ) : (
        <p>
          <a className="button" href="#/access-log">
            {t('privacy.readOnly.restore')}
          </a>
        </p>
      )}
      <details>
        <summary>{t('privacy.readOnly.details')}</summary>
        <p lang="en">{readOnly.detail}</p>
      </details>
    </div>
  );
}
