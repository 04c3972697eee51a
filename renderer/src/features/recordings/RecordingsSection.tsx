import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Family } from '../../../../shared/domain/entities';
import { useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { JobProgress } from '../media-jobs/JobProgress';
import { useLiveJobs } from '../media-jobs/use-live-jobs';
import { RecordingImport } from './RecordingImport';

export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export function RecordingsSection({ family }: { family: Family }) {
  const { t } = useTranslation();
  const id = useId();
  const recordings = useApiQuery('recordings.list', { familyId: family.id });
  const jobs = useLiveJobs(recordings.data?.flatMap((r) => r.activeJobs));

  return (
    <section aria-labelledby={`${id}-title`} className="card">
      <h2 id={`${id}-title`}>{t('recordings.title')}</h2>
      <ErrorMessage error={recordings.error} />
      {recordings.data?.length === 0 && <p>{t('recordings.none')}</p>}
      <ul className="plain-list" aria-label={t('recordings.title')}>
        {(recordings.data ?? []).map((recording) => {
          const active = jobs.filter((job) => job.recordingIds.includes(recording.id) && job.status !== 'done');
          return (
            <li key={recording.id} className="recording-row" aria-label={`${t('recordings.recording')} ${recording.recordedOn} ${t(`activities.${recording.activity}`)}`}>
              <Link to={`/recordings/${recording.id}`}>
                {recording.recordedOn} — {t(`activities.${recording.activity}`)} — {t(`moments.${recording.moment}`)}
              </Link>{' '}
              <span className="help">
                {formatDuration(recording.durationMs)} · {recording.caregivers.map((c) => c.label).join(', ')} ·{' '}
                {recording.playable ? t('recordings.playable') : t('recordings.notYetPlayable')}
              </span>
              {active.map((job) => (
                <JobProgress key={job.id} job={job} />
              ))}
            </li>
          );
        })}
      </ul>
      <details className="import-details">
        <summary>{t('recordings.import')}</summary>
        <RecordingImport family={family} />
      </details>
    </section>
  );
}
