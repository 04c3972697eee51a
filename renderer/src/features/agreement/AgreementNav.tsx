import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useSession } from '../session/session-context';

/** The agreement page in the main menu; the page is for coordinators (METHOD_POLICIES). */
export function AgreementNav() {
  const { t } = useTranslation();
  const { rater } = useSession();
  if (rater.role !== 'coordinator') return null;
  return <NavLink to="/agreement">{t('agreement.nav')}</NavLink>;
}
