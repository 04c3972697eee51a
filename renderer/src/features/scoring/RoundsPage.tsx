import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSession } from '../session/session-context';
import { formatDateTime } from './labels';
import './scoring.css';

/** A rater sees their own rounds and progress; a coordinator sees every round and can add one. */
export function RoundsPage() {
  const { t, i18n } = useTranslation();
  const { rater } = useSession();
  const rounds = useApiQuery('rounds.list', {});
  return (
    <section aria-labelledby="rounds-title">
      <div className="page-head">
        <h1 id="rounds-title">{t('scoring.rounds.title')}</h1>
        {rater.role === 'coordinator' && (
          <Link className="button" to="/rounds/new">
            {t('scoring.rounds.new')}
          </Link>
        )}
      </div>
      <ErrorMessage error={rounds.error} />
      <table className="table">
        <caption className="visually-hidden">{t('scoring.rounds.list')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scoring.rounds.name')}</th>
            <th scope="col">{t('scoring.rounds.heldOn')}</th>
            <th scope="col">{t('scoring.rounds.status')}</th>
            <th scope="col">{t('scoring.rounds.myProgress')}</th>
            <th scope="col">{t('scoring.rounds.progress')}</th>
          </tr>
        </thead>
        <tbody>
          {(rounds.data ?? []).map((round) => (
            <tr key={round.id}>
              <th scope="row">
                <Link to={`/rounds/${round.id}`}>{round.name}</Link> <small>({t(`scoring.rounds.kinds.${round.kind}`)})</small>
              </th>
              <td>{round.heldOn}</td>
              <td>
                {round.revealedAt ? (
                  t('scoring.rounds.statusRevealed', { at: formatDateTime(round.revealedAt, i18n.language) })
                ) : (
                  <span className="badge badge--blind">{t('scoring.rounds.statusOpen')}</span>
                )}
              </td>
              <td>{round.mine.assigned ? t('scoring.rounds.myProgressValue', round.mine) : t('scoring.rounds.notAssigned')}</td>
              <td>
                <progress max={round.expectedCount} value={round.submittedCount} aria-label={t('scoring.rounds.progress')} />{' '}
                {t('scoring.rounds.allProgress', { submitted: round.submittedCount, expected: round.expectedCount })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rounds.data?.length === 0 && <p>{t('scoring.rounds.none')}</p>}
    </section>
  );
}
