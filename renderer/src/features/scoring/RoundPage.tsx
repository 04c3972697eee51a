import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSession } from '../session/session-context';
import { caregiverList, formatDateTime, recordingLabel } from './labels';
import { RevealButton } from './RevealButton';
import './scoring.css';

/** One round: the agenda, my progress, and who has submitted (names only, never values). */
export function RoundPage() {
  const { t, i18n } = useTranslation();
  const { rater } = useSession();
  const roundId = Number(useParams().roundId);
  const round = useApiQuery('rounds.get', { roundId }, { enabled: Number.isSafeInteger(roundId) && roundId > 0 });
  if (round.error) {
    return (
      <section>
        <ErrorMessage error={round.error} />
        <Link to="/rounds">{t('scoring.rounds.back')}</Link>
      </section>
    );
  }
  if (!round.data) return <p role="status">{t('app.loading')}</p>;
  const r = round.data;
  const names = (list: { name: string }[]) => (list.length ? list.map((x) => x.name).join(', ') : t('scoring.rounds.nobody'));

  return (
    <article aria-labelledby="round-title">
      <Link to="/rounds">← {t('scoring.rounds.back')}</Link>
      <h1 id="round-title">{t('scoring.rounds.heading', { name: r.name })}</h1>
      <p>
        {r.heldOn} · {t(`scoring.rounds.kinds.${r.kind}`)} · {t(`scoring.rounds.revealRules.${r.revealRule}`)} ·{' '}
        {r.revealedAt ? (
          t('scoring.rounds.statusRevealed', { at: formatDateTime(r.revealedAt, i18n.language) })
        ) : (
          <span className="badge badge--blind">{t('scoring.rounds.statusOpen')}</span>
        )}
      </p>
      {r.blindMoment && (
        <p className="blind-moment-note">
          <span className="badge badge--blind">{t('scoring.rounds.blindMoment.badge')}</span>{' '}
          {t(r.revealedAt ? 'scoring.rounds.blindMoment.noteRevealed' : 'scoring.rounds.blindMoment.note')}
        </p>
      )}
      {r.mine.assigned && (
        <p className="my-progress">
          <strong>{t('scoring.rounds.myProgress')}:</strong> {t('scoring.rounds.myProgressValue', r.mine)}{' '}
          <progress max={r.mine.total} value={r.mine.submitted} aria-label={t('scoring.rounds.myProgress')} />
        </p>
      )}
      <p>
        {t('scoring.rounds.raters')}: {names(r.raters)}
      </p>
      <div className="row round-actions">
        {rater.role === 'coordinator' && <RevealButton round={r} />}
        <Link className="button" to={`/rounds/${r.id}/meeting`}>
          {t('scoring.rounds.meeting')}
        </Link>
      </div>
      <table className="table">
        <caption>{t('scoring.rounds.agenda')}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('scoring.rounds.recording')}</th>
            <th scope="col">{t('scoring.rounds.mine')}</th>
            <th scope="col">{t('scoring.rounds.submittedBy')}</th>
            <th scope="col">{t('scoring.rounds.pending')}</th>
          </tr>
        </thead>
        <tbody>
          {r.recordings.map((recording, index) => (
            <tr key={recording.id}>
              <td>{index + 1}</td>
              <th scope="row">
                {recordingLabel(t, recording)}
                {/* A coordinator outside the round sees the family and the code the raters see instead. */}
                {rater.role === 'coordinator' && !recording.masked && recording.neutralCode !== null && (
                  <>
                    {' '}
                    <span className="neutral-code">{t('scoring.rounds.blindMoment.neutralCode', { code: recording.neutralCode })}</span>
                  </>
                )}
                <br />
                <small>{caregiverList(recording)}</small>
              </th>
              <td>
                {t(`scoring.rounds.myStatus.${recording.myStatus}`)}
                {recording.myStatus !== 'not_assigned' && (
                  <>
                    {' '}
                    <Link
                      to={`/recordings/${recording.id}/score?round=${r.id}`}
                      aria-label={t('scoring.rounds.scoreRecording', { recording: recordingLabel(t, recording) })}
                    >
                      {recording.myStatus === 'submitted' || r.revealedAt ? t('scoring.rounds.view') : t('scoring.rounds.score')}
                    </Link>
                  </>
                )}
              </td>
              <td>{names(recording.submittedBy)}</td>
              <td>{names(recording.pending)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
