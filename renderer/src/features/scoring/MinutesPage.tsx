import { useEffect } from 'react';
import { formatScore } from '../../../../shared/domain/number-format';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSession } from '../session/session-context';
import { AgreementTable } from './AgreementTable';
import { formatDateTime, recordingLabel } from './labels';
import { itemTitle } from './MeetingItemCard';
import './scoring.css';

/**
 * The minutes of a meeting as a page made for printing: "Afdrukken / opslaan als PDF" uses the
 * browser's (or Electron's) own PDF printer, so no PDF library is needed and what is printed is
 * exactly what the back end allowed on screen.
 */
export function MinutesPage() {
  const { t, i18n } = useTranslation();
  const { rater } = useSession();
  const roundId = Number(useParams().roundId);
  const meeting = useApiQuery('rounds.meeting', { roundId }, { enabled: Number.isSafeInteger(roundId) && roundId > 0 });
  const title = meeting.data ? `${t('scoring.minutes.title')} – ${meeting.data.round.name} – ${meeting.data.round.heldOn}` : null;
  // The document title becomes the suggested PDF file name.
  useEffect(() => {
    if (!title) return;
    const previous = document.title;
    document.title = title;
    return () => {
      document.title = previous;
    };
  }, [title]);

  if (meeting.error) return <ErrorMessage error={meeting.error} />;
  if (!meeting.data) return <p role="status">{t('app.loading')}</p>;
  const m = meeting.data;
  const round = m.round;

  return (
    <article className="minutes" aria-labelledby="minutes-title">
      <div className="no-print minutes-tools">
        <Link to={`/rounds/${round.id}/meeting`}>← {t('scoring.minutes.back')}</Link>
        {m.revealed && (
          <>
            <button type="button" className="primary" onClick={() => window.print()}>
              {t('scoring.minutes.print')}
            </button>
            <span className="help">{t('scoring.minutes.printHelp')}</span>
          </>
        )}
      </div>
      <h1 id="minutes-title">
        {t('scoring.minutes.title')}: {round.name}
      </h1>
      <dl className="minutes-facts">
        <dt>{t('scoring.minutes.date')}</dt>
        <dd>{round.heldOn}</dd>
        <dt>{t('scoring.minutes.raters')}</dt>
        <dd>{round.raters.map((r) => r.name).join(', ')}</dd>
        <dt>{t('scoring.minutes.revealed')}</dt>
        <dd>{round.revealedAt ? formatDateTime(round.revealedAt, i18n.language) + (round.revealedByName ? ` (${round.revealedByName})` : '') : '–'}</dd>
        <dt>{t('scoring.minutes.recordings')}</dt>
        <dd>
          <ol>
            {round.recordings.map((recording) => (
              <li key={recording.id}>{recordingLabel(t, recording)}</li>
            ))}
          </ol>
        </dd>
      </dl>
      {!m.revealed ? (
        <p role="status">{t('scoring.minutes.notRevealed')}</p>
      ) : (
        <>
          <table className="table table--compact minutes-table">
            <caption>{t('scoring.minutes.scores')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scoring.minutes.item')}</th>
                {round.raters.map((r) => (
                  <th scope="col" key={r.id}>
                    {r.initials}
                  </th>
                ))}
                <th scope="col">{t('scoring.meeting.median')}</th>
                <th scope="col">{t('scoring.meeting.range')}</th>
                <th scope="col">{t('scoring.minutes.consensus')}</th>
              </tr>
            </thead>
            <tbody>
              {m.items.map((item) => (
                <tr key={`${item.recordingId}-${item.caregiverId}-${item.scale}`}>
                  <th scope="row">{itemTitle(t, item)}</th>
                  {round.raters.map((r) => (
                    <td key={r.id}>{item.scores.find((s) => s.raterId === r.id)?.value ?? '–'}</td>
                  ))}
                  <td>{formatScore(item.median, i18n.language)}</td>
                  <td>{item.min === null ? '–' : `${item.min}–${item.max}`}</td>
                  <td>
                    {item.consensus ? (
                      <>
                        <strong>{item.consensus.value}</strong>{' '}
                        <small>({item.consensus.agreedBy.map((a) => a.initials).join(', ')})</small>
                      </>
                    ) : (
                      '–'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <section aria-labelledby="minutes-discussion">
            <h2 id="minutes-discussion">{t('scoring.minutes.discussion')}</h2>
            {m.items.filter((item) => item.discussion.trim() || item.consensus).length === 0 && <p>–</p>}
            {m.items
              .filter((item) => item.discussion.trim() || item.consensus)
              .map((item) => (
                <div key={`${item.recordingId}-${item.caregiverId}-${item.scale}`} className="minutes-item">
                  <h3>{itemTitle(t, item)}</h3>
                  {item.discussion.trim() && <p className="pre-line">{item.discussion}</p>}
                  {item.consensus && (
                    <p>
                      {t('scoring.meeting.consensusRecorded', {
                        value: item.consensus.value,
                        name: item.consensus.byName ?? '?',
                        names: item.consensus.agreedBy.map((a) => a.name).join(', ') || t('scoring.rounds.nobody'),
                      })}
                    </p>
                  )}
                </div>
              ))}
          </section>
          <AgreementTable agreement={m.agreement} />
        </>
      )}
      <section aria-labelledby="minutes-notes">
        <h2 id="minutes-notes">{t('scoring.meeting.notes')}</h2>
        <p className="pre-line">{round.notes || '–'}</p>
      </section>
      <p className="help">{t('scoring.minutes.generated', { at: formatDateTime(new Date().toISOString(), i18n.language), name: rater.name })}</p>
    </article>
  );
}
