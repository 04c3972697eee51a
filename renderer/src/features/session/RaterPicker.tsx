import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RaterProfile } from '../../../../shared/domain/entities';
import { useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { RaterForm } from '../raters/RaterForm';
import { SignInForm } from './SignInForm';

export function RaterPicker({ needsFirstRater }: { needsFirstRater: boolean }) {
  const { t } = useTranslation();
  const raters = useApiQuery('raters.list', {});
  const [chosen, setChosen] = useState<RaterProfile | null>(null);

  return (
    <main className="picker" id="main">
      <h1>{t('session.whoAreYou')}</h1>
      {needsFirstRater ? (
        <section aria-labelledby="first-rater">
          <h2 id="first-rater">{t('session.firstRaterTitle')}</h2>
          <p>{t('session.firstRaterIntro')}</p>
          <RaterForm submitLabel={t('raters.create')} fixedRole="coordinator" />
        </section>
      ) : chosen ? (
        <section aria-label={chosen.name}>
          <h2>{chosen.name}</h2>
          <SignInForm rater={chosen} hasPin={chosen.hasPin} />
          <button type="button" className="link-button" onClick={() => setChosen(null)}>
            {t('session.back')}
          </button>
        </section>
      ) : (
        <>
          <p>{t('session.pickIntro')}</p>
          <ul className="picker-list" aria-label={t('raters.list')}>
            {(raters.data ?? []).map((rater) => (
              <li key={rater.id}>
                <button type="button" className="picker-button" onClick={() => setChosen(rater)}>
                  <span className="initials" aria-hidden="true">
                    {rater.initials}
                  </span>
                  {rater.name} <small>({t(`roles.${rater.role}`)})</small>
                </button>
              </li>
            ))}
          </ul>
          {raters.data?.length === 0 && <p>{t('session.noRaters')}</p>}
          <p className="help">{t('session.askCoordinator')}</p>
        </>
      )}
      <ErrorMessage error={raters.error} />
    </main>
  );
}
