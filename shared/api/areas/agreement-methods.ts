import { z } from 'zod';
import type { ScaleKey } from '../../domain/scales';
import { ACTIVITIES, MOMENTS, type Moment } from '../../domain/vocabulary';
import type { Stat } from '../../stats/stat-result';
import { method, type MethodSpec } from '../method-spec';
import { calendarDate, id } from '../schemas';
import { say } from '../validation-messages';

/**
 * Which scored recordings the agreement page looks at, among the scores that count (the back end's
 * counted-scores rule, the same as the trends'): submitted blind scores of revealed rounds, by the
 * round's raters, for caregivers in view. Practice ("niet blind") scores never count: they may have
 * been given after seeing the others'. A recording that is in a round still blind is always left
 * out, whatever the filters say.
 */
export const agreementFilters = z
  .strictObject({
    /** Rounds or meetings; empty = all revealed ones. */
    roundIds: z.array(id).max(500).default([]),
    /** Period on the date the scores belong to: the round's date. */
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    moments: z.array(z.enum(MOMENTS, { error: say('Onbekend meetmoment.', 'Unknown measurement moment.') })).max(4).default([]),
    activity: z.enum(ACTIVITIES, { error: say('Onbekende activiteit.', 'Unknown activity.') }).optional(),
    /** Raters to compare; empty = everyone with scores in the selection. */
    raterIds: z.array(id).max(200).default([]),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, {
    message: say('De begindatum ligt na de einddatum.', 'The start date is after the end date.'),
    path: ['to'],
  });

export type AgreementFilters = z.output<typeof agreementFilters>;
export type AgreementFiltersInput = z.input<typeof agreementFilters>;

/**
 * How a value reads in words, after a named published rule of thumb: Koo & Li's and Landis &
 * Koch's four bands for ICC and kappa, Krippendorff's own three for alpha.
 */
export type ReadingLevel = 'zwak' | 'matig' | 'goed' | 'uitstekend' | 'onvoldoende' | 'voorlopig' | 'betrouwbaar';
export type ReadingScheme = 'koo-li-2016' | 'landis-koch-1977' | 'krippendorff-2004' | 'none';

export interface AgreementReading {
  scheme: ReadingScheme;
  /**
   * Null when the statistic is not computable, rests on fewer than MIN_ITEMS items
   * (shared/stats/sample-size.ts), or the scheme does not apply (percentages).
   */
  level: ReadingLevel | null;
}

/**
 * Fleiss' kappa and ordinal alpha far apart (by CONTRAST_GAP or more), and which way: the page says
 * why in one sentence. 'near-misses': alpha far higher (scores often close, seldom identical);
 * 'wide-misses': kappa far higher (often identical, but the misses are wide).
 */
export interface AgreementContrast {
  kind: 'near-misses' | 'wide-misses';
  fleissKappa: { value: number; n: number };
  alphaOrdinal: { value: number; n: number };
}

export type AgreementStatKey =
  | 'ICC1'
  | 'ICC2'
  | 'ICC3'
  | 'ICC1k'
  | 'ICC2k'
  | 'ICC3k'
  | 'kappaLinearMean'
  | 'kappaQuadraticMean'
  | 'fleissKappa'
  | 'alphaOrdinal'
  | 'alphaInterval'
  | 'percentExact'
  | 'percentWithin1';

export interface AgreementStatRow {
  key: AgreementStatKey;
  stat: Stat;
  /** Which clips and scores the statistic uses (shared/stats MISSING_DATA_RULES, Dutch). */
  missingDataRule: string;
  reading: AgreementReading;
}

export interface MomentGroup {
  moment: Exclude<Moment, 'geen'>;
  itemCount: number;
  stat: Stat;
  reading: AgreementReading;
}

export interface MomentComparison {
  statistic: 'ICC2' | 'alphaOrdinal' | 'percentWithin1';
  groups: MomentGroup[];
  /** Later moment minus voormeting, with a bootstrap interval (compareAgreement). */
  differences: { to: 'nameting' | 'follow-up'; stat: Stat }[];
}

export interface MeetingPoint {
  roundId: number;
  name: string;
  heldOn: string;
  kind: 'round' | 'meeting';
  itemCount: number;
  /** ICC(2,1) with its F-based 95% interval. */
  icc: Stat;
}

export interface PairKappa {
  raterA: number;
  raterB: number;
  /** Items both scored. */
  n: number;
  /** Linear weighted kappa with a bootstrap interval. */
  kappa: Stat;
}

export interface RaterDeviation {
  raterId: number;
  /** Mean of (own score − reference); reference = consensus where there is one, else the others' mean. */
  mean: number | null;
  n: number;
  /** How many of the n compared against a consensus score. */
  againstConsensus: number;
  months: { month: string; mean: number; n: number }[];
}

export interface ScaleAgreementOverview {
  scale: ScaleKey;
  itemCount: number;
  raterCount: number;
  statistics: AgreementStatRow[];
  /** Null unless Fleiss' kappa and ordinal alpha disagree strongly. */
  contrast: AgreementContrast | null;
  beforeAfter: MomentComparison[];
  meetings: MeetingPoint[];
  pairs: PairKappa[];
  deviations: RaterDeviation[];
}

export interface AgreementOverview {
  /** Recordings and families whose scores went in (also written to the access log). */
  recordingCount: number;
  familyCount: number;
  raters: { id: number; name: string; initials: string }[];
  /** Revealed rounds and meetings, for the filter. */
  rounds: { id: number; name: string; heldOn: string; kind: 'round' | 'meeting' }[];
  /** Recordings left out because they are in a round that is still blind. */
  blindExcluded: number;
  bootstrap: { resamples: number; level: number };
  scales: ScaleAgreementOverview[];
}

export interface AgreementCsv {
  fileName: string;
  mimeType: string;
  /** The file's text, starting with a UTF-8 byte-order mark. */
  content: string;
}

/** Team agreement between raters (coordinator only; one team row in the access log per call). */
export const agreementMethods = {
  'agreement.overview': method<AgreementOverview>()(
    'Overeenstemming tussen beoordelaars per schaal: statistieken, voor/na, per intervisie, paren en afwijking per beoordelaar.',
    z.strictObject({ filters: agreementFilters.default({ roundIds: [], moments: [], raterIds: [] }) }),
  ),
  'agreement.exportCsv': method<AgreementCsv>()(
    'De cijfers van de overeenstemmingspagina als CSV (UTF-8 met BOM; komma of puntkomma).',
    z.strictObject({
      filters: agreementFilters.default({ roundIds: [], moments: [], raterIds: [] }),
      dialect: z.enum(['comma', 'semicolon'], { error: say('Kies komma of puntkomma.', 'Choose comma or semicolon.') }),
    }),
  ),
} as const satisfies Record<string, MethodSpec>;
