import { ageInMonths } from '../../../../shared/domain/dates';
import type { ScaleKey } from '../../../../shared/domain/scales';
import type { PhaseSpan, SlopeLine, TrendPoint } from '../../../../shared/domain/trends';
import type { Moment, VisitPhase } from '../../../../shared/domain/vocabulary';
import type { PdfCanvas } from './pdf-canvas';
import { formatScoreIn, REPORT_WORDS, type ReportWords } from './report-words';

// Vector charts for the PDF reports, drawn with the canvas primitives. They follow the screen:
// the scale 1–9 upwards, the sensitive range (7–9) shaded, consensus as a filled dot and a mean
// of blind scores as an open one, the raters' range as a band, and gaps left as gaps.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const SENSITIVE_FILL = '#dff0e3';
export const PHASE_FILLS: Record<VisitPhase, string> = {
  aanmelding: '#f4f4f4',
  introductie: '#eef3fb',
  begeleiding: '#f7f1e8',
  evaluatie: '#f1eef8',
  'follow-up': '#eaf5f5',
};
export const MOMENT_LETTER: Record<Moment, string> = REPORT_WORDS.nl.momentLetter;

const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

export function formatScore(value: number): string {
  return formatScoreIn(REPORT_WORDS.nl, value);
}

/** The 7–9 band is the sensitive range on one scale and the cooperative range on the other. */
function frame(canvas: PdfCanvas, plot: Box, yOf: (value: number) => number, words: ReportWords, scale: ScaleKey): void {
  canvas.rect(plot.x, yOf(9), plot.width, yOf(7) - yOf(9), { color: SENSITIVE_FILL });
  for (let value = 1; value <= 9; value++) {
    const y = yOf(value);
    canvas.line(plot.x, y, plot.x + plot.width, y, { color: value % 2 === 1 ? '#c9d1d9' : '#e6eaee', width: 0.4 });
    canvas.text(String(value), { size: 7, color: '#5b6673', width: 14, align: 'right', fixed: true }, { x: plot.x - 18, y: y - 3.5 });
  }
  canvas.text(words.highRange[scale], { size: 6.5, color: '#2e7d32', width: 80, align: 'right', fixed: true }, { x: plot.x + plot.width - 82, y: yOf(9) + 1.5 });
}

export interface TrendChartInput {
  title: string;
  scale: ScaleKey;
  color: string;
  points: readonly TrendPoint[];
  visits: readonly { date: string }[];
  spans: readonly PhaseSpan[];
  /** First and last date of the whole family, so every chart of the family has the same axis. */
  from: string;
  to: string;
  /** YYYY-MM, for the baby's age under the month ticks. */
  birthMonth: string;
  /** The report's language (axis labels, decimal sign). */
  words: ReportWords;
}

