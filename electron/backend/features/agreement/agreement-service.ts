import type {
  AgreementFilters,
  AgreementOverview,
  AgreementStatKey,
  AgreementStatRow,
  MeetingPoint,
  MomentComparison,
  PairKappa,
  RaterDeviation,
  ScaleAgreementOverview,
} from '../../../../shared/api/areas/agreement-methods';
import { SCALE_KEYS, SCALE_MAX, SCALE_MIN, type ScaleKey } from '../../../../shared/domain/scales';
import type { Activity, Moment } from '../../../../shared/domain/vocabulary';
import { bootstrapStatistic, type BootstrapOptions } from '../../../../shared/stats/bootstrap';
import { prepareCohenKappas, type KappaWeighting } from '../../../../shared/stats/cohen-kappa';
import { compareAgreement, computeAgreement, MISSING_DATA_RULES, prepareSummaryStatistic } from '../../../../shared/stats/compute-agreement';
import { toCategoryGrid, type RatingsMatrix, type ScaleBounds } from '../../../../shared/stats/ratings-matrix';
import { tooFewRaters, type Stat } from '../../../../shared/stats/stat-result';
import type { WeightedStatistic } from '../../../../shared/stats/weighted-statistic';
import type { Db } from '../../db/open-database';
import { agreementMatrix, type AgreementScore } from '../rounds/round-agreement';
import { blindRecordingIds, countedConsensus, countedScores } from '../scoring/counted-scores';
import { contrastOf, readingOf } from './agreement-reading';

// The agreement page: the scores that count (scoring/counted-scores.ts, one rule with the trends)
// under the page's filters, how they become the items × raters matrices of shared/stats (the same matrix the meeting view builds, via
// agreementMatrix), and the figures per scale.

const SCALE: ScaleBounds = { min: SCALE_MIN, max: SCALE_MAX };
/** Fixed seed: the same data give the same intervals on screen, in the CSV and in the tests. */
export const AGREEMENT_BOOTSTRAP: BootstrapOptions & { level: number } = { resamples: 1000, seed: 20_260_101, level: 0.95 };

/** One score that counts (scoring/counted-scores.ts), with what the filters ask about. */
export interface UsableScore extends AgreementScore {
  recordingId: number;
  familyId: number;
  caregiverId: number;
  roundId: number;
  moment: Moment;
  activity: Activity;
  /** The round's date. */
  date: string;
}

/** Item = one scoring occasion of one caregiver: round × recording × caregiver. */
export function itemKeyOf(roundId: number, recordingId: number, caregiverId: number): string {
  return `${roundId}:${recordingId}:${caregiverId}`;
}

/**
 * The scores that count (the rule of scoring/counted-scores.ts, the same as the trends'), under
 * the page's filters; and how many recordings with submitted scores are held back because they
 * are in a round that is still blind.
 */
export function usableScores(db: Db, filters: AgreementFilters): { scores: UsableScore[]; blindExcluded: number } {
  const recordings = new Map(
    (db.prepare('SELECT id, family_id, moment, activity FROM recordings').all() as { id: number; family_id: number; moment: Moment; activity: Activity }[]).map(
      (row) => [row.id, row],
    ),
  );
  const heldOn = new Map((db.prepare('SELECT id, held_on FROM rounds').all() as { id: number; held_on: string }[]).map((row) => [row.id, row.held_on]));
  const blind = blindRecordingIds(db);
  const blindExcluded =
    blind.length === 0
      ? 0
      : (
          db
            .prepare(
              `SELECT COUNT(DISTINCT recording_id) AS n FROM score_sheets
               WHERE status = 'submitted' AND recording_id IN (SELECT value FROM json_each(?))`,
            )
            .get(JSON.stringify(blind)) as { n: number }
        ).n;
  const rounds = new Set(filters.roundIds);
  const moments = new Set<Moment>(filters.moments);
  const raters = new Set(filters.raterIds);
  const scores: UsableScore[] = [];
  for (const score of countedScores(db)) {
    const recording = recordings.get(score.recordingId);
    const date = heldOn.get(score.roundId);
    if (!recording || date === undefined) continue;
    if (rounds.size > 0 && !rounds.has(score.roundId)) continue;
    if (moments.size > 0 && !moments.has(recording.moment)) continue;
    if (filters.activity !== undefined && recording.activity !== filters.activity) continue;
    if (raters.size > 0 && !raters.has(score.raterId)) continue;
    if ((filters.from !== undefined && date < filters.from) || (filters.to !== undefined && date > filters.to)) continue;
    scores.push({
      itemKey: itemKeyOf(score.roundId, score.recordingId, score.caregiverId),
      scale: score.scale,
      raterId: score.raterId,
      value: score.value,
      recordingId: score.recordingId,
      familyId: recording.family_id,
      caregiverId: score.caregiverId,
      roundId: score.roundId,
      moment: recording.moment,
      activity: recording.activity,
      date,
    });
  }
  return { scores, blindExcluded };
}

