import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSession } from '../session/session-context';
import { AgreementFilters, EMPTY_FILTERS, toApiFilters, type FilterState } from './AgreementFilters';
import { BeforeAfter } from './BeforeAfter';
import { KappaHeatmap } from './KappaHeatmap';
import { MeetingTrend } from './MeetingTrend';
import { RaterDeviations } from './RaterDeviations';
import { StatisticsTable } from './StatisticsTable';
import { saveFile } from '../../components/save-file';
import { MIN_ITEMS } from '../../../../shared/stats/sample-size';
import './agreement.css';

const SCALE_COLORS = { sensitivity: '#1f6f78', cooperation: '#b35c00' } as const;

/**
 * Agreement between the team's raters, per scale. Printing ("Afdrukken / opslaan als PDF") uses
 * the browser's own PDF printer with a print stylesheet, as the meeting minutes do.
 */
export function AgreementPage() {
  const { t } = useTranslation();
  const { rater } = useSession();
  const api = useApi();
  const [filters, setFilters] = useState<FilterState>(EMPTY_FILTERS);
  const [dialect, setDialect] = useState<'semicolon' | 'comma'>('semicolon');
  const [exportState, setExportState] = useState<{ busy: boolean; message: string; error: { message: string } | null }>({ busy: false, message: '', error: null });
  const isCoordinator = rater.role === 'coordinator';
  const apiFilters = toApiFilters(filters);
  const overview = useApiQuery('agreement.overview', { filters: apiFilters }, { enabled: isCoordinator });
  const raters = useApiQuery('raters.list', { includeInactive: true }, { enabled: isCoordinator });

  useEffect(() => {
    const previous = document.title;
    document.title = `${t('agreement.title')} – ${new Date().toISOString().slice(0, 10)}`;
    return () => {
      document.title = previous;
    };
  }, [t]);

  if (!isCoordinator) return <p role="alert">{t('agreement.coordinatorOnly')}</p>;

  const exportCsv = async () => {
    setExportState({ busy: true, message: '', error: null });
    try {
      const file = await api.call('agreement.exportCsv', { filters: apiFilters, dialect });
      saveFile(file.fileName, file.mimeType, file.content);
      setExportState({ busy: false, message: t('agreement.export.done', { file: file.fileName }), error: null });
    } catch (error) {
      setExportState({ busy: false, message: '', error: error instanceof Error ? error : { message: String(error) } });
    }
  };

  const data = overview.data;
  return (
    <article className="agreement-page" aria-labelledby="agreement-title" aria-busy={overview.isFetching}>
      <header className="agreement-header">
        <h1 id="agreement-title">{t('agreement.title')}</h1>
        <div className="agreement-tools no-print">
          <label>
            {t('agreement.export.dialect')}{' '}
            <select value={dialect} onChange={(e) => setDialect(e.target.value as 'semicolon' | 'comma')}>
              <option value="semicolon">{t('agreement.export.semicolon')}</option>
              <option value="comma">{t('agreement.export.comma')}</option>
            </select>
          </label>
          <button type="button" onClick={() => void exportCsv()} disabled={exportState.busy || !data}>
            {t('agreement.export.csv')}
          </button>
          <button type="button" className="primary" onClick={() => window.print()} disabled={!data}>
            {t('agreement.print')}
          </button>
          <span role="status" className="help">
            {exportState.message}
          </span>
          <ErrorMessage error={exportState.error} />
        </div>
      </header>
      <p className="help">{t('agreement.intro')}</p>

      <AgreementFilters value={filters} onChange={setFilters} rounds={data?.rounds ?? []} raters={raters.data ?? []} />

      {overview.error && <ErrorMessage error={overview.error} />}
      {!data && !overview.error && <p role="status">{t('app.loading')}</p>}
      {data && (
        <>
          <p className="agreement-summary" role="status">
            {t('agreement.summary', {
              recordings: t('counts.recordings', { count: data.recordingCount }),
              families: t('counts.families', { count: data.familyCount }),
              raters: t('counts.raters', { count: data.raters.length }),
            })}{' '}
            {t('agreement.blindOnly')}
            {data.blindExcluded > 0 && <> {t('agreement.blindExcluded', { count: data.blindExcluded })}</>}
          </p>
          <section className="card agreement-readings" aria-labelledby="agreement-readings-title">
            <h2 id="agreement-readings-title">{t('agreement.readings.title')}</h2>
            <ul>
              <li>{t('agreement.readings.icc')}</li>
              <li>{t('agreement.readings.kappa')}</li>
              <li>{t('agreement.readings.alpha')}</li>
              <li>{t('agreement.readings.percent')}</li>
              <li>{t('agreement.readings.intervals', { resamples: data.bootstrap.resamples })}</li>
              <li>{t('agreement.readings.small', { min: MIN_ITEMS })}</li>
            </ul>
          </section>
          {data.scales.map((scale) => {
            const id = `agreement-${scale.scale}`;
            return (
              <section key={scale.scale} className="card agreement-scale" aria-labelledby={`${id}-title`}>
                <h2 id={`${id}-title`}>{t(`scoring.scales.${scale.scale}`)}</h2>
                <StatisticsTable scale={scale} />
                <BeforeAfter scale={scale} headingId={`${id}-before-after`} />
                <MeetingTrend points={scale.meetings} color={SCALE_COLORS[scale.scale]} headingId={`${id}-meetings`} />
                <KappaHeatmap raters={data.raters} pairs={scale.pairs} headingId={`${id}-heatmap`} />
                <RaterDeviations raters={data.raters} deviations={scale.deviations} headingId={`${id}-deviation`} />
              </section>
            );
          })}
        </>
      )}
    </article>
  );
}
