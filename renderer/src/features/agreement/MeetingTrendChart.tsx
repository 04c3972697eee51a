// One of the two chart components of the agreement feature (with RaterDeviationChart the only
// places that know recharts): ICC(2,1) per meeting over the months, with its interval as a band.
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { MeetingPoint } from '../../../../shared/api/areas/agreement-methods';

export interface MeetingTrendChartProps {
  points: readonly MeetingPoint[];
  color: string;
  /** An accessible summary; the table next to the chart holds the data. */
  summary: string;
  formatDate(date: string): string;
  /** The axis in the reader's decimals (0,75 in Dutch). */
  formatValue(value: number): string;
}

interface Row {
  label: string;
  value: number | null;
  band: [number, number] | null;
}

export function MeetingTrendChart({ points, color, summary, formatDate, formatValue }: MeetingTrendChartProps) {
  const data: Row[] = points.map((point) => ({
    label: formatDate(point.heldOn),
    value: point.icc.ok ? point.icc.value : null,
    band: point.icc.ok && point.icc.lower !== undefined && point.icc.upper !== undefined ? [point.icc.lower, point.icc.upper] : null,
  }));
  const lowest = Math.min(0, ...data.flatMap((row) => (row.band ? [row.band[0]] : row.value !== null ? [row.value] : [])));
  return (
    <div className="agreement-chart" role="img" aria-label={summary}>
      <ResponsiveContainer width="100%" height={220}>
        <ComposedChart data={data} margin={{ top: 10, right: 16, bottom: 4, left: -12 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e3e7ec" vertical={false} />
          <XAxis dataKey="label" fontSize={11} padding={{ left: 24, right: 24 }} />
          <YAxis domain={[Math.floor(lowest * 4) / 4, 1]} fontSize={11} tickFormatter={formatValue} />
          {[0.5, 0.75, 0.9].map((y) => (
            <ReferenceLine key={y} y={y} stroke="#b8c0c9" strokeDasharray="4 4" />
          ))}
          <Area dataKey="band" stroke="none" fill={color} fillOpacity={0.18} isAnimationActive={false} connectNulls />
          <Line dataKey="value" stroke={color} strokeWidth={2} dot={{ r: 4, fill: color }} isAnimationActive={false} connectNulls />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
