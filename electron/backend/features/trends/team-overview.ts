import { SCALE_KEYS, type ScaleKey } from '../../../../shared/domain/scales';
import type {
  ChangeSummary,
  FamilyMomentGaps,
  MomentStatus,
  SlopeLine,
  TeamOverview,
  TrendFilters,
  WaitingRecording,
} from '../../../../shared/domain/trends';
import { FAMILY_PHASES, type FamilyPhase } from '../../../../shared/domain/vocabulary';
import type { Db } from '../../db/open-database';
import { familyOf, raterNameOf, recordingInFilters } from './family-trend';
import { pairedChangesCached } from './paired-change-cache';
import type { IndexedFamily, TrendIndex } from './trend-index';
import { itemNumber, MomentAccumulator } from './trend-values';

/** Lists on screen and in the PDF stop here; the totals say how many there are in all. */
export const LIST_LIMIT = 200;
/**
 * Bootstrap settings of the mean-change interval. 2,000 resamples keep the Monte Carlo error of
 * the 2.5% and 97.5% percentiles small; the fixed seed makes the same data give the same interval
 * on screen, in the PDF and in a re-run.
 */
export const CHANGE_BOOTSTRAP = { resamples: 2000, seed: 20260101, level: 0.95 } as const;

const MOMENT_INDEX: Record<string, number> = { voormeting: 0, nameting: 1, 'follow-up': 2 };

/**
 * Families the team filters select: the chosen families (the family filter), the phase, and
 * (with a role filter) having a caregiver in that role. A chosen family that does not exist
 * (any more) is refused, rather than quietly leaving it out of a file.
 */
export function familiesInFilters(index: TrendIndex, filters: TrendFilters): IndexedFamily[] {
  const { phase, caregiverRole, familyIds } = filters;
  const chosen = familyIds === undefined ? null : new Set(familyIds);
  if (chosen) for (const familyId of chosen) familyOf(index, familyId);
  return index
    .familiesByCode()
    .filter(
      (family) =>
        (chosen === null || chosen.has(family.id)) && (phase === undefined || family.phase === phase) && (caregiverRole === undefined || family.roles.includes(caregiverRole)),
    );
}

export interface TeamCollection {
  lines: SlopeLine[];
  waiting: WaitingRecording[];
  gaps: FamilyMomentGaps[];
  comparisons: { scale: ScaleKey; to: ChangeSummary['to']; before: number[]; after: number[]; clusters: number[] }[];
}

/**
 * Per caregiver and scale the value per measurement moment (the mean of the recording values
 * at that moment; a missing moment stays missing), the recordings still waiting for a value, the
 * families missing a moment, and the complete voormeting pairs for the change statistics.
 */
