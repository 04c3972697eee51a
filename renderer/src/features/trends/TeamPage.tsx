import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SCALE_KEYS } from '../../../../shared/domain/scales';
import type { TeamOverview, TrendFilters } from '../../../../shared/domain/trends';
import { MIN_ITEMS } from '../../../../shared/stats/sample-size';
import { useApi, useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSession } from '../session/session-context';
import { formatDate, formatFixed, formatValue, statInterval, statValue } from './format';
import { momentMeans, SlopeChart } from './SlopeChart';
import { SCALE_COLORS } from './TrendChart';
import { TrendFiltersForm } from './TrendFiltersForm';
import { ExportButtons } from './ExportButtons';
import { FamilyFilter } from './FamilyFilter';
import './trends.css';

/** Below this many pairs an interval and an effect size say little (shared/stats/sample-size.ts); the screen says so. */
const SMALL_N = MIN_ITEMS;

/** The team overview at /team: pre → post change, phases, waiting recordings, missing moments, exports. */
export function TeamPage() {
  const { t } = useTranslation();
  const { rater } = useSession();
  if (rater.role !== 'coordinator') {
    return (
      <article>
        <h1>{t('trends.team.title')}</h1>
        <p>{t('trends.team.onlyCoordinator')}</p>
      </article>
    );
  }
  return <CoordinatorTeamPage />;
}

function CoordinatorTeamPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [filters, setFilters] = useState<TrendFilters>({});
  const overview = useApiQuery('trends.team', { filters });
  const data = overview.data;

  return (
    <article className="trends" aria-labelledby="team-title">
      <h1 id="team-title">{t('trends.team.title')}</h1>
      <p className="help">{t('trends.team.intro')}</p>
      <TrendFiltersForm value={filters} onChange={setFilters} showPhase />
      <FamilyFilter
        value={filters.familyIds}
        onChange={(familyIds) => {
          const next = { ...filters, familyIds };
          if (familyIds === undefined) delete next.familyIds;
          setFilters(next);
        }}
      />
      <ErrorMessage error={overview.error} />
      {data && (
        <p role="status">
          {t('trends.team.familyCount', { count: data.familyCount })} {data.raterName ? t('trends.team.raterNote', { name: data.raterName }) : ''}
        </p>
      )}
      <ExportButtons
        level={2}
        help={t('trends.exports.teamHelp')}
        make={(format, language) => {
          if (format === 'pdf') return api.call('trends.exportTeamPdf', { filters, language });
          if (format === 'xlsx') return api.call('trends.exportXlsx', { filters, language });
          return api.call('trends.exportCsv', { filters, language, dialect: format === 'csvComma' ? 'comma' : 'semicolon' });
        }}
      />
      {!data && !overview.error && <p role="status">{t('app.loading')}</p>}
      {data && <Overview data={data} />}
    </article>
  );
}

