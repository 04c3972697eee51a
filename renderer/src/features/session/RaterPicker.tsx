import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { RaterForm } from '../raters/RaterForm';

export function RaterPicker({ needsFirstRater }: { needsFirstRater: boolean }) {
  const { t } = useTranslation();
  const raters = useApiQuery('raters.list', {});
  const select = useApiMutation('session.selectRater');

  return (
    <main className="picker" id="main">
      <h1>{t('session.whoAreYou')}</h1>
      {needsFirstRater ? (
        <section aria-labelledby="first-rater">
          <h2 id="first-rater">{t('session.firstRaterTitle')}</h2>
          <p>{t('session.firstRaterIntro')}</p>
          <RaterForm submitLabel={t('raters.create')} fixedRole="coordinator" />
        </section>
      ) : (
        <>
          <p>{t('session.pickIntro')}</p>
          <ul className="picker-list" aria-label={t('raters.list')}>
            {(raters.data ?? []).map((rater) => (
              <li key={rater.id}>
                <button type="button" className="picker-button" onClick={() => select.mutate({ raterId: rater.id })}>
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
      <ErrorMessage error={select.error ?? raters.error} />
    </main>
  );
}
