import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useSession } from '../session/session-context';

/** "Team" in the main menu, for coordinators: raters stay blind to earlier scores of families. */
export function TrendsNav() {
  const { t } = useTranslation();
  const { rater } = useSession();
  if (rater.role !== 'coordinator') return null;
  return <NavLink to="/team">{t('trends.nav')}</NavLink>;
}