function Overview({ data }: { data: TeamOverview }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const show = (value: number | null) => (value === null ? '–' : formatValue(value, language));
  return (
    <>
      <section className="card" aria-labelledby="team-change">
        <h2 id="team-change">{t('trends.team.change')}</h2>
        <p className="help">{t('trends.team.changeHelp')}</p>
        <table className="table table--compact" aria-label={t('trends.team.change')}>
          <thead>
            <tr>
              {(['scale', 'comparison', 'n', 'before', 'after', 'meanChange', 'ci', 'dz', 'dav'] as const).map((key) => (
                <th key={key} scope="col">
                  {t(`trends.team.${key}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.changes.map((change) => (
              <tr key={`${change.scale}-${change.to}`}>
                <th scope="row">{t(`trends.scales.${change.scale}`)}</th>
                <td>{t(`trends.team.to.${change.to}`)}</td>
                <td>{change.n}</td>
                <td>{formatFixed(change.meanFrom, language)}</td>
                <td>{formatFixed(change.meanTo, language)}</td>
                <td>{statValue(change.meanChange, language, t('trends.team.notComputable'))}</td>
                <td>{statInterval(change.meanChange, language)}</td>
                <td>{statValue(change.dz, language, t('trends.team.notComputable'))}</td>
                <td>{statValue(change.dav, language, t('trends.team.notComputable'))}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.changes.some((change) => change.n > 0 && change.n < SMALL_N) && <p className="trend-note">{t('trends.team.smallN', { n: SMALL_N })}</p>}
      </section>

      <section className="card" aria-labelledby="team-slopes">
        <h2 id="team-slopes">{t('trends.team.slopes')}</h2>
        <p className="help">{t('trends.team.slopesHelp')}</p>
        <div className="trend-grid">
          {SCALE_KEYS.map((scale) => {
            const lines = data.lines.filter((line) => line.scale === scale);
            const means = momentMeans(lines);
            const summary = t('trends.team.slopeLabel', {
              scale: t(`trends.scales.${scale}`),
              count: lines.length,
              summary: (['voormeting', 'nameting', 'follow-up'] as const)
                .map((moment, i) => t('trends.chart.moment', { moment: t(`moments.${moment}`).toLowerCase(), value: show(means[i]?.mean ?? null) }))
                .join('; '),
            });
            return (
              <figure key={scale} className="trend-figure">
                <figcaption>{t(`trends.scales.${scale}`)}</figcaption>
                <SlopeChart lines={lines} scale={scale} color={SCALE_COLORS[scale]} summary={summary} />
              </figure>
            );
          })}
        </div>
        <details className="trend-details">
          <summary>{t('trends.team.slopeTable', { count: data.lines.length })}</summary>
          <table className="table table--compact" aria-label={t('trends.team.slopeCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('trends.team.family')}</th>
                <th scope="col">{t('trends.team.caregiver')}</th>
                <th scope="col">{t('trends.team.scale')}</th>
                <th scope="col">{t('moments.voormeting')}</th>
                <th scope="col">{t('moments.nameting')}</th>
                <th scope="col">{t('moments.follow-up')}</th>
              </tr>
            </thead>
            <tbody>
              {data.lines.map((line) => (
                <tr key={`${line.caregiverId}-${line.scale}`}>
                  <td>
                    <Link to={`/families/${line.familyId}`}>{line.familyCode}</Link>
                  </td>
                  <td>{t(`caregiverRoles.${line.role}`)}</td>
                  <td>{t(`trends.scales.${line.scale}`)}</td>
                  <td>{show(line.voormeting)}</td>
                  <td>{show(line.nameting)}</td>
                  <td>{show(line.followUp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>

      <section className="card" aria-labelledby="team-phases">
        <h2 id="team-phases">{t('trends.team.phases')}</h2>
        <p className="help">{t('trends.team.phasesHelp')}</p>
        <table className="table table--compact trend-narrow" aria-label={t('trends.team.phases')}>
          <thead>
            <tr>
              <th scope="col">{t('trends.team.phase')}</th>
              <th scope="col">{t('trends.team.count')}</th>
            </tr>
          </thead>
          <tbody>
            {data.phaseCounts.map((entry) => (
              <tr key={entry.phase}>
                <th scope="row">{t(`phases.${entry.phase}`)}</th>
                <td>{entry.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card" aria-labelledby="team-waiting">
        <h2 id="team-waiting">{t('trends.team.waiting', { count: data.waiting.total })}</h2>
        {data.waiting.total === 0 ? (
          <p>{t('trends.team.none')}</p>
        ) : (
          <table className="table table--compact" aria-label={t('trends.team.waiting', { count: data.waiting.total })}>
            <thead>
              <tr>
                <th scope="col">{t('trends.team.family')}</th>
                <th scope="col">{t('trends.table.date')}</th>
                <th scope="col">{t('trends.table.moment')}</th>
                <th scope="col">{t('trends.table.activity')}</th>
                <th scope="col">{t('trends.team.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.waiting.items.map((item) => (
                <tr key={item.recordingId}>
                  <td>
                    <Link to={`/families/${item.familyId}`}>{item.familyCode}</Link>
                  </td>
                  <td>
                    <Link to={`/recordings/${item.recordingId}`}>{formatDate(item.recordedOn, language)}</Link>
                  </td>
                  <td>{t(`moments.${item.moment}`)}</td>
                  <td>{t(`activities.${item.activity}`)}</td>
                  <td>{t(`trends.team.waitingStatus.${item.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {data.waiting.total > data.waiting.items.length && <p className="help">{t('trends.team.more', { shown: data.waiting.items.length, total: data.waiting.total })}</p>}
      </section>

      <section className="card" aria-labelledby="team-missing">
        <h2 id="team-missing">{t('trends.team.missing', { count: data.missing.total })}</h2>
        {data.missing.total === 0 ? (
          <p>{t('trends.team.none')}</p>
        ) : (
          <table className="table table--compact" aria-label={t('trends.team.missing', { count: data.missing.total })}>
            <thead>
              <tr>
                <th scope="col">{t('trends.team.family')}</th>
                <th scope="col">{t('trends.team.phase')}</th>
                <th scope="col">{t('moments.voormeting')}</th>
                <th scope="col">{t('moments.nameting')}</th>
                <th scope="col">{t('moments.follow-up')}</th>
              </tr>
            </thead>
            <tbody>
              {data.missing.items.map((item) => (
                <tr key={item.familyId}>
                  <td>
                    <Link to={`/families/${item.familyId}`}>{item.familyCode}</Link>
                  </td>
                  <td>{t(`phases.${item.phase}`)}</td>
                  {([item.voormeting, item.nameting, item.followUp] as const).map((status, i) => (
                    <td key={i} className={`moment-status moment-status--${status}`}>
                      {t(`trends.team.momentStatus.${status}`)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {data.missing.total > data.missing.items.length && <p className="help">{t('trends.team.more', { shown: data.missing.items.length, total: data.missing.total })}</p>}
      </section>
    </>
  );
}
