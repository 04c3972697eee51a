import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ACTIVITIES, MOMENTS, type Activity, type Moment } from '../../../../shared/domain/vocabulary';
import { useApi, useApiMutation, useApiQuery } from '../../api/api-context';
import { AutosaveField } from '../../components/AutosaveField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FragmentWorkbench } from '../fragments/FragmentWorkbench';
import { JobProgress } from '../media-jobs/JobProgress';
import { useLiveJobs } from '../media-jobs/use-live-jobs';
import { VideoPlayer, type PlayerHandle } from '../player/VideoPlayer';
import { ScoreCard } from '../scoring/ScoreCard';
import { formatDuration } from './RecordingsSection';

export function RecordingPage() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const recordingId = Number(useParams().recordingId);
  // Links from the meeting and the trend view open the recording at a moment: #/recordings/12?t=61000
  const [searchParams] = useSearchParams();
  const startAtMs = Number(searchParams.get('t'));
  const recording = useApiQuery('recordings.get', { id: recordingId }, { enabled: Number.isSafeInteger(recordingId) && recordingId > 0 });
  const jobs = useLiveJobs(recording.data?.jobs);
  const remove = useApiMutation('recordings.remove');
  const [confirming, setConfirming] = useState(false);
  const playerHandle = useRef<PlayerHandle | null>(null);
  // State as well as the ref, so the fragments timeline re-renders once the player is ready.
  const [playerReady, setPlayerReady] = useState(false);
  const onReady = useCallback((handle: PlayerHandle) => {
    playerHandle.current = handle;
    setPlayerReady(true);
  }, []);
  const savePosition = useCallback(
    (ms: number) => void api.call('recordings.savePosition', { id: recordingId, positionMs: Math.max(0, Math.round(ms)) }).catch(() => undefined),
    [api, recordingId],
  );

  if (recording.error) return <ErrorMessage error={recording.error} />;
  if (!recording.data) return <p role="status">{t('app.loading')}</p>;
  const r = recording.data;
  // While the clip is not playable yet, its playable job's progress sits in the message that says so.
  const makingPlayable = r.playable ? [] : jobs.filter((job) => job.kind === 'playable' && job.status !== 'done');
  // While the playable version is transcoded or remuxed, its made part plays. A job seen done
  // before the recording says playable keeps the player mounted, so the finished file takes over
  // in the same element instead of a new one at speed 1, paused.
  const liveWhileMaking =
    !r.playable && r.playbackPlan !== 'as_is' && jobs.some((job) => job.kind === 'playable' && (job.status === 'running' || job.status === 'done'));
  const visibleJobs = jobs.filter((job) => (job.status !== 'done' || job.kind === 'playable') && !makingPlayable.includes(job));

  return (
    <article aria-labelledby="recording-title" className="recording-page">
      <Link to={`/families/${r.familyId}`}>← {t('families.heading', { code: r.familyCode })}</Link>
      <h1 id="recording-title">
        {t('recordings.heading', { code: r.familyCode, date: r.recordedOn, activity: t(`activities.${r.activity}`) })}
      </h1>
      <p className="help">
        {t(`moments.${r.moment}`)} · {formatDuration(r.durationMs)} · {r.width}×{r.height} · {(r.fpsNum / r.fpsDen).toFixed(3)} fps ·{' '}
        {r.caregivers.map((c) => c.label).join(', ')}
      </p>
      <div className="recording-layout">
        <div className="recording-main">
          {/* One element for both: the finished file takes over from the made part without a remount. */}
          {r.playable || liveWhileMaking ? (
            <VideoPlayer
              src={r.playable ? `/media/${r.id}?v=${encodeURIComponent(r.mediaVersion)}` : null}
              liveBase={r.playable ? null : `/media/${r.id}/live`}
              rate={{ num: r.fpsNum, den: r.fpsDen }}
              durationMs={r.durationMs}
              width={r.width}
              height={r.height}
              sprite={r.sprite}
              spriteUrl={(sheet) => `/media/${r.id}/sprite/${sheet}`}
              peaksUrl={r.hasPeaks ? `/media/${r.id}/peaks` : null}
              initialPositionMs={Number.isFinite(startAtMs) && startAtMs > 0 ? Math.min(startAtMs, r.durationMs) : r.positionMs}
              onPositionSave={savePosition}
              onReady={onReady}
            />
          ) : null}
          {!r.playable && (
            <div className="card" role="status">
              <p>{t('recordings.waitingForPlayable')}</p>
              {makingPlayable.map((job) => (
                <JobProgress key={job.id} job={job} />
              ))}
            </div>
          )}
          <FragmentWorkbench recording={r} player={playerHandle} playerReady={playerReady} />
          <section aria-labelledby="playback-decision" className="card">
            <h2 id="playback-decision">{t('recordings.decision')}</h2>
            <p>
              <strong>{t(r.playable ? `recordings.plans.${r.playbackPlan}` : `recordings.plansPending.${r.playbackPlan}`)}</strong> — {r.planReason}
            </p>
            {visibleJobs.map((job) => (
              <JobProgress key={job.id} job={job} />
            ))}
          </section>
        </div>
        <aside className="recording-side" aria-label={t('recordings.details')}>
          {/* — scoring card slot — */}
          <ScoreCard
            recordingId={r.id}
            caregivers={r.caregivers}
            currentTimeMs={() => playerHandle.current?.currentMs() ?? 0}
            onPlayFragment={(startMs) => {
              playerHandle.current?.seekMs(startMs);
              playerHandle.current?.play();
            }}
          />
          <section className="card" aria-labelledby="recording-details">
            <h2 id="recording-details">{t('recordings.details')}</h2>
            <AutosaveField
              label={t('recordings.activity')}
              type="select"
              options={ACTIVITIES.map((value) => ({ value, label: t(`activities.${value}`) }))}
              value={r.activity}
              onSave={(activity) => api.call('recordings.update', { id: r.id, activity: activity as Activity })}
            />
            <AutosaveField
              label={t('recordings.moment')}
              type="select"
              options={MOMENTS.map((value) => ({ value, label: t(`moments.${value}`) }))}
              value={r.moment}
              onSave={(moment) => api.call('recordings.update', { id: r.id, moment: moment as Moment })}
            />
            <AutosaveField label={t('recordings.recordedOn')} type="date" value={r.recordedOn} onSave={(recordedOn) => api.call('recordings.update', { id: r.id, recordedOn })} />
            <AutosaveField label={t('recordings.notes')} type="textarea" value={r.notes} onSave={(notes) => api.call('recordings.update', { id: r.id, notes })} />
            {/* The back end sends the file name to coordinators only (it may contain a family's name). */}
            {r.originalName !== null && <p className="help">{t('recordings.originalName', { name: r.originalName })}</p>}
            {confirming ? (
              <div role="alertdialog" aria-label={t('recordings.confirmRemoveTitle')} className="confirm">
                <p>{t('recordings.confirmRemove')}</p>
                <button type="button" className="danger" onClick={() => remove.mutate({ id: r.id }, { onSuccess: () => navigate(`/families/${r.familyId}`) })}>
                  {t('recordings.removeForGood')}
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  {t('common.cancel')}
                </button>
              </div>
            ) : (
              <button type="button" className="link-button" onClick={() => setConfirming(true)}>
                {t('recordings.remove')}
              </button>
            )}
            <ErrorMessage error={remove.error} />
          </section>
        </aside>
      </div>
    </article>
  );
}
