import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Meeting, RoundDetail, RoundRecording } from '../../../../shared/domain/scoring';
import { useApi, useApiMutation, useApiQuery } from '../../api/api-context';
import { AutosaveField } from '../../components/AutosaveField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LiveMeetingPanel } from '../meeting-live/LiveMeetingPanel';
import { ProjectorStage, type ProjectorCue } from '../meeting-live/ProjectorStage';
import type { PlayerHandle } from '../player/VideoPlayer';
import { useSession } from '../session/session-context';
import { AgreementTable } from './AgreementTable';
import { formatDateTime, recordingLabel } from './labels';
import { MeetingItemCard } from './MeetingItemCard';
import { RevealButton } from './RevealButton';
import './scoring.css';

/**
 * What the room sees of a recording: while the round hides the measurement moment, its neutral
 * code ("Clip B · Spelen") even where the coordinator's own view knows the family.
 */
export function projectorLabel(t: TFunction, round: RoundDetail, recording: RoundRecording): string {
  if (round.blindMoment && round.revealedAt === null && recording.neutralCode) {
    return t('meetingLive.neutral', { code: recording.neutralCode, activity: t(`scoring.activities.${recording.activity}`) });
  }
  return recordingLabel(t, recording);
}

/**
 * The intervisie on the projector: the clip large, the agenda with who has submitted (names only,
 * live from every device), the reveal, then every item with all scores side by side, the largest
 * disagreement first, each cited fragment one click from playing on the projector.
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
  const coordinator = rater.role === 'coordinator';
  const setup = useApiQuery('meeting.setup', {}, { enabled: coordinator });
  const root = useRef<HTMLElement>(null);
  const player = useRef<{ recordingId: number; handle: PlayerHandle } | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [cue, setCue] = useState<ProjectorCue | null>(null);
  const setCurrent = useApiMutation('meeting.setCurrent');
  // Joins, admissions and submissions from the devices arrive as meeting events.
  useEffect(
    () =>
      api.on('meeting.changed', () => {
        void queryClient.invalidateQueries({ queryKey: ['meeting.setup'] });
        void queryClient.invalidateQueries({ queryKey: ['rounds.meeting'] });
      }),
    [api, queryClient],
  );

  const live = setup.data?.live ?? null;
  const liveHere = live !== null && live.roundId === roundId;
  const recordings = meeting.data?.round.recordings ?? [];
  const currentId = (liveHere ? live.currentRecordingId : null) ?? chosen ?? recordings[0]?.id ?? null;
  const onPlayer = useCallback((handle: PlayerHandle | null, recordingId: number) => {
    player.current = handle ? { recordingId, handle } : null;
  }, []);

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
  const onChanged = (next: Meeting) => queryClient.setQueryData(['rounds.meeting', input], next);
  const show = (recordingId: number) => {
    setChosen(recordingId);
    // With the meeting on the network, every device opens this clip's score card.
    if (liveHere) setCurrent.mutate({ recordingId });
  };
  // A citation plays on the projector: seek the clip on screen, or swap to the cited one first.
  const onPlay = (recordingId: number, startMs: number) => {
    const current = player.current;
    if (current && current.recordingId === recordingId && recordingId === currentId) {
      current.handle.seekMs(startMs);
      current.handle.play();
      return;
    }
    setCue({ recordingId, startMs, play: true });
    show(recordingId);
  };
  const currentRecording = recordings.find((recording) => recording.id === currentId) ?? null;
  const media = m.media.find((entry) => entry.recordingId === currentId) ?? null;
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

      {coordinator && setup.data && <LiveMeetingPanel round={round} setup={setup.data} />}
      <ErrorMessage error={setCurrent.error ?? setup.error} />

      <div className="projector-layout">
        <div className="projector-stage-column no-print">
          {currentRecording && (
            <ProjectorStage media={media} label={projectorLabel(t, round, currentRecording)} cue={cue} onPlayer={onPlayer} />
          )}
        </div>
        <div className="projector-side">
          <section aria-labelledby="meeting-agenda" className="card">
            <h2 id="meeting-agenda">{t('scoring.meeting.agenda')}</h2>
            <ol className="agenda">
              {round.recordings.map((recording) => (
                <li key={recording.id} aria-label={projectorLabel(t, round, recording)} className={recording.id === currentId ? 'is-current' : undefined}>
                  <strong>{projectorLabel(t, round, recording)}</strong>
                  <span className="agenda-who">
                    {t('scoring.rounds.submittedBy')}: {names(recording.submittedBy)} · {t('scoring.rounds.pending')}: {names(recording.pending)}
                  </span>
                  <span className="agenda-actions no-print">
                    {recording.id === currentId ? (
                      <span className="badge badge--blind">{t('meetingLive.onProjectorNow')}</span>
                    ) : (
                      <button type="button" onClick={() => show(recording.id)} aria-label={t('meetingLive.showOnProjector', { recording: projectorLabel(t, round, recording) })}>
                        {t('meetingLive.projector')}
                      </button>
                    )}
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
        </div>
      </div>
    </article>
  );
}
