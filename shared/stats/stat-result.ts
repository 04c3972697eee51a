// One result shape for every agreement statistic, so the UI can show a number, an interval,
// a caveat or a Dutch reason without knowing which statistic it is looking at.

export type NotComputableCode =
  | 'too-few-raters'
  | 'too-few-clips'
  | 'no-variance'
  | 'no-clip-variance'
  | 'undefined-ratio';

export type WarningCode =
  | 'outside-unit-range'
  | 'interval-not-computable'
  | 'bootstrap-partial'
  | 'bootstrap-not-computable';

export interface StatWarning {
  readonly code: WarningCode;
  readonly message: string;
}

export interface BootstrapInterval {
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly resamples: number;
  /** Resamples on which the statistic was computable; the others are left out of the interval. */
  readonly used: number;
}

export interface ComputedStat {
  readonly ok: true;
  readonly value: number;
  /** Clips (recordings) the value rests on. */
  readonly n: number;
  /** Analytic confidence interval (ICC: F-based 95%), when the statistic has one. */
  readonly lower?: number;
  readonly upper?: number;
  readonly bootstrap?: BootstrapInterval;
  readonly warnings?: readonly StatWarning[];
}

export interface NotComputableStat {
  readonly ok: false;
  readonly code: NotComputableCode;
  /** Dutch, for the UI. */
  readonly reason: string;
  readonly n: number;
}

export type Stat = ComputedStat | NotComputableStat;

export function notComputable(code: NotComputableCode, n: number, reason: string): NotComputableStat {
  return { ok: false, code, reason, n };
}

export function tooFewRaters(raters: number): NotComputableStat {
  return notComputable(
    'too-few-raters',
    0,
    `Minder dan twee beoordelaars (${raters}); overeenstemming vraagt er minstens twee.`,
  );
}

export function tooFewClips(n: number): NotComputableStat {
  return notComputable(
    'too-few-clips',
    n,
    `Te weinig bruikbare opnamen (${n}); er zijn er minstens twee nodig.`,
  );
}

export function noVariance(n: number): NotComputableStat {
  return notComputable(
    'no-variance',
    n,
    'Geen variatie: alle gebruikte scores zijn gelijk, dus overeenstemming boven toeval is niet te bepalen.',
  );
}

export function noClipVariance(n: number): NotComputableStat {
  return notComputable(
    'no-clip-variance',
    n,
    'De opnamen verschillen onderling niet in gemiddelde score; deze vorm is dan niet gedefinieerd.',
  );
}

export function undefinedRatio(n: number): NotComputableStat {
  return notComputable(
    'undefined-ratio',
    n,
    'Niet te berekenen: de noemer van de formule is nul voor deze gegevens.',
  );
}

export const OUTSIDE_UNIT_RANGE: StatWarning = {
  code: 'outside-unit-range',
  message:
    'Waarde buiten [−1, 1] door overeenstemming onder toevalsniveau; niet te lezen als betrouwbaarheid.',
};

export const INTERVAL_NOT_COMPUTABLE: StatWarning = {
  code: 'interval-not-computable',
  message: 'Het betrouwbaarheidsinterval is voor deze gegevens niet te berekenen.',
};

export function computed(
  value: number,
  n: number,
  extra?: {
    lower?: number;
    upper?: number;
    warnings?: readonly StatWarning[];
  },
): ComputedStat {
  // Plain literals, no spreading: bootstrap loops create hundreds of thousands of these.
  if (extra === undefined) return { ok: true, value, n };
  const { lower, upper, warnings } = extra;
  const hasInterval = lower !== undefined && upper !== undefined;
  const hasWarnings = warnings !== undefined && warnings.length > 0;
  if (hasInterval && hasWarnings) return { ok: true, value, n, lower, upper, warnings };
  if (hasInterval) return { ok: true, value, n, lower, upper };
  if (hasWarnings) return { ok: true, value, n, warnings };
  return { ok: true, value, n };
}

/** The numeric value, or NaN when not computable; only for internal vectors such as bootstrap draws. */
export function valueOrNaN(stat: Stat): number {
  return stat.ok ? stat.value : Number.NaN;
}
