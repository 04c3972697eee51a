import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useSession } from '../session/session-context';

/** "Logboek en back-up" in the main menu, for coordinators only. */
export function PrivacyNav() {
  const { t } = useTranslation();
  const { rater } = useSession();
  if (rater.role !== 'coordinator') return null;
  return <NavLink to="/access-log">{t('privacy.nav')}</NavLink>;
}