/** One caregiver on one scale over time. */
export function drawTrendChart(canvas: PdfCanvas, box: Box, input: TrendChartInput): void {
  canvas.text(input.title, { size: 9.5, bold: true, fixed: true }, { x: box.x, y: box.y });
  const plot: Box = { x: box.x + 22, y: box.y + 16, width: box.width - 26, height: box.height - 44 };
  const first = day(input.from) - 10;
  const last = Math.max(day(input.to) + 10, first + 40);
  const xOf = (date: string) => plot.x + ((day(date) - first) / (last - first)) * plot.width;
  const yOf = (value: number) => plot.y + ((9 - value) / 8) * plot.height;

  for (const span of input.spans) {
    const x1 = xOf(span.from);
    const x2 = Math.max(xOf(span.to), x1 + 2);
    canvas.rect(x1, plot.y, x2 - x1, plot.height, { color: PHASE_FILLS[span.phase] });
  }
  const { words } = input;
  frame(canvas, plot, yOf, words, input.scale);
  for (const span of input.spans) {
    const x1 = xOf(span.from);
    const width = Math.max(xOf(span.to) - x1, 30);
    canvas.text(words.visitPhases[span.phase], { size: 6, color: '#5b6673', width, fixed: true }, { x: x1 + 1.5, y: plot.y + plot.height - 8 });
  }
  for (const visit of input.visits) {
    const x = xOf(visit.date);
    canvas.line(x, plot.y + plot.height, x, plot.y + plot.height + 4, { color: '#5b6673', width: 0.8 });
  }
  // Month ticks along the bottom.
  const start = new Date(first * 86_400_000);
  for (let month = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)); month.getTime() / 86_400_000 <= last; month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))) {
    const x = plot.x + ((month.getTime() / 86_400_000 - first) / (last - first)) * plot.width;
    const label = `${words.months[month.getUTCMonth()]}${month.getUTCMonth() === 0 ? ` ${month.getUTCFullYear()}` : ''}`;
    const age = ageInMonths(input.birthMonth, month.toISOString().slice(0, 10));
    canvas.text(label, { size: 6.5, color: '#5b6673', width: 40, align: 'center', fixed: true }, { x: x - 20, y: plot.y + plot.height + 6 });
    if (age >= 0) canvas.text(words.ageMonths(age), { size: 5.5, color: '#8a949e', width: 40, align: 'center', fixed: true }, { x: x - 20, y: plot.y + plot.height + 14 });
  }

  // The raters' range: a band over runs of neighbouring points that have one, a bar for a lone one.
  const withRange = input.points.map((point) => (point.min !== null && point.max !== null && point.source !== 'blind_round' ? point : null));
  let run: TrendPoint[] = [];
  const flush = () => {
    if (run.length === 1) {
      const point = run[0]!;
      const x = xOf(point.recordedOn);
      canvas.rect(x - 2.5, yOf(point.max!), 5, Math.max(yOf(point.min!) - yOf(point.max!), 0.8), { color: input.color, opacity: 0.18 });
    } else if (run.length > 1) {
      const upper = run.map((point) => [xOf(point.recordedOn), yOf(point.max!)] as const);
      const lower = [...run].reverse().map((point) => [xOf(point.recordedOn), yOf(point.min!)] as const);
      canvas.polygon([...upper, ...lower], { color: input.color, opacity: 0.18 });
    }
    run = [];
  };
  for (const point of withRange) {
    if (point) run.push(point);
    else flush();
  }
  flush();

  // The line joins neighbouring scored points. Across a measurement that has no value (not yet
  // scored, or still blind) it is dashed: nothing is filled in there. A recording without a moment
  // that nobody scored is no measurement, so it does not interrupt the line.
  const chain = input.points.filter((point) => point.value !== null || point.moment !== 'geen');
  let previous: TrendPoint | null = null;
  let gapBetween = false;
  for (const point of chain) {
    if (point.value === null) {
      gapBetween = previous !== null;
      continue;
    }
    if (previous && previous.value !== null) {
      canvas.line(xOf(previous.recordedOn), yOf(previous.value), xOf(point.recordedOn), yOf(point.value), gapBetween ? { color: input.color, width: 1, dash: 2.5 } : { color: input.color, width: 1.6 });
    }
    previous = point;
    gapBetween = false;
  }

  for (const point of input.points) {
    const x = xOf(point.recordedOn);
    if (point.value === null && point.moment === 'geen') {
      // An unscored recording without a moment is no measurement: a quiet tick, no label.
      canvas.line(x, plot.y + plot.height - 4, x, plot.y + plot.height, { color: '#8a949e', width: 0.8 });
      continue;
    }
    if (point.value === null) {
      // A gap is marked on the axis, never given a value.
      canvas.text(point.source === 'blind_round' ? words.blind : words.noScore, { size: 5.5, color: '#a4262c', width: 36, align: 'center', fixed: true }, { x: x - 18, y: plot.y + plot.height - 16 });
      canvas.line(x, plot.y + plot.height - 6, x, plot.y + plot.height, { color: '#a4262c', width: 0.8 });
      continue;
    }
    const y = yOf(point.value);
    if (point.source === 'consensus') canvas.circle(x, y, 3.2, { color: input.color });
    else canvas.circle(x, y, 3.2, { color: '#ffffff' }, { color: input.color, width: 1.4 });
    const label = `${words.momentLetter[point.moment]} ${formatScoreIn(words, point.value)}`;
    canvas.text(label, { size: 6.5, bold: true, color: '#1d2733', width: 30, align: 'center', fixed: true }, { x: x - 15, y: Math.max(plot.y + 1, y - 12) });
  }
}

