import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../shared/api/envelope';
import { useApi, useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { JobProgress } from '../media-jobs/JobProgress';
import { useLiveJobs } from '../media-jobs/use-live-jobs';

interface VideoExportsProps {
  recordingId: number;
  /** Fragments ticked in the list. */
  chosenIds: number[];
  /** The rater's own fragments marked "voor videofeedback". */
  feedbackCount: number;
  playable: boolean;
}

/** Fragment clips and the feedback reel: made as media jobs with live progress, then a download link. */
export function VideoExports({ recordingId, chosenIds, feedbackCount, playable }: VideoExportsProps) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const queryClient = useQueryClient();
  const list = useApiQuery('videoExports.list', { recordingId });
  const jobs = useLiveJobs(list.data?.map((e) => e.job));
  const liveById = useMemo(() => new Map(jobs.map((job) => [job.id, job])), [jobs]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const exports = useMemo(
    () => (list.data ?? []).map((e) => ({ ...e, job: liveById.get(e.job.id) ?? e.job })).sort((a, b) => b.job.id - a.job.id),
    [list.data, liveById],
  );
  // A job that has just finished: fetch the list again for its download link.
  const finishedWithoutLink = exports.some((e) => e.job.status === 'done' && e.downloadUrl === null);
  useEffect(() => {
    if (finishedWithoutLink) void queryClient.invalidateQueries({ queryKey: ['videoExports.list', { recordingId }] });
  }, [finishedWithoutLink, queryClient, recordingId]);

  const start = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      await queryClient.invalidateQueries({ queryKey: ['videoExports.list', { recordingId }] });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : ApiError.local('internal', String(caught)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="export-group video-exports" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('fragmentsUi.videoTitle')}</h3>
      {playable ? null : <p className="help">{t('fragmentsUi.videoWaitsForPlayable')}</p>}
      <div className="button-row">
        <button
          type="button"
          className="small"
          disabled={busy || chosenIds.length === 0}
          onClick={() => void start(() => api.call('videoExports.fragmentClips', { recordingId, fragmentIds: chosenIds }))}
        >
          {t('fragmentsUi.clips', { count: chosenIds.length })}
        </button>
        <button type="button" className="small primary" disabled={busy || feedbackCount === 0} onClick={() => void start(() => api.call('videoExports.feedbackReel', { recordingId }))}>
          {t('fragmentsUi.reel')}
        </button>
      </div>
      <p className="help">{chosenIds.length === 0 ? t('fragmentsUi.clipsHelp') : ''} {t('fragmentsUi.reelHelp', { count: feedbackCount })}</p>
      <ErrorMessage error={error ?? list.error} />
      {exports.length > 0 ? (
        <ul className="plain-list video-export-list" aria-label={t('fragmentsUi.videoList')}>
          {exports.map((e) => (
            <li key={e.job.id}>
              <JobProgress job={e.job} />
              {e.job.status === 'done' && e.downloadUrl ? (
                <a className="button small" href={e.downloadUrl} download={e.fileName}>
                  {t(e.kind === 'reel' ? 'fragmentsUi.downloadReel' : 'fragmentsUi.downloadClip', { file: e.fileName })}
                </a>
              ) : (
                <span className="help">{e.fileName}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
