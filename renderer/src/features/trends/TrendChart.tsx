// One of the two chart components of the trend feature, and with SlopeChart the only place that
// knows recharts: one caregiver on one scale over time.
import { Area, ComposedChart, ErrorBar, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Scatter, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { ageInMonths } from '../../../../shared/domain/dates';
import type { PhaseSpan, TrendPoint } from '../../../../shared/domain/trends';
import type { ScaleKey } from '../../../../shared/domain/scales';
import { dateOfDay, dayNumber, formatDate, formatValue } from './format';

export const SCALE_COLORS = { sensitivity: '#1f6f78', cooperation: '#b35c00' } as const;
export const PHASE_FILLS: Record<PhaseSpan['phase'], string> = {
  aanmelding: '#f1f1f1',
  introductie: '#e9f0fa',
  begeleiding: '#f7efe3',
  evaluatie: '#efeaf8',
  'follow-up': '#e4f3f3',
};
const MOMENT_LETTER = { voormeting: 'V', nameting: 'N', 'follow-up': 'F', geen: '–' } as const;

interface ChartPoint {
  x: number;
  point: TrendPoint;
  value: number | null;
  range: [number, number] | null;
  /** Middle and half-width of the raters' range, drawn as a bar through the point. */
  mid: number | null;
  half: number;
  gapY: number;
}

export interface TrendChartProps {
  points: readonly TrendPoint[];
  /** Names the green band: sensitive on one scale, cooperative on the other. */
  scale: ScaleKey;
  color: string;
  /** Days since 1970: the same axis for every chart of one family. */
  domain: [number, number];
  spans: readonly PhaseSpan[];
  visits: readonly { date: string }[];
  birthMonth: string;
  /** An accessible summary; the chart itself is an image, the table next to it holds the data. */
  summary: string;
  onOpen(recordingId: number): void;
}

function monthTicks([from, to]: [number, number]): number[] {
  const ticks: number[] = [];
  const start = new Date(from * 86_400_000);
  for (let month = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)); month.getTime() / 86_400_000 <= to; month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))) {
    ticks.push(month.getTime() / 86_400_000);
  }
  return ticks;
}