/** Each caregiver's line from voormeting to nameting to follow-up, with the mean per moment. */
export function drawSlopeChart(canvas: PdfCanvas, box: Box, title: string, scale: ScaleKey, color: string, lines: readonly SlopeLine[], words: ReportWords = REPORT_WORDS.nl): void {
  canvas.text(title, { size: 9.5, bold: true, fixed: true }, { x: box.x, y: box.y });
  const plot: Box = { x: box.x + 22, y: box.y + 16, width: box.width - 34, height: box.height - 34 };
  const xs = [plot.x + 10, plot.x + plot.width / 2, plot.x + plot.width - 10];
  const yOf = (value: number) => plot.y + ((9 - value) / 8) * plot.height;
  frame(canvas, plot, yOf, words, scale);
  (['voormeting', 'nameting', 'follow-up'] as const).forEach((moment, i) =>
    canvas.text(words.moments[moment], { size: 7, color: '#5b6673', width: 60, align: 'center', fixed: true }, { x: xs[i]! - 30, y: plot.y + plot.height + 4 }),
  );
  const sums = [0, 0, 0];
  const counts = [0, 0, 0];
  // Thin and translucent, so a thousand families still read as a picture of where most went.
  const opacity = Math.max(0.08, Math.min(0.6, 12 / Math.max(1, lines.length)));
  for (const line of lines) {
    const values = [line.voormeting, line.nameting, line.followUp];
    values.forEach((value, i) => {
      if (value === null) return;
      sums[i]! += value;
      counts[i]! += 1;
    });
    for (let i = 0; i < 2; i++) {
      const a = values[i];
      const b = values[i + 1];
      if (a !== null && a !== undefined && b !== null && b !== undefined) canvas.line(xs[i]!, yOf(a), xs[i + 1]!, yOf(b), { color, width: 0.7, opacity });
    }
    values.forEach((value, i) => {
      if (value !== null) canvas.circle(xs[i]!, yOf(value), 1.4, { color, opacity: Math.min(1, opacity * 2) });
    });
  }
  const means = sums.map((sum, i) => (counts[i]! > 0 ? sum / counts[i]! : null));
  for (let i = 0; i < 2; i++) {
    const a = means[i];
    const b = means[i + 1];
    if (a !== null && a !== undefined && b !== null && b !== undefined) canvas.line(xs[i]!, yOf(a), xs[i + 1]!, yOf(b), { color: '#1d2733', width: 2.4 });
  }
  means.forEach((mean, i) => {
    if (mean === null || mean === undefined) return;
    canvas.circle(xs[i]!, yOf(mean), 3.4, { color: '#1d2733' });
    const label = words.meanOf(formatScoreIn(words, Math.round(mean * 10) / 10), counts[i]!);
    const width = canvas.textWidth(label, 6.5, true) + 4;
    const x = Math.min(Math.max(xs[i]! - width / 2, plot.x), plot.x + plot.width - width);
    canvas.rect(x, yOf(mean) - 15, width, 9, { color: '#ffffff', opacity: 0.85 });
    canvas.text(label, { size: 6.5, bold: true, width, align: 'center', fixed: true }, { x, y: yOf(mean) - 13.5 });
  });
}