export function collectTeam(index: TrendIndex, families: readonly IndexedFamily[], filters: TrendFilters): TeamCollection {
  const lines: SlopeLine[] = [];
  const waiting: WaitingRecording[] = [];
  const gaps: FamilyMomentGaps[] = [];
  const comparisons = SCALE_KEYS.flatMap((scale) =>
    (['nameting', 'follow-up'] as const).map((to) => ({ scale, to, before: [] as number[], after: [] as number[], clusters: [] as number[] })),
  );
  for (const family of families) {
    // Per caregiver and scale the values per moment; per moment 0 nothing, 1 waiting, 2 scored.
    const perCaregiver = new Map<number, { role: SlopeLine['role']; scales: Record<ScaleKey, MomentAccumulator> }>();
    const moments = new Uint8Array(3);
    for (const recording of family.recordings) {
      if (recording.moment === 'geen' || !recordingInFilters(recording, filters)) continue;
      let incomplete = false;
      for (const caregiver of recording.caregivers) {
        if (filters.caregiverRole !== undefined && caregiver.role !== filters.caregiverRole) continue;
        let line = perCaregiver.get(caregiver.id);
        if (!line) perCaregiver.set(caregiver.id, (line = { role: caregiver.role, scales: { sensitivity: new MomentAccumulator(), cooperation: new MomentAccumulator() } }));
        for (const scale of SCALE_KEYS) {
          const value = itemNumber(recording, index.item(recording, caregiver.id, scale), filters.raterId);
          line.scales[scale].add(recording.moment, value);
          if (value === null) incomplete = true;
          const at = MOMENT_INDEX[recording.moment] ?? 0;
          moments[at] = Math.max(moments[at] ?? 0, value === null ? 1 : 2);
        }
      }
      if (incomplete) {
        waiting.push({
          recordingId: recording.id,
          familyId: family.id,
          familyCode: family.code,
          recordedOn: recording.recordedOn,
          moment: recording.moment,
          activity: recording.activity,
          status: recording.blindRound ? 'blind_round' : 'unscored',
        });
      }
    }

    for (const [caregiverId, line] of perCaregiver) {
      for (const scale of SCALE_KEYS) {
        const accumulator = line.scales[scale];
        const voormeting = accumulator.value('voormeting');
        const nameting = accumulator.value('nameting');
        const followUp = accumulator.value('follow-up');
        if (voormeting === null && nameting === null && followUp === null) continue;
        lines.push({ familyId: family.id, familyCode: family.code, caregiverId, role: line.role, scale, voormeting, nameting, followUp });
        if (voormeting === null) continue;
        for (const comparison of comparisons) {
          const after = comparison.to === 'nameting' ? nameting : followUp;
          if (comparison.scale !== scale || after === null) continue;
          comparison.before.push(voormeting);
          comparison.after.push(after);
          comparison.clusters.push(family.id);
        }
      }
    }
    const status = (code: number | undefined): MomentStatus => (code === 2 ? 'scored' : code === 1 ? 'waiting' : 'no_recording');
    const entry: FamilyMomentGaps = {
      familyId: family.id,
      familyCode: family.code,
      phase: family.phase,
      voormeting: status(moments[0]),
      nameting: status(moments[1]),
      followUp: status(moments[2]),
    };
    if (entry.voormeting !== 'scored' || entry.nameting !== 'scored' || entry.followUp !== 'scored') gaps.push(entry);
  }

  // Families furthest along first: a missing nameting matters more there than at the start.
  gaps.sort((a, b) => FAMILY_PHASES.indexOf(b.phase) - FAMILY_PHASES.indexOf(a.phase) || a.familyCode.localeCompare(b.familyCode, 'nl'));
  waiting.sort((a, b) => (a.recordedOn < b.recordedOn ? -1 : a.recordedOn > b.recordedOn ? 1 : a.recordingId - b.recordingId));
  return { lines, waiting, gaps, comparisons };
}

/**
 * The team's pre → post picture under the filters. The unit is the caregiver (the scales score
 * one parent, not a family): a family with two filmed parents gives two lines, and the bootstrap
 * draws families as a whole so the interval is not too narrow.
 */
export function buildTeamOverview(db: Db, index: TrendIndex, filters: TrendFilters): TeamOverview {
  const raterName = raterNameOf(db, filters);
  // Everything but the rater's name comes from the index, so an answer stays right until the
  // index changes: opening the overview again, or going back to earlier filters, costs nothing.
  const key = JSON.stringify(Object.entries(filters).sort(([a], [b]) => a.localeCompare(b)));
  const known = remembered.get(index)?.get(key);
  if (known && known.generation === index.generation) return { ...known.overview, raterName };
  const overview = computeTeamOverview(index, filters, raterName);
  let byFilters = remembered.get(index);
  if (!byFilters) remembered.set(index, (byFilters = new Map()));
  byFilters.delete(key);
  byFilters.set(key, { generation: index.generation, overview });
  if (byFilters.size > REMEMBERED) byFilters.delete(byFilters.keys().next().value!);
  return overview;
}

const REMEMBERED = 8;
const remembered = new WeakMap<TrendIndex, Map<string, { generation: number; overview: TeamOverview }>>();

function computeTeamOverview(index: TrendIndex, filters: TrendFilters, raterName: string | null): TeamOverview {
  const families = familiesInFilters(index, filters);
  const { lines, waiting, gaps, comparisons } = collectTeam(index, families, filters);
  const stats = pairedChangesCached(comparisons, CHANGE_BOOTSTRAP);
  const changes: ChangeSummary[] = comparisons.map((comparison, i) => {
    const stat = stats[i]!;
    return {
      scale: comparison.scale,
      from: 'voormeting',
      to: comparison.to,
      n: stat.n,
      meanFrom: stat.meanBefore,
      meanTo: stat.meanAfter,
      meanChange: stat.meanChange,
      dz: stat.dz,
      dav: stat.dav,
    };
  });
  const counts = new Map<FamilyPhase, number>();
  for (const family of index.families.values()) counts.set(family.phase, (counts.get(family.phase) ?? 0) + 1);
  return {
    filters,
    raterName,
    familyCount: families.length,
    lines,
    changes,
    phaseCounts: FAMILY_PHASES.map((phase) => ({ phase, count: counts.get(phase) ?? 0 })),
    waiting: { total: waiting.length, items: waiting.slice(0, LIST_LIMIT) },
    missing: { total: gaps.length, items: gaps.slice(0, LIST_LIMIT) },
  };
}
