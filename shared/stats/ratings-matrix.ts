// The input model shared by every statistic: clips (recordings) in rows, raters in columns,
// null where a rater did not score the clip.

export interface ScaleBounds {
  readonly min: number;
  readonly max: number;
}

export type Score = number | null;

export interface RatingsMatrix {
  readonly raterIds: readonly string[];
  /** One row per clip, one entry per rater in raterIds order. */
  readonly scores: readonly (readonly Score[])[];
  readonly clipIds?: readonly string[];
}

export type RatingsInputErrorCode =
  | 'invalid-scale'
  | 'ragged-row'
  | 'duplicate-rater'
  | 'clip-id-count'
  | 'not-a-number'
  | 'not-an-integer'
  | 'out-of-range';

/** Thrown for input no statistic should see: a programming or import error, not a data property. */
export class RatingsInputError extends Error {
  readonly code: RatingsInputErrorCode;
  constructor(code: RatingsInputErrorCode, message: string) {
    super(message);
    this.name = 'RatingsInputError';
    this.code = code;
  }
}

export function categoryCount(scale: ScaleBounds): number {
  return scale.max - scale.min + 1;
}

export function checkScale(scale: ScaleBounds): void {
  if (!Number.isInteger(scale.min) || !Number.isInteger(scale.max) || scale.min >= scale.max) {
    throw new RatingsInputError(
      'invalid-scale',
      `Ongeldige schaal [${scale.min}, ${scale.max}]: minimum en maximum moeten gehele getallen zijn, met minimum < maximum.`,
    );
  }
}

export function checkRatings(matrix: RatingsMatrix, scale: ScaleBounds): void {
  checkScale(scale);
  const raterCount = matrix.raterIds.length;
  if (new Set(matrix.raterIds).size !== raterCount) {
    throw new RatingsInputError('duplicate-rater', 'Een beoordelaar komt meer dan eens voor.');
  }
  if (matrix.clipIds !== undefined && matrix.clipIds.length !== matrix.scores.length) {
    throw new RatingsInputError(
      'clip-id-count',
      `Er zijn ${matrix.clipIds.length} opname-id's voor ${matrix.scores.length} rijen scores.`,
    );
  }
  matrix.scores.forEach((row, clip) => {
    const where = `opname ${matrix.clipIds?.[clip] ?? clip + 1}`;
    if (row.length !== raterCount) {
      throw new RatingsInputError(
        'ragged-row',
        `${where} heeft ${row.length} scores, verwacht ${raterCount} (één per beoordelaar).`,
      );
    }
    row.forEach((score, rater) => {
      if (score === null) return;
      const who = `${where}, beoordelaar ${matrix.raterIds[rater]}`;
      if (typeof score !== 'number' || !Number.isFinite(score)) {
        throw new RatingsInputError('not-a-number', `${who}: score is geen getal.`);
      }
      if (!Number.isInteger(score)) {
        throw new RatingsInputError('not-an-integer', `${who}: score ${score} is geen geheel getal.`);
      }
      if (score < scale.min || score > scale.max) {
        throw new RatingsInputError(
          'out-of-range',
          `${who}: score ${score} valt buiten de schaal ${scale.min}–${scale.max}.`,
        );
      }
    });
  });
}

/** Scores as 0-based category indices (score − min), −1 for missing, in one flat row-major array. */
export interface CategoryGrid {
  readonly clips: number;
  readonly raters: number;
  readonly categories: number;
  readonly cells: Int32Array;
}

export function toCategoryGrid(matrix: RatingsMatrix, scale: ScaleBounds): CategoryGrid {
  checkRatings(matrix, scale);
  const clips = matrix.scores.length;
  const raters = matrix.raterIds.length;
  const cells = new Int32Array(clips * raters);
  matrix.scores.forEach((row, clip) => {
    row.forEach((score, rater) => {
      cells[clip * raters + rater] = score === null ? -1 : score - scale.min;
    });
  });
  return { clips, raters, categories: categoryCount(scale), cells };
}

/**
 * Counts how often each category was given to one clip, into `counts` (reset first, reused across
 * clips to keep the hot loops allocation-free). Returns how many raters rated the clip.
 */
export function countClipCategories(grid: CategoryGrid, clip: number, counts: Int32Array): number {
  counts.fill(0);
  let rated = 0;
  for (let rater = 0; rater < grid.raters; rater++) {
    const category = grid.cells[clip * grid.raters + rater] ?? -1;
    if (category < 0) continue;
    counts[category] = (counts[category] ?? 0) + 1;
    rated++;
  }
  return rated;
}
