// The second recharts component: per rater the mean deviation per month, around a zero line.
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';

export interface DeviationSeries {
  name: string;
  color: string;
  points: readonly { month: string; mean: number }[];
}

export function RaterDeviationChart({ series, summary, formatMonth }: { series: readonly DeviationSeries[]; summary: string; formatMonth(month: string): string }) {
  const months = [...new Set(series.flatMap((s) => s.points.map((p) => p.month)))].sort();
  const data = months.map((month) => {
    const row: Record<string, string | number | null> = { month };
    for (const s of series) row[s.name] = s.points.find((p) => p.month === month)?.mean ?? null;
    return row;
  });
  const extent = Math.max(1, ...series.flatMap((s) => s.points.map((p) => Math.abs(p.mean))));
  const bound = Math.ceil(extent * 2) / 2;
  return (
    <div className="agreement-chart" role="img" aria-label={summary}>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 10, right: 16, bottom: 4, left: -12 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e3e7ec" vertical={false} />
          <XAxis dataKey="month" fontSize={11} padding={{ left: 24, right: 24 }} tickFormatter={formatMonth} />
          <YAxis domain={[-bound, bound]} fontSize={11} tickFormatter={(v: number) => (v > 0 ? `+${v}` : String(v))} />
          <ReferenceLine y={0} stroke="#5b6673" />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Line key={s.name} dataKey={s.name} stroke={s.color} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
