import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api-context';
import { JobProgress } from './JobProgress';
import { useLiveJobs } from './use-live-jobs';

/** The header's job panel: every media job that is queued, running or recently failed, from any screen. */
export function JobsPanel() {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const listed = useApiQuery('jobs.list', {});
  const jobs = useLiveJobs(listed.data).filter((job) => job.status === 'queued' || job.status === 'running' || job.status === 'failed');
  const active = jobs.filter((job) => job.status !== 'failed').length;
  return (
    <div className="jobs-panel">
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {t('jobs.title')} {active > 0 ? `(${active})` : ''}
      </button>
      {open && (
        <div id={id} className="jobs-popover" role="region" aria-label={t('jobs.title')}>
          {jobs.length === 0 ? <p>{t('jobs.none')}</p> : jobs.map((job) => <JobProgress key={job.id} job={job} showFamily />)}
        </div>
      )}
    </div>
  );
}