/**
 * The matrix of one scale over a set of scores: items in first-seen order, and only the raters who
 * scored something in this set (a rater column of nothing but gaps would make every ICC clip
 * incomplete).
 */
export function matrixOf(scores: readonly UsableScore[], scale: ScaleKey): RatingsMatrix & { itemKeys: string[] } {
  const ofScale = scores.filter((score) => score.scale === scale);
  const itemKeys = [...new Set(ofScale.map((score) => score.itemKey))];
  const raterIds = [...new Set(ofScale.map((score) => score.raterId))].sort((a, b) => a - b);
  const { itemKeys: kept, rows } = agreementMatrix(itemKeys, raterIds, ofScale, scale);
  return { raterIds: raterIds.map(String), scores: rows, clipIds: kept, itemKeys: kept };
}

/** Mean of the pairwise weighted kappas as one bootstrappable statistic. */
function meanKappa(matrix: RatingsMatrix, weighting: KappaWeighting): Stat {
  if (matrix.raterIds.length < 2) return tooFewRaters(matrix.raterIds.length);
  const kappas = prepareCohenKappas(toCategoryGrid(matrix, SCALE));
  const mean: WeightedStatistic<'value'> = {
    clipCount: kappas.clipCount,
    keys: ['value'],
    evaluate(weights) {
      const triples = kappas.evaluatePairs(weights);
      const values = triples.flatMap((triple) => (triple[weighting].ok ? [triple[weighting].value] : []));
      if (values.length === 0) return { value: triples[0]?.[weighting] ?? tooFewRaters(matrix.raterIds.length) };
      const n = Math.max(...triples.map((triple) => triple[weighting].n));
      return { value: { ok: true, value: values.reduce((a, b) => a + b, 0) / values.length, n } };
    },
  };
  return bootstrapStatistic(mean, AGREEMENT_BOOTSTRAP).value;
}

function statisticRows(matrix: RatingsMatrix, result: ReturnType<typeof computeAgreement>): AgreementStatRow[] {
  const row = (key: AgreementStatKey, stat: Stat, missingDataRule: string): AgreementStatRow => ({
    key,
    stat,
    missingDataRule,
    reading: readingOf(key, stat),
  });
  return [
    row('ICC1', result.icc.ICC1, MISSING_DATA_RULES.icc),
    row('ICC2', result.icc.ICC2, MISSING_DATA_RULES.icc),
    row('ICC3', result.icc.ICC3, MISSING_DATA_RULES.icc),
    row('ICC1k', result.icc.ICC1k, MISSING_DATA_RULES.icc),
    row('ICC2k', result.icc.ICC2k, MISSING_DATA_RULES.icc),
    row('ICC3k', result.icc.ICC3k, MISSING_DATA_RULES.icc),
    row('kappaLinearMean', meanKappa(matrix, 'linear'), MISSING_DATA_RULES.cohenKappa),
    row('kappaQuadraticMean', meanKappa(matrix, 'quadratic'), MISSING_DATA_RULES.cohenKappa),
    row('fleissKappa', result.fleissKappa, MISSING_DATA_RULES.fleissKappa),
    row('alphaOrdinal', result.krippendorffAlpha.ordinal, MISSING_DATA_RULES.krippendorffAlpha),
    row('alphaInterval', result.krippendorffAlpha.interval, MISSING_DATA_RULES.krippendorffAlpha),
    row('percentExact', result.percentAgreement.exact, MISSING_DATA_RULES.percentAgreement),
    row('percentWithin1', result.percentAgreement.within1, MISSING_DATA_RULES.percentAgreement),
  ];
}

