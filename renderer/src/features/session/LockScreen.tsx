import { useTranslation } from 'react-i18next';
import type { Rater } from '../../../../shared/domain/entities';
import { useApiMutation } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SignInForm } from './SignInForm';

/** Shown instead of the app while the workstation is locked: nothing of a family stays on screen. */
export function LockScreen({ profile }: { profile: Rater }) {
  const { t } = useTranslation();
  const signOut = useApiMutation('session.signOut');
  return (
    <main className="picker" id="main">
      <h1>{t('session.lockedTitle')}</h1>
      <p>{t('session.lockedIntro', { name: profile.name })}</p>
      <SignInForm rater={profile} />
      <button type="button" className="link-button" onClick={() => signOut.mutate({})}>
        {t('session.otherRater')}
      </button>
      <ErrorMessage error={signOut.error} />
    </main>
  );
}
