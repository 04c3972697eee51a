import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Meeting } from '../../../../shared/domain/scoring';
import { useApi, useApiQuery } from '../../api/api-context';
import { AutosaveField } from '../../components/AutosaveField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSession } from '../session/session-context';
import { AgreementTable } from './AgreementTable';
import { formatDateTime, recordingLabel } from './labels';
import { MeetingItemCard } from './MeetingItemCard';
import { RevealButton } from './RevealButton';
import './scoring.css';

/**
 * The intervisie on the projector: the agenda with who has submitted (names only), the reveal,
 * then every item with all scores side by side, the largest disagreement first.
 */
export function MeetingPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const { rater } = useSession();
  const roundId = Number(useParams().roundId);
  const input = { roundId };
  const meeting = useApiQuery('rounds.meeting', input, { enabled: Number.isSafeInteger(roundId) && roundId > 0 });
  const anchors = useApiQuery('scoring.anchors', {});
  const root = useRef<HTMLElement>(null);

  if (meeting.error) {
    return (
      <section>
        <ErrorMessage error={meeting.error} />
        <Link to="/rounds">{t('scoring.rounds.back')}</Link>
      </section>
    );
  }
  if (!meeting.data) return <p role="status">{t('app.loading')}</p>;
  const m = meeting.data;
  const round = m.round;
  const coordinator = rater.role === 'coordinator';
  const onChanged = (next: Meeting) => queryClient.setQueryData(['rounds.meeting', input], next);
  // The meeting has no player of its own: a citation opens the recording at that moment.
  const onPlay = (recordingId: number, startMs: number) => window.open(`#/recordings/${recordingId}?t=${startMs}`, '_blank', 'noopener');
  const names = (list: { name: string }[]) => (list.length ? list.map((x) => x.name).join(', ') : t('scoring.rounds.nobody'));

  return (
    <article ref={root} aria-labelledby="meeting-title" className="meeting">
      <div className="meeting-head">
        <div>
          <Link to={`/rounds/${round.id}`} className="no-print">
            ← {t('scoring.meeting.backToRound')}
          </Link>
          <h1 id="meeting-title">{t('scoring.meeting.title', { name: round.name })}</h1>
          <p>
            {round.heldOn} ·{' '}
            {round.revealedAt
              ? round.revealedByName
                ? t('scoring.meeting.revealedBy', { at: formatDateTime(round.revealedAt, i18n.language), name: round.revealedByName })
                : t('scoring.meeting.revealedAuto', { at: formatDateTime(round.revealedAt, i18n.language) })
              : t('scoring.rounds.statusOpen')}
          </p>
        </div>
        <div className="meeting-tools">
          {coordinator && <RevealButton round={round} />}
          {m.revealed && (
            <Link className="button" to={`/rounds/${round.id}/minutes`}>
              {t('scoring.meeting.minutes')}
            </Link>
          )}
          <button type="button" onClick={() => void root.current?.requestFullscreen?.().catch(() => undefined)}>
            {t('scoring.meeting.fullscreen')}
          </button>
        </div>
      </div>

      <section aria-labelledby="meeting-agenda" className="card">
        <h2 id="meeting-agenda">{t('scoring.meeting.agenda')}</h2>
        <ol className="agenda">
          {round.recordings.map((recording) => (
            <li key={recording.id} aria-label={recordingLabel(t, recording)}>
              <strong>{recordingLabel(t, recording)}</strong>
              <span className="agenda-who">
                {t('scoring.rounds.submittedBy')}: {names(recording.submittedBy)} · {t('scoring.rounds.pending')}: {names(recording.pending)}
              </span>
            </li>
          ))}
        </ol>
      </section>

      {!m.revealed ? (
        <p className="card blind-note" role="status">
          {t('scoring.meeting.beforeReveal')}
        </p>
      ) : (
        <>
          {m.hiddenRecordingIds.map((id) => (
            <p key={id} className="card help" role="note">
              {t('scoring.meeting.hidden', { code: round.recordings.find((r) => r.id === id)?.familyCode ?? id })}
            </p>
          ))}
          <section aria-labelledby="meeting-items">
            <h2 id="meeting-items">{t('scoring.meeting.items')}</h2>
            <div className="meeting-items" role="list" aria-label={t('scoring.meeting.items')}>
              {m.items.map((item) => (
                <div role="listitem" key={`${item.recordingId}-${item.caregiverId}-${item.scale}`}>
                  <MeetingItemCard
                    roundId={round.id}
                    item={item}
                    raters={round.raters}
                    texts={anchors.data?.find((a) => a.scale === item.scale)?.texts}
                    canEdit={coordinator}
                    onChanged={onChanged}
                    onPlay={onPlay}
                  />
                </div>
              ))}
            </div>
          </section>
          <AgreementTable agreement={m.agreement} />
        </>
      )}

      <section className="card" aria-labelledby="meeting-notes">
        <h2 id="meeting-notes">{t('scoring.meeting.notes')}</h2>
        {coordinator ? (
          <AutosaveField
            label={t('scoring.meeting.notes')}
            type="textarea"
            value={round.notes}
            onSave={(notes) => api.call('rounds.update', { roundId: round.id, notes })}
          />
        ) : (
          <p className="pre-line">{round.notes || '–'}</p>
        )}
      </section>
    </article>
  );
}