export function TrendChart({ points, scale, color, domain, spans, visits, birthMonth, summary, onOpen }: TrendChartProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const data: ChartPoint[] = points.map((point) => ({
    x: dayNumber(point.recordedOn),
    point,
    value: point.value,
    range: point.min !== null && point.max !== null ? [point.min, point.max] : null,
    mid: point.min !== null && point.max !== null ? (point.min + point.max) / 2 : null,
    half: point.min !== null && point.max !== null ? (point.max - point.min) / 2 : 0,
    gapY: 1.25,
  }));
  // The line joins scored points; across a measurement without a value it is dashed (the solid
  // line breaks there). An unscored recording without a moment is no measurement: not a break.
  const chain = data.filter((d) => d.value !== null || d.point.moment !== 'geen');
  const scored = chain.filter((d) => d.value !== null);
  const gaps = data.filter((d) => d.value === null);
  const monthFormat = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', { month: 'short', timeZone: 'UTC' });

  const describe = (p: TrendPoint) =>
    [
      formatDate(p.recordedOn, language),
      t('trends.chart.tooltipAge', { months: p.ageMonths }),
      t(`moments.${p.moment}`),
      t(`activities.${p.activity}`),
      p.value === null
        ? p.source === 'blind_round'
          ? t('trends.table.blindRound')
          : t('trends.table.none')
        : p.source === 'consensus'
          ? t('trends.table.consensus', { value: formatValue(p.value, language) })
          : t('trends.table.mean', { value: formatValue(p.value, language), count: p.scoreCount }),
    ].join(' · ');

  return (
    <div className="trend-chart" role="img" aria-label={summary}>
      <ResponsiveContainer width="100%" height={250}>
        <ComposedChart margin={{ top: 18, right: 12, bottom: 6, left: -18 }} accessibilityLayer={false}>
          <XAxis
            type="number"
            dataKey="x"
            domain={domain}
            ticks={monthTicks(domain)}
            allowDataOverflow
            tick={({ x, y, payload }: { x: number | string; y: number | string; payload: { value: number } }) => {
              const date = dateOfDay(payload.value);
              const age = ageInMonths(birthMonth, date);
              return (
                <g transform={`translate(${x},${y})`}>
                  <text textAnchor="middle" dy={12} fontSize={11} fill="#5b6673">
                    {monthFormat.format(new Date(payload.value * 86_400_000))}
                  </text>
                  {age >= 0 && (
                    <text textAnchor="middle" dy={25} fontSize={10} fill="#8a949e">
                      {t('trends.chart.age', { months: age })}
                    </text>
                  )}
                </g>
              );
            }}
            height={34}
          />
          <YAxis type="number" domain={[1, 9]} ticks={[1, 2, 3, 4, 5, 6, 7, 8, 9]} allowDecimals={false} fontSize={11} />
          {spans.map((span) => (
            <ReferenceArea
              key={`${span.phase}-${span.from}`}
              x1={dayNumber(span.from)}
              x2={Math.max(dayNumber(span.to), dayNumber(span.from) + 2)}
              y1={1}
              y2={9}
              fill={PHASE_FILLS[span.phase]}
              fillOpacity={1}
              ifOverflow="hidden"
              label={{ value: t(`phases.${span.phase}`), position: 'insideBottomLeft', fontSize: 10, fill: '#5b6673' }}
            />
          ))}
          <ReferenceArea y1={7} y2={9} fill="#cfe9d5" fillOpacity={0.75} ifOverflow="hidden" label={{ value: t(`trends.chart.highRange.${scale}`), position: 'insideTopRight', fontSize: 10, fill: '#2e7d32' }} />
          {visits.map((visit) => (
            <ReferenceLine key={visit.date} x={dayNumber(visit.date)} stroke="#9aa5b1" strokeDasharray="2 3" ifOverflow="hidden" />
          ))}
          <Scatter data={chain.filter((d) => d.mid !== null)} dataKey="mid" isAnimationActive={false} shape={() => <g />}>
            <ErrorBar dataKey="half" width={7} stroke={color} strokeOpacity={0.45} strokeWidth={2} direction="y" />
          </Scatter>
          <Area data={chain} dataKey="range" stroke="none" fill={color} fillOpacity={0.16} isAnimationActive={false} connectNulls={false} activeDot={false} />
          <Line data={scored} dataKey="value" stroke={color} strokeWidth={1.2} strokeDasharray="4 4" dot={false} activeDot={false} isAnimationActive={false} connectNulls />
          <Line
            data={chain}
            dataKey="value"
            stroke={color}
            strokeWidth={2.4}
            isAnimationActive={false}
            connectNulls={false}
            activeDot={false}
            dot={(props: { cx?: number; cy?: number; index?: number; payload?: ChartPoint }) => {
              const d = props.payload;
              if (!d || d.value === null || props.cx === undefined || props.cy === undefined) return <g key={`empty-${props.index}`} />;
              const p = d.point;
              return (
                <g key={`dot-${p.recordingId}`} className="trend-dot" onClick={() => onOpen(p.recordingId)}>
                  <title>{describe(p)}</title>
                  <circle cx={props.cx} cy={props.cy} r={6} fill={p.source === 'consensus' ? color : '#ffffff'} stroke={color} strokeWidth={2.2} />
                  <text x={props.cx} y={props.cy - 10} textAnchor="middle" fontSize={11} fontWeight={700} fill="#1d2733">
                    {`${MOMENT_LETTER[p.moment]} ${formatValue(p.value, language)}`}
                  </text>
                </g>
              );
            }}
          />
          <Scatter
            data={gaps}
            dataKey="gapY"
            isAnimationActive={false}
            shape={(props: { cx?: number; cy?: number; payload?: ChartPoint }) => {
              const p = props.payload?.point;
              if (!p || props.cx === undefined || props.cy === undefined) return <g />;
              const measurement = p.moment !== 'geen';
              return (
                <g className="trend-dot" onClick={() => onOpen(p.recordingId)}>
                  <title>{describe(p)}</title>
                  <path
                    d={`M${props.cx - 4},${props.cy - 4}L${props.cx + 4},${props.cy + 4}M${props.cx - 4},${props.cy + 4}L${props.cx + 4},${props.cy - 4}`}
                    stroke={measurement ? '#a4262c' : '#8a949e'}
                    strokeWidth={2}
                  />
                  <text x={props.cx} y={props.cy - 8} textAnchor="middle" fontSize={9.5} fill={measurement ? '#a4262c' : '#5b6673'}>
                    {`${MOMENT_LETTER[p.moment]} ${p.source === 'blind_round' ? t('trends.chart.blind') : t('trends.chart.noScore')}`}
                  </text>
                </g>
              );
            }}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
