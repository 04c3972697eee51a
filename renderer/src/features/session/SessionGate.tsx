import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/domain/entities';
import { useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { RaterPicker } from './RaterPicker';
import { SessionContext } from './session-context';

/** Nothing of a family is shown before someone has said who they are. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useApiQuery('session.get', {});
  useEffect(() => {
    if (session.data) document.getElementById('root')?.setAttribute('data-app-state', 'ready');
  }, [session.data]);

  if (session.error) return <ErrorMessage error={session.error} />;
  if (!session.data) return <p role="status">{t('app.loading')}</p>;
  const info: SessionInfo = session.data;
  if (!info.rater) return <RaterPicker needsFirstRater={info.needsFirstRater} />;
  return <SessionContext.Provider value={{ ...info, rater: info.rater }}>{children}</SessionContext.Provider>;
}
