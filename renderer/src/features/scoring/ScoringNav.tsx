import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The scoring feature's entries in the main menu. */
export function ScoringNav() {
  const { t } = useTranslation();
  return (
    <>
      <NavLink to="/rounds">{t('scoring.nav.rounds')}</NavLink>
      <NavLink to="/scoring/practice">{t('scoring.nav.practice')}</NavLink>
      <NavLink to="/scoring/anchors">{t('scoring.nav.anchors')}</NavLink>
    </>
  );
}
