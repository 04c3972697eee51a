import {
  MEASUREMENT_MOMENTS,
  type MeasurementMoment,
  type MomentValue,
  type PhaseSpan,
  type TrendPoint,
  type TrendSource,
} from '../../../../shared/domain/trends';
import type { VisitPhase } from '../../../../shared/domain/vocabulary';
import type { IndexedItem, IndexedRecording } from './trend-index';

// Pure rules of the trend feature: what value a recording gets for one caregiver and scale, how
// recordings combine into one value per measurement moment, and how visits make phase spans.

export interface ItemValue {
  value: number | null;
  source: TrendSource;
  consensus: number | null;
  mean: number | null;
  min: number | null;
  max: number | null;
  scoreCount: number;
  raterCount: number;
}

const EMPTY: ItemValue = { value: null, source: 'none', consensus: null, mean: null, min: null, max: null, scoreCount: 0, raterCount: 0 };
const HIDDEN: ItemValue = { ...EMPTY, source: 'blind_round' };

/**
 * The value of one caregiver on one scale in one recording: the consensus where there is one,
 * else the mean of the submitted blind scores (labelled as such); hidden while the recording is in
 * a round that is still blind; a gap when there is nothing. With a rater filter only that rater's
 * blind scores count and consensus does not, because a consensus is not one rater's score.
 */
export function itemValue(
  recording: Pick<IndexedRecording, 'blindRound'>,
  item: Pick<IndexedItem, 'blind' | 'consensus'> | undefined,
  raterId?: number,
): ItemValue {
  if (recording.blindRound) return HIDDEN;
  if (!item) return EMPTY;
  const scores = item.blind;
  let count = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let raters = 0;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    if (raterId !== undefined && score.raterId !== raterId) continue;
    count += 1;
    sum += score.value;
    if (score.value < min) min = score.value;
    if (score.value > max) max = score.value;
    // The same rater may have scored a recording in two meetings; count people, not sheets.
    let seen = false;
    for (let j = 0; j < i && !seen; j++) seen = scores[j]!.raterId === score.raterId && (raterId === undefined || scores[j]!.raterId === raterId);
    if (!seen) raters += 1;
  }
  const consensus = raterId === undefined ? item.consensus : null;
  if (count === 0 && consensus === null) return EMPTY;
  const mean = count > 0 ? sum / count : null;
  return {
    value: consensus ?? mean,
    source: consensus !== null ? 'consensus' : 'mean',
    consensus,
    mean,
    min: count > 0 ? min : null,
    max: count > 0 ? max : null,
    scoreCount: count,
    raterCount: raters,
  };
}

/** Just the value of `itemValue`, without building the description (the team overview's hot loop). */
export function itemNumber(
  recording: Pick<IndexedRecording, 'blindRound'>,
  item: Pick<IndexedItem, 'blind' | 'consensus'> | undefined,
  raterId?: number,
): number | null {
  if (recording.blindRound || !item) return null;
  if (raterId === undefined && item.consensus !== null) return item.consensus;
  let count = 0;
  let sum = 0;
  for (const score of item.blind) {
    if (raterId !== undefined && score.raterId !== raterId) continue;
    count += 1;
    sum += score.value;
  }
  return count > 0 ? sum / count : null;
}

/**
 * One value per measurement moment: the mean of the values of the recordings at that moment
 * (a family may have filmed bathing and playing at the voormeting). Recordings without a value
 * are counted but never filled in; recordings without a moment never count.
 */
export function momentValues(points: readonly Pick<TrendPoint, 'moment' | 'value'>[]): MomentValue[] {
  return MEASUREMENT_MOMENTS.map((moment) => {
    const here = points.filter((point) => point.moment === moment);
    const values = here.flatMap((point) => (point.value === null ? [] : [point.value]));
    return {
      moment,
      value: values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null,
      scoredRecordings: values.length,
      recordings: here.length,
    };
  });
}

/** Accumulates values per moment without building point objects (the team overview's hot path). */
export class MomentAccumulator {
  private sum0 = 0;
  private sum1 = 0;
  private sum2 = 0;
  private count0 = 0;
  private count1 = 0;
  private count2 = 0;

  add(moment: string, value: number | null): void {
    if (value === null) return;
    if (moment === 'voormeting') {
      this.sum0 += value;
      this.count0 += 1;
    } else if (moment === 'nameting') {
      this.sum1 += value;
      this.count1 += 1;
    } else if (moment === 'follow-up') {
      this.sum2 += value;
      this.count2 += 1;
    }
  }

  value(moment: MeasurementMoment): number | null {
    if (moment === 'voormeting') return this.count0 > 0 ? this.sum0 / this.count0 : null;
    if (moment === 'nameting') return this.count1 > 0 ? this.sum1 / this.count1 : null;
    return this.count2 > 0 ? this.sum2 / this.count2 : null;
  }
}

/**
 * Phase spans from the home visits: consecutive visits in the same phase form one span, which
 * runs until the first visit of the next phase (or its own last visit when it is the last).
 */
export function phaseSpans(visits: readonly { date: string; phase: VisitPhase }[]): PhaseSpan[] {
  const sorted = [...visits].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const spans: PhaseSpan[] = [];
  for (const visit of sorted) {
    const last = spans.at(-1);
    if (last && last.phase === visit.phase) {
      last.to = visit.date;
      continue;
    }
    if (last) last.to = visit.date;
    spans.push({ phase: visit.phase, from: visit.date, to: visit.date });
  }
  return spans;
}
