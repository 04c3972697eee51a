import { useTranslation } from 'react-i18next';
import type { MediaJob } from '../../../../shared/domain/entities';
import { useApiMutation } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';

function formatEta(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/** One job: what it does, a real progress bar with time left, and cancel or retry. */
export function JobProgress({ job, showFamily = false }: { job: MediaJob; showFamily?: boolean }) {
  const { t } = useTranslation();
  const cancel = useApiMutation('jobs.cancel');
  const retry = useApiMutation('jobs.retry');
  const label = t(`jobs.kinds.${job.kind}`, { defaultValue: job.kind });
  const percent = Math.round(job.progress * 100);
  const status = job.status === 'running' && job.paused ? t('jobs.paused') : t(`jobs.status.${job.status}`);
  return (
    <div className={`job job--${job.status}`} role="group" aria-label={`${label}: ${status}`}>
      <div className="job-line">
        <span className="job-label">
          {label}
          {showFamily && job.familyCode ? ` · ${job.familyCode}` : ''}
        </span>
        <span className="job-status">{status}</span>
        {job.status === 'running' && !job.paused && job.etaMs !== null && <span className="job-eta">{t('jobs.timeLeft', { time: formatEta(job.etaMs) })}</span>}
        {(job.status === 'queued' || job.status === 'running') && (
          <button type="button" className="small" onClick={() => cancel.mutate({ id: job.id })}>
            {t('jobs.cancel')}
          </button>
        )}
        {(job.status === 'failed' || job.status === 'cancelled') && (
          <button type="button" className="small" onClick={() => retry.mutate({ id: job.id })}>
            {t('jobs.retry')}
          </button>
        )}
      </div>
      {(job.status === 'running' || job.status === 'queued') && (
        <progress max={100} value={percent} aria-label={t('jobs.progressOf', { label })}>
          {percent}%
        </progress>
      )}
      {job.error && job.status !== 'done' && <p className="job-error">{job.error}</p>}
      <ErrorMessage error={cancel.error ?? retry.error} />
    </div>
  );
}
