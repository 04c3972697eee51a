import { SCALE_KEYS, SCALE_MAX, SCALE_MIN, type ScaleKey } from '../../../../shared/domain/scales';
import type { ScaleAgreement } from '../../../../shared/domain/scoring';
import { computeAgreement } from '../../../../shared/stats/compute-agreement';

// The round's agreement figures, from the agreement statistics in shared/stats. Items are
// recording × caregiver pairs (each is one "clip" for the statistics), raters are the round's
// raters; only submitted blind scores of this round go in — never practice, never consensus.

export interface AgreementScore {
  itemKey: string;
  scale: ScaleKey;
  raterId: number;
  value: number;
}

/**
 * The items × raters matrix of one scale (null where a rater did not score the item). Items nobody
 * scored are left out. Also used by the agreement page (features/agreement), so both screens count
 * the same way.
 */
export function agreementMatrix(
  itemKeys: readonly string[],
  raterIds: readonly number[],
  scores: readonly AgreementScore[],
  scale: ScaleKey,
): { itemKeys: string[]; rows: (number | null)[][] } {
  const byItem = new Map(itemKeys.map((key) => [key, new Map<number, number>()]));
  for (const score of scores) if (score.scale === scale) byItem.get(score.itemKey)?.set(score.raterId, score.value);
  const kept: string[] = [];
  const rows: (number | null)[][] = [];
  for (const key of itemKeys) {
    const row = raterIds.map((raterId) => byItem.get(key)?.get(raterId) ?? null);
    // Items nobody scored say nothing about agreement; keep them out so "n" means something.
    if (row.some((v) => v !== null)) {
      kept.push(key);
      rows.push(row);
    }
  }
  return { itemKeys: kept, rows };
}

export function roundAgreement(itemKeys: readonly string[], raterIds: readonly number[], scores: readonly AgreementScore[]): ScaleAgreement[] {
  return SCALE_KEYS.map((scale) => {
    const { rows } = agreementMatrix(itemKeys, raterIds, scores, scale);
    const result = computeAgreement({ raterIds: raterIds.map(String), scores: rows }, { min: SCALE_MIN, max: SCALE_MAX });
    const computable = result.kappaPairs.flatMap((pair) => (pair.linear.ok ? [pair.linear] : []));
    const linear = computable.map((stat) => stat.value);
    const firstReason = result.kappaPairs.map((pair) => pair.linear).find((stat) => !stat.ok);
    return {
      scale,
      itemCount: rows.length,
      raterCount: raterIds.length,
      icc: result.icc.ICC2,
      kappaLinearMean:
        linear.length > 0
          ? { value: linear.reduce((a, b) => a + b, 0) / linear.length, pairs: linear.length, n: Math.max(...computable.map((stat) => stat.n)) }
          : null,
      kappaNotComputable:
        linear.length > 0 ? null : firstReason && !firstReason.ok ? firstReason.reason : 'Minder dan twee beoordelaars; kappa vraagt een paar.',
      alphaOrdinal: result.krippendorffAlpha.ordinal,
      alphaInterval: result.krippendorffAlpha.interval,
      percentExact: result.percentAgreement.exact,
      percentWithin1: result.percentAgreement.within1,
    };
  });
}
