import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatScore } from '../../../../shared/domain/number-format';
import { useApi, useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSession } from '../session/session-context';
import { useExport } from '../trends/use-export';
import { AgreementTable } from './AgreementTable';
import { formatDateTime, recordingLabel } from './labels';
import { itemTitle } from './MeetingItemCard';
import './scoring.css';

/**
 * The minutes of a meeting on screen, and "Notulen als PDF": the file the back end makes with the
 * other reports (rounds.minutesPdf), from the same meeting view, and written to the access log.
 * No print button any more: a browser's print-to-PDF looks different in every browser, carries
 * the page address, and leaves no trace in the log. The print stylesheet stays for Ctrl+P.
 */
export function MinutesPage() {
  const { t, i18n } = useTranslation();
  const { rater } = useSession();
  const api = useApi();
  const exporter = useExport();
  const roundId = Number(useParams().roundId);
  const meeting = useApiQuery('rounds.meeting', { roundId }, { enabled: Number.isSafeInteger(roundId) && roundId > 0 });
  const title = meeting.data ? `${t('scoring.minutes.title')} – ${meeting.data.round.name} – ${meeting.data.round.heldOn}` : null;
  // The window title names the minutes (and is what a browser's own print suggests as file name).
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
            <button
              type="button"
              className="primary"
              disabled={exporter.busy !== null}
              onClick={() => void exporter.run('pdf', () => api.call('rounds.minutesPdf', { roundId: round.id }))}
            >
              {exporter.busy ? t('scoring.minutes.pdfBusy') : t('scoring.minutes.pdf')}
            </button>
            <span className="help">{t('scoring.minutes.pdfHelp')}</span>
            <span role="status" className="help">
              {exporter.done ? t('scoring.minutes.pdfDone', { file: exporter.done.fileName }) : ''}
            </span>
          </>
        )}
      </div>
      <ErrorMessage error={exporter.error} />
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
          {m.hiddenRecordingIds.map((id) => (
            <p key={id} className="help" role="note">
              {t('scoring.meeting.hidden', { code: round.recordings.find((r) => r.id === id)?.familyCode ?? id })}
            </p>
          ))}
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
