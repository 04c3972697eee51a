import { useEffect } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../api/api-context';
import { JobsPanel } from '../features/media-jobs/JobsPanel';
import { useSession } from '../features/session/session-context';
import { PrivacyNav } from '../features/privacy/PrivacyNav';
import { AgreementNav } from '../features/agreement/AgreementNav';
import { ScoringNav } from '../features/scoring/ScoringNav';
import { TrendsNav } from '../features/trends/TrendsNav';
import { LanguageSelect } from '../components/LanguageSelect';
import { EvaluationNav } from '../features/evaluation/evaluation-routes';

export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const signOut = useApiMutation('session.signOut');
  const lock = useApiMutation('session.lock');
  const lockNow = lock.mutate;
  // Walking away from a shared machine should take one keystroke.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey && event.shiftKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        lockNow({});
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lockNow]);

  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('app.mainNav')}>
          <NavLink to="/families">{t('nav.families')}</NavLink>
          <NavLink to="/raters">{t('nav.raters')}</NavLink>
          <NavLink to="/tags">{t('fragmentsUi.nav')}</NavLink>
          {/* — scoring nav — */}
          <ScoringNav />
          {/* — trends nav — */}
          <TrendsNav />
          {/* — privacy nav — */}
          <PrivacyNav />
          <AgreementNav />
          <EvaluationNav />
        </nav>
        <div className="topbar-right">
          <JobsPanel />
          <span className="active-rater">
            {t('session.activeAs')} <strong>{session.rater.name}</strong> ({t(`roles.${session.rater.role}`)})
          </span>
          <button type="button" onClick={() => lock.mutate({})} aria-keyshortcuts="Control+Shift+L" title={t('session.lockShortcut')}>
            {t('session.lock')}
          </button>
          <button type="button" onClick={() => signOut.mutate({})}>
            {t('session.switch')}
          </button>
          <LanguageSelect />
        </div>
      </header>
      <main id="main" className="content">
        <Outlet />
      </main>
    </div>
  );
}
