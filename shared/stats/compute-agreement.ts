import {
  attachBootstrap,
  bootstrapDifference,
  drawBootstrap,
  type BootstrapOptions,
} from './bootstrap';
import {
  COHEN_KAPPA_MISSING_DATA_RULE,
  KAPPA_WEIGHTINGS,
  pairKappaKey,
  prepareCohenKappas,
  type KappaPair,
} from './cohen-kappa';
import { FLEISS_KAPPA_MISSING_DATA_RULE, prepareFleissKappa } from './fleiss-kappa';
import { ICC_FORMS, ICC_MISSING_DATA_RULE, iccFromAnova, prepareIcc, type IccForm } from './icc';
import {
  ALPHA_METRICS,
  KRIPPENDORFF_ALPHA_MISSING_DATA_RULE,
  prepareKrippendorffAlpha,
  type AlphaMetric,
} from './krippendorff-alpha';
import {
  PERCENT_AGREEMENT_KEYS,
  PERCENT_AGREEMENT_MISSING_DATA_RULE,
  preparePercentAgreement,
  type PercentAgreementKey,
} from './percent-agreement';
import { toCategoryGrid, type CategoryGrid, type RatingsMatrix, type ScaleBounds } from './ratings-matrix';
import type { Stat } from './stat-result';
import { unitWeights, type WeightedStatistic } from './weighted-statistic';

export const MISSING_DATA_RULES = {
  icc: ICC_MISSING_DATA_RULE,
  cohenKappa: COHEN_KAPPA_MISSING_DATA_RULE,
  fleissKappa: FLEISS_KAPPA_MISSING_DATA_RULE,
  krippendorffAlpha: KRIPPENDORFF_ALPHA_MISSING_DATA_RULE,
  percentAgreement: PERCENT_AGREEMENT_MISSING_DATA_RULE,
} as const;

export interface AgreementOptions {
  /** Adds a percentile bootstrap interval (resampling clips) to every computable statistic. */
  readonly bootstrap?: BootstrapOptions;
}

export interface AgreementResult {
  readonly clipCount: number;
  readonly raterIds: readonly string[];
  readonly icc: Record<IccForm, Stat>;
  readonly kappaPairs: readonly KappaPair[];
  readonly fleissKappa: Stat;
  readonly krippendorffAlpha: Record<AlphaMetric, Stat>;
  readonly percentAgreement: Record<PercentAgreementKey, Stat>;
}

function withDraws<K extends string>(
  point: Record<K, Stat>,
  keys: readonly K[],
  drawsFor: (key: K) => Float64Array | undefined,
  level: number | undefined,
): Record<K, Stat> {
  const result = { ...point };
  for (const key of keys) {
    const draws = drawsFor(key);
    if (draws !== undefined) result[key] = attachBootstrap(point[key], draws, level);
  }
  return result;
}

/** Every agreement statistic for one set of clips, optionally with bootstrap intervals. */
export function computeAgreement(
  matrix: RatingsMatrix,
  scale: ScaleBounds,
  options: AgreementOptions = {},
): AgreementResult {
  const grid = toCategoryGrid(matrix, scale);
  const ones = unitWeights(grid.clips);
  const icc = prepareIcc(grid);
  const kappas = prepareCohenKappas(grid);
  const fleiss = prepareFleissKappa(grid);
  const alpha = prepareKrippendorffAlpha(grid);
  const percent = preparePercentAgreement(grid);

  const bootstrap = options.bootstrap;
  const level = bootstrap?.level;
  const draws =
    bootstrap === undefined
      ? undefined
      : drawBootstrap<string>([icc, fleiss, alpha, percent, kappas], bootstrap);
  const [iccDraws, fleissDraws, alphaDraws, percentDraws, kappaDraws] = draws ?? [];

  return {
    clipCount: grid.clips,
    raterIds: matrix.raterIds,
    icc: withDraws(iccFromAnova(icc.anova(ones), { intervals: true }), ICC_FORMS, (form) => iccDraws?.[form], level),
    kappaPairs: kappas.evaluatePairs(ones).map((point, pair) => {
      const [a, b] = kappas.pairs[pair] ?? [0, 0];
      return {
        raters: [matrix.raterIds[a] ?? '', matrix.raterIds[b] ?? ''] as const,
        n: point.unweighted.n,
        ...withDraws(point, KAPPA_WEIGHTINGS, (weighting) => kappaDraws?.[pairKappaKey(pair, weighting)], level),
      };
    }),
    fleissKappa: withDraws(fleiss.evaluate(ones), ['fleissKappa'], (key) => fleissDraws?.[key], level).fleissKappa,
    krippendorffAlpha: withDraws(alpha.evaluate(ones), ALPHA_METRICS, (metric) => alphaDraws?.[metric], level),
    percentAgreement: withDraws(percent.evaluate(ones), PERCENT_AGREEMENT_KEYS, (key) => percentDraws?.[key], level),
  };
}

export type SummaryStatistic =
  | IccForm
  | 'fleissKappa'
  | 'alphaNominal'
  | 'alphaOrdinal'
  | 'alphaInterval'
  | 'percentExact'
  | 'percentWithin1';

function pick<K extends string>(statistic: WeightedStatistic<K>, key: K): WeightedStatistic<'value'> {
  return {
    clipCount: statistic.clipCount,
    keys: ['value'],
    evaluate: (weights) => ({ value: statistic.evaluate(weights)[key] }),
  };
}

/** One team-level statistic, prepared for bootstrapping (ICC values without their F intervals). */
export function prepareSummaryStatistic(grid: CategoryGrid, statistic: SummaryStatistic): WeightedStatistic<'value'> {
  switch (statistic) {
    case 'fleissKappa':
      return pick(prepareFleissKappa(grid), 'fleissKappa');
    case 'alphaNominal':
      return pick(prepareKrippendorffAlpha(grid), 'nominal');
    case 'alphaOrdinal':
      return pick(prepareKrippendorffAlpha(grid), 'ordinal');
    case 'alphaInterval':
      return pick(prepareKrippendorffAlpha(grid), 'interval');
    case 'percentExact':
      return pick(preparePercentAgreement(grid), 'exact');
    case 'percentWithin1':
      return pick(preparePercentAgreement(grid), 'within1');
    default:
      return pick(prepareIcc(grid), statistic);
  }
}

/**
 * Difference in one statistic between two groups of clips (A − B), e.g. before versus after
 * clips, with a bootstrap interval from resampling clips within each group.
 */
export function compareAgreement(
  groupA: RatingsMatrix,
  groupB: RatingsMatrix,
  scale: ScaleBounds,
  statistic: SummaryStatistic,
  options: BootstrapOptions,
): Stat {
  return bootstrapDifference(
    prepareSummaryStatistic(toCategoryGrid(groupA, scale), statistic),
    prepareSummaryStatistic(toCategoryGrid(groupB, scale), statistic),
    'value',
    options,
  );
}
