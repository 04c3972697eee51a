import { AppError, msg } from '../../../../shared/api/envelope';
import { ageInMonths } from '../../../../shared/domain/dates';
import { SCALE_KEYS } from '../../../../shared/domain/scales';
import type { FamilyTrend, TrendFilters, TrendPoint, TrendSeries } from '../../../../shared/domain/trends';
import type { Db } from '../../db/open-database';
import type { IndexedFamily, IndexedRecording, TrendIndex } from './trend-index';
import { loadCaregivers, loadRater, loadVisits } from './trend-repository';
import { itemValue, momentValues, phaseSpans } from './trend-values';

/** Refuses a filter on a rater who does not exist, rather than showing an empty screen. */
export function raterNameOf(db: Db, filters: TrendFilters): string | null {
  if (filters.raterId === undefined) return null;
  const rater = loadRater(db, filters.raterId);
  if (!rater) throw new AppError('not_found', msg('Deze beoordelaar bestaat niet (meer).', 'This rater does not exist (any more).'), { 'filters.raterId': msg('Onbekende beoordelaar.', 'Unknown rater.') });
  return rater.name;
}

export function familyOf(index: TrendIndex, familyId: number): IndexedFamily {
  const family = index.families.get(familyId);
  if (!family) throw new AppError('not_found', msg('Dit gezin bestaat niet (meer).', 'This family does not exist (any more).'));
  return family;
}

/** Period and activity; the phase filter selects families and is applied by the caller. */
export function recordingInFilters(recording: IndexedRecording, filters: TrendFilters): boolean {
  if (filters.from !== undefined && recording.recordedOn < filters.from) return false;
  if (filters.to !== undefined && recording.recordedOn > filters.to) return false;
  if (filters.activity !== undefined && recording.activity !== filters.activity) return false;
  return true;
}

/**
 * One family's scores per caregiver and scale over time. Every recording in which a caregiver is
 * in view becomes a point, also when it has no value yet (a gap, never filled in) and also when
 * it has no measurement moment (shown, but not part of the moment values). The family's phase
 * is not a filter here: one family is in one phase; the visits show its phases instead.
 */
export function buildFamilyTrend(db: Db, index: TrendIndex, familyId: number, filters: TrendFilters): FamilyTrend {
  const family = familyOf(index, familyId);
  const raterName = raterNameOf(db, filters);
  const recordings = family.recordings.filter((recording) => recordingInFilters(recording, filters));
  const caregivers = loadCaregivers(db, familyId).filter((caregiver) => filters.caregiverRole === undefined || caregiver.role === filters.caregiverRole);
  const visits = loadVisits(db, familyId).filter(
    (visit) => (filters.from === undefined || visit.date >= filters.from) && (filters.to === undefined || visit.date <= filters.to),
  );

  const series: TrendSeries[] = caregivers.flatMap((caregiver) => {
    const own = recordings.filter((recording) => recording.caregivers.some((inView) => inView.id === caregiver.id));
    return SCALE_KEYS.map((scale) => {
      const points: TrendPoint[] = own.map((recording) => ({
        recordingId: recording.id,
        recordedOn: recording.recordedOn,
        ageMonths: ageInMonths(family.babyBirthMonth, recording.recordedOn),
        moment: recording.moment,
        activity: recording.activity,
        visitPhase: recording.visitPhase,
        ...itemValue(recording, index.item(recording, caregiver.id, scale), filters.raterId),
      }));
      return { caregiverId: caregiver.id, role: caregiver.role, label: caregiver.label, scale, points, moments: momentValues(points) };
    });
  });

  return {
    family: { id: family.id, code: family.code, phase: family.phase, babyBirthMonth: family.babyBirthMonth },
    visits: visits.map((visit) => ({ ...visit, ageMonths: ageInMonths(family.babyBirthMonth, visit.date) })),
    phaseSpans: phaseSpans(visits),
    series,
    filters,
    raterName,
    blindRecordingCount: recordings.filter((recording) => recording.blindRound).length,
  };
}

/** Filters in words for the access log and the reports; never a name. */
export function describeFilters(filters: TrendFilters, language: 'nl' | 'en' = 'nl'): string {
  const parts = Object.entries(filters)
    .filter(([, value]) => value !== undefined)
    // A list (the chosen families) joined by "|", so it cannot be mistaken for the next filter.
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('|') : String(value)}`);
  return parts.length ? parts.join(', ') : language === 'en' ? 'none' : 'geen';
}
