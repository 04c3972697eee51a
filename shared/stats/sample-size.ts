import type { Stat } from './stat-result';

/**
 * Below this many items an agreement figure is shown as "te weinig items (n = …)" instead of a
 * value, an interval and a word, everywhere it is read: the agreement page and its print, the
 * meeting and its minutes, the reading column of the agreement CSV. The team overview and its
 * PDF report use the same number for their change statistics (parents with both moments) and
 * then say the interval is a rough indication.
 *
 * Why 10. With a 1–9 scale, four raters and a true ICC of about 0.7, simulated with this code's
 * own statistics (100 data sets per n, 300 resamples):
 * - The percentile bootstrap intervals of alpha, kappa and the percentages are far too narrow
 *   below it: a "95%" interval held the true value in 30% of the data sets at n = 2, about 75%
 *   at n = 5 to 6, and about 90% from n = 8 to 10 on. A bootstrap can only reshuffle the few
 *   items there are; with two items it knows three data sets, which is how "0,70 [0,00; 0,70]"
 *   happens.
 * - The ICC's F-based interval keeps its coverage, but is wider than 0.5 below n = 10 (0.8 at
 *   n = 4): it then spans from "zwak" to "goed" or further, so no word can honestly be given.
 * Ten is also where the team report already stopped reading its change statistics as more than
 * a rough indication, so one number now holds for both.
 */
export const MIN_ITEMS = 10;

/**
 * Whether a figure rests on too few items to be read. Not for a statistic that could not be
 * computed for a reason of its own on enough items, and not for too few raters: those keep their
 * own Dutch reason, which says more.
 */
export function tooFewItems(stat: Stat): boolean {
  if (!stat.ok && stat.code === 'too-few-raters') return false;
  return stat.n < MIN_ITEMS;
}

/** The same for a count alone (a rater's number of items, a pair's shared items). */
export function tooFewItemsIn(n: number): boolean {
  return n < MIN_ITEMS;
}

/**
 * A difference between two groups of items is as readable as the smaller group: the number of
 * items of the group that is too small, or null when both have enough.
 */
export function tooFewForDifference(groupA: Stat, groupB: Stat): number | null {
  const short = [groupA, groupB].filter(tooFewItems).map((stat) => stat.n);
  return short.length > 0 ? Math.min(...short) : null;
}
