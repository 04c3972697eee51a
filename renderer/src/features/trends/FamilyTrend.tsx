import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useNavigate } from 'react-router';
import { SCALE_KEYS } from '../../../../shared/domain/scales';
import type { FamilyTrend as Trend, TrendFilters, TrendPoint, TrendSeries } from '../../../../shared/domain/trends';
import { useApi, useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSession } from '../session/session-context';
import { dayNumber, formatDate, formatValue } from './format';
import { SCALE_COLORS, TrendChart } from './TrendChart';
import { TrendFiltersForm } from './TrendFiltersForm';
import { ExportButtons } from './ExportButtons';
import './trends.css';

/** The course of one family's scores, on the family page. Coordinators only (see the note for raters). */
export function FamilyTrend({ familyId }: { familyId: number }) {
  const { t } = useTranslation();
  const { rater } = useSession();
  const id = useId();
  if (rater.role !== 'coordinator') {
    return (
      <section aria-labelledby={`${id}-title`} className="card">
        <h2 id={`${id}-title`}>{t('trends.familyTitle')}</h2>
        <p className="help">{t('trends.onlyCoordinator')}</p>
      </section>
    );
  }
  return <CoordinatorFamilyTrend familyId={familyId} titleId={`${id}-title`} />;
}

function CoordinatorFamilyTrend({ familyId, titleId }: { familyId: number; titleId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<TrendFilters>({});
  const trend = useApiQuery('trends.family', { familyId, filters });
  const data = trend.data;

  return (
    <section aria-labelledby={titleId} className="card trends">
      <h2 id={titleId}>{t('trends.familyTitle')}</h2>
      <p className="help">{t('trends.valueRule')}</p>
      <TrendFiltersForm value={filters} onChange={setFilters} />
      <ErrorMessage error={trend.error} />
      {!data && !trend.error && <p role="status">{t('app.loading')}</p>}
      {data && (
        <>
          {data.raterName && <p className="trend-note">{t('trends.raterRule', { name: data.raterName })}</p>}
          {data.blindRecordingCount > 0 && <p className="trend-note">{t('trends.blindNotice', { count: data.blindRecordingCount })}</p>}
          <TrendBody trend={data} onOpen={(recordingId) => void navigate(`/recordings/${recordingId}`)} />
        </>
      )}
      <ExportButtons
        level={3}
        help={t('trends.exports.familyHelp')}
        make={(format, language) => {
          // This family only; the filters above apply to its files as they do to the screen.
          if (format === 'pdf') return api.call('trends.exportFamilyPdf', { familyId, filters, language });
          if (format === 'xlsx') return api.call('trends.exportXlsx', { familyId, filters, language });
          return api.call('trends.exportCsv', { familyId, filters, language, dialect: format === 'csvComma' ? 'comma' : 'semicolon' });
        }}
      />
    </section>
  );
}

function TrendBody({ trend, onOpen }: { trend: Trend; onOpen(recordingId: number): void }) {
  const { t, i18n } = useTranslation();
  const days = [...trend.visits.map((v) => v.date), ...trend.series.flatMap((s) => s.points.map((p) => p.recordedOn))].map(dayNumber);
  const first = days.length ? Math.min(...days) : dayNumber(new Date().toISOString().slice(0, 10));
  const last = days.length ? Math.max(...days) : first;
  // A little room on both sides, and at least a few months, so one visit is not a full-width blur.
  const domain: [number, number] = [first - 12, Math.max(last + 24, first + 90)];
  const caregivers = [...new Map(trend.series.map((s) => [s.caregiverId, s])).values()];
  if (caregivers.length === 0) return <p>{t('trends.notFilmed')}</p>;

  return (
    <>
      {caregivers.map((caregiver) => {
        const own = SCALE_KEYS.map((scale) => trend.series.find((s) => s.caregiverId === caregiver.caregiverId && s.scale === scale)).filter(
          (s): s is TrendSeries => s !== undefined,
        );
        const heading = t('trends.caregiverHeading', { label: caregiver.label, role: t(`caregiverRoles.${caregiver.role}`) });
        return (
          <section key={caregiver.caregiverId} className="trend-caregiver" aria-label={heading}>
            <h3>{heading}</h3>
            {own.every((s) => s.points.length === 0) ? (
              <p className="help">{t('trends.notFilmed')}</p>
            ) : (
              <>
                <div className="trend-grid">
                  {own.map((series) => (
                    <figure key={series.scale} className="trend-figure">
                      <figcaption>{t(`trends.scales.${series.scale}`)}</figcaption>
                      <TrendChart
                        points={series.points}
                        scale={series.scale}
                        color={SCALE_COLORS[series.scale]}
                        domain={domain}
                        spans={trend.phaseSpans}
                        visits={trend.visits}
                        birthMonth={trend.family.babyBirthMonth}
                        summary={summaryOf(series, caregiver.label, t as Translate, i18n.language)}
                        onOpen={onOpen}
                      />
                    </figure>
                  ))}
                </div>
                <MomentTable series={own} label={caregiver.label} />
                <PointTable series={own} label={caregiver.label} />
              </>
            )}
          </section>
        );
      })}
      <Legend />
    </>
  );
}

type Translate = TFunction;

/** The chart's accessible name: the scale, the caregiver and the value per measurement moment. */
function summaryOf(series: TrendSeries, label: string, t: Translate, language: string): string {
  const parts = series.moments.map((m) =>
    m.value === null
      ? t('trends.chart.momentMissing', { moment: t(`moments.${m.moment}`).toLowerCase() })
      : t('trends.chart.moment', { moment: t(`moments.${m.moment}`).toLowerCase(), value: formatValue(m.value, language) }),
  );
  return t('trends.chart.label', { scale: t(`trends.scales.${series.scale}`), caregiver: label, summary: parts.join('; ') });
}

function Legend() {
  const { t } = useTranslation();
  return (
    <ul className="trend-legend" aria-label={t('trends.chart.legend')}>
      <li>
        <span className="legend-dot legend-dot--filled" aria-hidden="true" /> {t('trends.chart.legendConsensus')}
      </li>
      <li>
        <span className="legend-dot" aria-hidden="true" /> {t('trends.chart.legendMean')}
      </li>
      <li>
        <span className="legend-band" aria-hidden="true" /> {t('trends.chart.legendHighRange')}
      </li>
      <li>
        <span className="legend-visit" aria-hidden="true" /> {t('trends.chart.legendVisit')}
      </li>
    </ul>
  );
}

function valueText(point: TrendPoint | undefined, t: Translate, language: string): string {
  if (!point) return '–';
  if (point.source === 'blind_round') return t('trends.table.blindRound');
  if (point.value === null) return t('trends.table.none');
  const value = formatValue(point.value, language);
  const main = point.source === 'consensus' ? t('trends.table.consensus', { value }) : t('trends.table.mean', { value, count: point.scoreCount });
  return point.min !== null && point.max !== null && point.min !== point.max ? `${main}, ${t('trends.table.range', { min: point.min, max: point.max })}` : main;
}

function MomentTable({ series, label }: { series: TrendSeries[]; label: string }) {
  const { t, i18n } = useTranslation();
  const caption = t('trends.table.momentsCaption', { caregiver: label });
  return (
    <table className="table table--compact trend-table" aria-label={caption}>
      <thead>
        <tr>
          <th scope="col">{t('trends.table.moment')}</th>
          {series.map((s) => (
            <th key={s.scale} scope="col">
              {t(`trends.scales.${s.scale}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {(['voormeting', 'nameting', 'follow-up'] as const).map((moment, i) => (
          <tr key={moment}>
            <th scope="row">{t(`moments.${moment}`)}</th>
            {series.map((s) => {
              const m = s.moments[i];
              return (
                <td key={s.scale}>
                  {m && m.value !== null ? formatValue(m.value, i18n.language) : t('trends.table.missing')}{' '}
                  <span className="help">{t('trends.table.scoredOf', { scored: m?.scoredRecordings ?? 0, total: m?.recordings ?? 0 })}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PointTable({ series, label }: { series: TrendSeries[]; label: string }) {
  const { t, i18n } = useTranslation();
  const caption = t('trends.table.caption', { caregiver: label });
  const points = series[0]?.points ?? [];
  return (
    <table className="table table--compact trend-table" aria-label={caption}>
      <thead>
        <tr>
          <th scope="col">{t('trends.table.date')}</th>
          <th scope="col">{t('trends.table.age')}</th>
          <th scope="col">{t('trends.table.moment')}</th>
          <th scope="col">{t('trends.table.activity')}</th>
          {series.map((s) => (
            <th key={s.scale} scope="col">
              {t(`trends.scales.${s.scale}`)}
            </th>
          ))}
          <th scope="col">{t('trends.table.recording')}</th>
        </tr>
      </thead>
      <tbody>
        {points.map((point, i) => (
          <tr key={point.recordingId}>
            <td>{formatDate(point.recordedOn, i18n.language)}</td>
            <td>{t('trends.chart.age', { months: point.ageMonths })}</td>
            <td>{t(`moments.${point.moment}`)}</td>
            <td>{t(`activities.${point.activity}`)}</td>
            {series.map((s) => (
              <td key={s.scale}>{valueText(s.points[i], t as Translate, i18n.language)}</td>
            ))}
            <td>
              <Link to={`/recordings/${point.recordingId}`} aria-label={t('trends.table.open', { date: formatDate(point.recordedOn, i18n.language) })}>
                {t('trends.table.recording')}
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
