import { useTranslation } from 'react-i18next';
import type { ScaleKey } from '../../../../shared/domain/scales';
import type { SlopeLine } from '../../../../shared/domain/trends';
import { formatValue } from './format';

// Plain SVG rather than recharts: a team can have a thousand caregivers, and one recharts series
// per caregiver would take seconds to draw. Each caregiver is one thin path; the mean is bold.

const WIDTH = 440;
const HEIGHT = 300;
const PLOT = { left: 34, right: WIDTH - 20, top: 16, bottom: HEIGHT - 30 };
const X = [PLOT.left + 30, (PLOT.left + PLOT.right) / 2, PLOT.right - 30];
const y = (value: number) => PLOT.top + ((9 - value) / 8) * (PLOT.bottom - PLOT.top);

export interface SlopeChartProps {
  lines: readonly SlopeLine[];
  scale: ScaleKey;
  color: string;
  summary: string;
}

export function momentMeans(lines: readonly SlopeLine[]): { mean: number | null; count: number }[] {
  return (['voormeting', 'nameting', 'followUp'] as const).map((key) => {
    const values = lines.flatMap((line) => (line[key] === null ? [] : [line[key]]));
    return { mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null, count: values.length };
  });
}

export function SlopeChart({ lines, scale, color, summary }: SlopeChartProps) {
  const { t, i18n } = useTranslation();
  const opacity = Math.max(0.08, Math.min(0.6, 12 / Math.max(1, lines.length)));
  // One path for all thin lines keeps the DOM small; a gap (a missing moment) is simply not drawn.
  let path = '';
  const dots: string[] = [];
  for (const line of lines) {
    const values = [line.voormeting, line.nameting, line.followUp];
    for (let i = 0; i < 2; i++) {
      const a = values[i];
      const b = values[i + 1];
      if (a !== null && a !== undefined && b !== null && b !== undefined) path += `M${X[i]},${y(a).toFixed(1)}L${X[i + 1]},${y(b).toFixed(1)}`;
    }
    values.forEach((value, i) => {
      if (value !== null && value !== undefined) dots.push(`M${X[i]! - 1.5},${y(value).toFixed(1)}h3`);
    });
  }
  const means = momentMeans(lines);
  const meanPath = means
    .map((m, i) => (m.mean === null ? null : ([X[i]!, y(m.mean)] as const)))
    .reduce<string>((d, point, i, all) => {
      if (!point) return d;
      const previous = all[i - 1];
      return d + `${previous ? 'L' : 'M'}${point[0]},${point[1].toFixed(1)}`;
    }, '');

  return (
    <svg className="slope-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
      <rect x={PLOT.left} y={y(9)} width={PLOT.right - PLOT.left} height={y(7) - y(9)} fill="#cfe9d5" opacity={0.75} />
      <text x={PLOT.right - 4} y={y(9) + 12} textAnchor="end" fontSize={10} fill="#2e7d32">
        {t(`trends.chart.highRange.${scale}`)}
      </text>
      {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((value) => (
        <g key={value}>
          <line x1={PLOT.left} x2={PLOT.right} y1={y(value)} y2={y(value)} stroke={value % 2 ? '#d5dbe2' : '#eceff2'} />
          <text x={PLOT.left - 8} y={y(value) + 4} textAnchor="end" fontSize={11} fill="#5b6673">
            {value}
          </text>
        </g>
      ))}
      {(['voormeting', 'nameting', 'follow-up'] as const).map((moment, i) => (
        <text key={moment} x={X[i]} y={HEIGHT - 10} textAnchor="middle" fontSize={12} fill="#1d2733">
          {t(`moments.${moment}`)}
        </text>
      ))}
      <path d={path} stroke={color} strokeOpacity={opacity} strokeWidth={1.2} fill="none" />
      <path d={dots.join('')} stroke={color} strokeOpacity={Math.min(1, opacity * 2)} strokeWidth={3} strokeLinecap="round" fill="none" />
      <path d={meanPath} stroke="#1d2733" strokeWidth={3.2} fill="none" />
      {means.map((m, i) =>
        m.mean === null ? null : (
          <g key={i}>
            <circle cx={X[i]} cy={y(m.mean)} r={5} fill="#1d2733" />
            <text x={X[i]} y={y(m.mean) - 10} textAnchor="middle" fontSize={11.5} fontWeight={700} fill="#1d2733" paintOrder="stroke" stroke="#ffffff" strokeWidth={3}>
              {`${formatValue(m.mean, i18n.language)} (n=${m.count})`}
            </text>
          </g>
        ),
      )}
    </svg>
  );
}