const COMPARED = ['ICC2', 'alphaOrdinal', 'percentWithin1'] as const;
const LATER = ['nameting', 'follow-up'] as const;

function beforeAfter(scores: readonly UsableScore[], scale: ScaleKey): MomentComparison[] {
  const groups = (['voormeting', ...LATER] as const).map((moment) => ({
    moment,
    matrix: matrixOf(
      scores.filter((score) => score.moment === moment),
      scale,
    ),
  }));
  const pre = groups[0]!.matrix;
  return COMPARED.map((statistic) => ({
    statistic,
    groups: groups.map(({ moment, matrix }) => {
      const stat = summaryStat(matrix, statistic);
      return { moment, itemCount: matrix.scores.length, stat, reading: readingOf(statistic, stat) };
    }),
    differences: groups
      .slice(1)
      .map(({ moment, matrix }) => ({
        to: moment as (typeof LATER)[number],
        stat: compareAgreement(matrix, pre, SCALE, statistic, AGREEMENT_BOOTSTRAP),
      })),
  }));
}

function summaryStat(matrix: RatingsMatrix, statistic: (typeof COMPARED)[number]): Stat {
  return bootstrapStatistic(prepareSummaryStatistic(toCategoryGrid(matrix, SCALE), statistic), AGREEMENT_BOOTSTRAP).value;
}

function meetings(db: Db, scores: readonly UsableScore[], scale: ScaleKey): MeetingPoint[] {
  const roundIds = [...new Set(scores.map((score) => score.roundId))];
  if (roundIds.length === 0) return [];
  const info = db
    .prepare(`SELECT id, name, held_on, kind FROM rounds WHERE id IN (${roundIds.map(() => '?').join(',')})`)
    .all(...roundIds) as { id: number; name: string; held_on: string; kind: 'round' | 'meeting' }[];
  return info
    .map((round) => {
      const matrix = matrixOf(
        scores.filter((score) => score.roundId === round.id),
        scale,
      );
      const icc = computeAgreement(matrix, SCALE).icc.ICC2;
      return { roundId: round.id, name: round.name, heldOn: round.held_on, kind: round.kind, itemCount: matrix.scores.length, icc };
    })
    .filter((point) => point.itemCount > 0)
    .sort((a, b) => a.heldOn.localeCompare(b.heldOn) || a.roundId - b.roundId);
}

function pairs(result: ReturnType<typeof computeAgreement>): PairKappa[] {
  return result.kappaPairs.map((pair) => ({ raterA: Number(pair.raters[0]), raterB: Number(pair.raters[1]), n: pair.n, kappa: pair.linear }));
}

type ConsensusMap = Map<string, number>;

/** The consensus of each round item, where it counts (counted-scores.ts): the reference for a rater's deviation. */
function consensusMap(db: Db): ConsensusMap {
  return new Map(countedConsensus(db).map((row) => [`${itemKeyOf(row.roundId, row.recordingId, row.caregiverId)}|${row.scale}`, row.value]));
}

