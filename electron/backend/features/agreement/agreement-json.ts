import { ICC_FORMS } from '../../../../shared/stats/icc';
import type { AgreementResult } from '../../../../shared/stats/compute-agreement';
import type { Stat } from '../../../../shared/stats/stat-result';

// The command line's JSON: snake_case, proportions as fractions, null for anything not
// computable with the reason beside it under the same path, so scripts never meet NaN.

export interface IntervalJson {
  readonly value: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface AgreementJson {
  readonly n_clips: number;
  readonly n_raters: number;
  readonly icc: Record<string, IntervalJson>;
  readonly kappa_pairs: {
    readonly raters: readonly [string, string];
    readonly n: number;
    readonly unweighted: number | null;
    readonly linear: number | null;
    readonly quadratic: number | null;
  }[];
  readonly fleiss_kappa: number | null;
  readonly kripp_alpha: { readonly nominal: number | null; readonly ordinal: number | null; readonly interval: number | null };
  readonly pct_exact: number | null;
  readonly pct_within1: number | null;
  /** Path of each null value (e.g. "icc.ICC1k", "kappa_pairs[0].linear") → why it is null. */
  readonly reasons: Record<string, { readonly code: string; readonly reason: string }>;
  /** Path of a value that comes with a caveat (outside [−1, 1], no interval) → the caveats. */
  readonly warnings: Record<string, { readonly code: string; readonly message: string }[]>;
}

export function toAgreementJson(result: AgreementResult): AgreementJson {
  const reasons: Record<string, { code: string; reason: string }> = {};
  const warnings: Record<string, { code: string; message: string }[]> = {};
  const note = (path: string, stat: Stat): number | null => {
    if (!stat.ok) {
      reasons[path] = { code: stat.code, reason: stat.reason };
      return null;
    }
    if (stat.warnings !== undefined && stat.warnings.length > 0) {
      warnings[path] = stat.warnings.map(({ code, message }) => ({ code, message }));
    }
    return stat.value;
  };

  const icc: Record<string, IntervalJson> = {};
  for (const form of ICC_FORMS) {
    const stat = result.icc[form];
    const value = note(`icc.${form}`, stat);
    icc[form] = {
      value,
      lower: stat.ok ? (stat.lower ?? null) : null,
      upper: stat.ok ? (stat.upper ?? null) : null,
    };
  }

  return {
    n_clips: result.clipCount,
    n_raters: result.raterIds.length,
    icc,
    kappa_pairs: result.kappaPairs.map((pair, index) => ({
      raters: pair.raters,
      n: pair.n,
      unweighted: note(`kappa_pairs[${index}].unweighted`, pair.unweighted),
      linear: note(`kappa_pairs[${index}].linear`, pair.linear),
      quadratic: note(`kappa_pairs[${index}].quadratic`, pair.quadratic),
    })),
    fleiss_kappa: note('fleiss_kappa', result.fleissKappa),
    kripp_alpha: {
      nominal: note('kripp_alpha.nominal', result.krippendorffAlpha.nominal),
      ordinal: note('kripp_alpha.ordinal', result.krippendorffAlpha.ordinal),
      interval: note('kripp_alpha.interval', result.krippendorffAlpha.interval),
    },
    pct_exact: note('pct_exact', result.percentAgreement.exact),
    pct_within1: note('pct_within1', result.percentAgreement.within1),
    reasons,
    warnings,
  };
}
