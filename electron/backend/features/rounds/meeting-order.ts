import { median, SCALE_KEYS, type ScaleKey } from '../../../../shared/domain/scales';

// How the meeting orders its agenda items: the largest disagreement first, because those are the
// ones worth the team's time; ties keep the agenda order so the projector does not jump around.

export interface SpreadFigures {
  median: number | null;
  min: number | null;
  max: number | null;
  spread: number | null;
}

export function spreadOf(values: readonly number[]): SpreadFigures {
  if (values.length === 0) return { median: null, min: null, max: null, spread: null };
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { median: median(values), min, max, spread: max - min };
}

export interface OrderableItem {
  spread: number | null;
  /** Position of the recording on the agenda. */
  agendaIndex: number;
  caregiverIndex: number;
  scale: ScaleKey;
}

export function orderBySpread<T extends OrderableItem>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      (b.spread ?? -1) - (a.spread ?? -1) ||
      a.agendaIndex - b.agendaIndex ||
      a.caregiverIndex - b.caregiverIndex ||
      SCALE_KEYS.indexOf(a.scale) - SCALE_KEYS.indexOf(b.scale),
  );
}