/** Per rater: own score minus the consensus (where there is one) or the other raters' mean. */
export function deviations(scores: readonly UsableScore[], scale: ScaleKey, consensus: ConsensusMap): RaterDeviation[] {
  const byItem = new Map<string, UsableScore[]>();
  for (const score of scores) if (score.scale === scale) byItem.set(score.itemKey, [...(byItem.get(score.itemKey) ?? []), score]);
  const perRater = new Map<number, { sum: number; n: number; consensus: number; months: Map<string, { sum: number; n: number }> }>();
  for (const [itemKey, itemScores] of byItem) {
    const agreed = consensus.get(`${itemKey}|${scale}`);
    for (const score of itemScores) {
      const others = itemScores.filter((other) => other.raterId !== score.raterId);
      let reference: number;
      if (agreed !== undefined) reference = agreed;
      else if (others.length > 0) reference = others.reduce((sum, other) => sum + other.value, 0) / others.length;
      else continue;
      const entry = perRater.get(score.raterId) ?? { sum: 0, n: 0, consensus: 0, months: new Map() };
      const deviation = score.value - reference;
      entry.sum += deviation;
      entry.n += 1;
      if (agreed !== undefined) entry.consensus += 1;
      const month = score.date.slice(0, 7);
      const slot = entry.months.get(month) ?? { sum: 0, n: 0 };
      slot.sum += deviation;
      slot.n += 1;
      entry.months.set(month, slot);
      perRater.set(score.raterId, entry);
    }
  }
  return [...perRater.entries()]
    .sort(([a], [b]) => a - b)
    .map(([raterId, entry]) => ({
      raterId,
      mean: entry.n > 0 ? entry.sum / entry.n : null,
      n: entry.n,
      againstConsensus: entry.consensus,
      months: [...entry.months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, slot]) => ({ month, mean: slot.sum / slot.n, n: slot.n })),
    }));
}

function scaleOverview(db: Db, scores: readonly UsableScore[], scale: ScaleKey, consensus: ConsensusMap): ScaleAgreementOverview {
  const matrix = matrixOf(scores, scale);
  const result = computeAgreement(matrix, SCALE, { bootstrap: AGREEMENT_BOOTSTRAP });
  return {
    scale,
    itemCount: matrix.scores.length,
    raterCount: matrix.raterIds.length,
    statistics: statisticRows(matrix, result),
    contrast: contrastOf(result.fleissKappa, result.krippendorffAlpha.ordinal),
    beforeAfter: beforeAfter(scores, scale),
    meetings: meetings(db, scores, scale),
    pairs: pairs(result),
    deviations: deviations(scores, scale, consensus),
  };
}

/** Everything the agreement page shows, for the filters. */
export function buildAgreementOverview(db: Db, filters: AgreementFilters): AgreementOverview {
  const { scores, blindExcluded } = usableScores(db, filters);
  const consensus = consensusMap(db);
  const raterIds = [...new Set(scores.map((score) => score.raterId))];
  const raters = (db.prepare('SELECT id, name, initials FROM raters ORDER BY name').all() as { id: number; name: string; initials: string }[]).filter(
    (rater) => raterIds.includes(rater.id) || filters.raterIds.includes(rater.id),
  );
  const rounds = (
    db.prepare(`SELECT id, name, held_on, kind FROM rounds WHERE revealed_at IS NOT NULL ORDER BY held_on DESC, id DESC`).all() as {
      id: number;
      name: string;
      held_on: string;
      kind: 'round' | 'meeting';
    }[]
  ).map((round) => ({ id: round.id, name: round.name, heldOn: round.held_on, kind: round.kind }));
  return {
    recordingCount: new Set(scores.map((score) => score.recordingId)).size,
    familyCount: new Set(scores.map((score) => score.familyId)).size,
    raters,
    rounds,
    blindExcluded,
    bootstrap: { resamples: AGREEMENT_BOOTSTRAP.resamples, level: AGREEMENT_BOOTSTRAP.level },
    scales: SCALE_KEYS.map((scale) => scaleOverview(db, scores, scale, consensus)),
  };
}

/** The filters in words, for the access log. */
export function describeAgreementFilters(filters: AgreementFilters): string {
  const parts: string[] = [];
  if (filters.roundIds.length > 0) parts.push(`rondes ${filters.roundIds.join(',')}`);
  if (filters.from) parts.push(`vanaf ${filters.from}`);
  if (filters.to) parts.push(`tot en met ${filters.to}`);
  if (filters.moments.length > 0) parts.push(`meetmoment ${filters.moments.join(',')}`);
  if (filters.activity) parts.push(`activiteit ${filters.activity}`);
  if (filters.raterIds.length > 0) parts.push(`beoordelaars ${filters.raterIds.join(',')}`);
  return parts.length > 0 ? parts.join('; ') : 'geen';
}
