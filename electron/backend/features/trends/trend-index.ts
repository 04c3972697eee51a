import { SCALE_KEYS, type ScaleKey } from '../../../../shared/domain/scales';
import {
  ACTIVITIES,
  CAREGIVER_ROLES,
  FAMILY_PHASES,
  MOMENTS,
  VISIT_PHASES,
  type Activity,
  type CaregiverRole,
  type FamilyPhase,
  type Moment,
  type VisitPhase,
} from '../../../../shared/domain/vocabulary';
import type { Db } from '../../db/open-database';
import { blindRecordingIds, countedConsensus, countedScores, practiceScores, type CountedScore, type PracticeScore } from '../scoring/counted-scores';
import { dataVersion, loadFamilyFacts, loadInViewFacts, loadRecordingFacts, recordingIdsOfFamilies, takeDirty, clearDirty } from './trend-repository';

// An in-memory index of the facts every trend screen and export is computed from: per recording
// who is in view, every score that counts and the latest consensus, as scoring/counted-scores.ts
// selects them (the same rule as the agreement page). Reading 100,000
// scores from SQLite for every screen would take far longer than the coordinator should wait, so
// the index is built once and then refreshed only for what changed: triggers (migration 0006)
// mark each changed recording or family in trend_dirty inside the writing transaction, and every
// read first takes those marks. A commit by another connection (which this process cannot see
// the details of) makes the next read rebuild everything.

export interface IndexedScore {
  raterId: number;
  /** Null for practice ("niet blind"). */
  roundId: number | null;
  value: number;
}

export interface IndexedItem {
  caregiverId: number;
  scale: ScaleKey;
  /** The scores that count (counted-scores.ts): blind, submitted, of revealed rounds. */
  blind: IndexedScore[];
  /** Submitted practice scores: listed in the exports, never part of a trend value. */
  practice: IndexedScore[];
  consensus: number | null;
}

export interface IndexedRecording {
  id: number;
  familyId: number;
  moment: Moment;
  activity: Activity;
  recordedOn: string;
  visitPhase: VisitPhase;
  caregivers: { id: number; role: CaregiverRole }[];
  /** In a round that is still blind: nothing about it may be shown or exported. */
  blindRound: boolean;
  items: IndexedItem[];
}

export interface IndexedFamily {
  id: number;
  code: string;
  phase: FamilyPhase;
  babyBirthMonth: string;
  /** Roles of all the family's caregivers, filmed or not. */
  roles: CaregiverRole[];
  /** Sorted by date, then id. */
  recordings: IndexedRecording[];
}

export class TrendIndex {
  readonly families = new Map<number, IndexedFamily>();
  readonly recordings = new Map<number, IndexedRecording>();
  private version = -1;
  /** Goes up whenever anything in the index changed, so answers computed from it can be reused until then. */
  generation = 0;
  private sortedCodes: IndexedFamily[] | null = null;

  /** Families sorted by code (cached until a family changes). */
  familiesByCode(): IndexedFamily[] {
    this.sortedCodes ??= [...this.families.values()].sort((a, b) => a.code.localeCompare(b.code, 'nl'));
    return this.sortedCodes;
  }

  item(recording: IndexedRecording, caregiverId: number, scale: ScaleKey): IndexedItem | undefined {
    for (const item of recording.items) if (item.caregiverId === caregiverId && item.scale === scale) return item;
    return undefined;
  }

  /** Brings the index up to date with the database; cheap when nothing changed. */
  refresh(db: Db): void {
    db.transaction(() => {
      const version = dataVersion(db);
      if (version !== this.version) {
        this.rebuild(db);
        this.version = version;
        this.generation += 1;
        return;
      }
      const dirty = takeDirty(db);
      if (dirty.families.length || dirty.recordings.length) this.generation += 1;
      if (dirty.families.length) this.loadFamilies(db, dirty.families);
      // A family whose row was deleted took its recordings along (their own marks cover them);
      // a family whose row changed keeps its recordings, which need no reload.
      const recordings = new Set(dirty.recordings);
      if (dirty.families.length) for (const id of recordingIdsOfFamilies(db, dirty.families)) if (!this.recordings.has(id)) recordings.add(id);
      if (recordings.size) this.loadRecordings(db, [...recordings]);
    })();
  }

  private rebuild(db: Db): void {
    this.families.clear();
    this.recordings.clear();
    clearDirty(db);
    this.loadFamilies(db, undefined);
    this.loadRecordings(db, undefined);
  }

  private loadFamilies(db: Db, ids: readonly number[] | undefined): void {
    const found = new Set<number>();
    for (const fact of loadFamilyFacts(db, ids)) {
      found.add(fact.id);
      // Plain literals, not spreads of SQLite rows: the rows are dictionary-mode objects, and
      // everything built from them would be slow to read in the hot loops.
      const existing = this.families.get(fact.id);
      if (existing) {
        existing.code = fact.code;
        existing.phase = constant(fact.phase);
        existing.babyBirthMonth = fact.babyBirthMonth;
        existing.roles = rolesOf(fact.roles);
      } else {
        this.families.set(fact.id, {
          id: fact.id,
          code: fact.code,
          phase: constant(fact.phase),
          babyBirthMonth: fact.babyBirthMonth,
          roles: rolesOf(fact.roles),
          recordings: [],
        });
      }
    }
    for (const id of ids ?? []) if (!found.has(id)) this.families.delete(id);
    this.sortedCodes = null;
  }

  private loadRecordings(db: Db, ids: readonly number[] | undefined): void {
    const touchedFamilies = new Set<number>();
    if (ids) {
      for (const id of ids) {
        const old = this.recordings.get(id);
        if (old) touchedFamilies.add(old.familyId);
        this.recordings.delete(id);
      }
    }
    for (const fact of loadRecordingFacts(db, ids)) {
      this.recordings.set(fact.id, {
        id: fact.id,
        familyId: fact.familyId,
        moment: constant(fact.moment),
        activity: constant(fact.activity),
        recordedOn: fact.recordedOn,
        visitPhase: constant(fact.visitPhase),
        caregivers: [],
        blindRound: false,
        items: [],
      });
      touchedFamilies.add(fact.familyId);
    }
    for (const fact of loadInViewFacts(db, ids)) this.recordings.get(fact.recordingId)?.caregivers.push({ id: fact.caregiverId, role: constant(fact.role) });
    for (const id of blindRecordingIds(db, ids)) {
      const recording = this.recordings.get(id);
      if (recording) recording.blindRound = true;
    }
    const itemOf = (recording: IndexedRecording, caregiverId: number, scale: ScaleKey) => {
      let item = this.item(recording, caregiverId, scale);
      if (!item) {
        item = { caregiverId, scale, blind: [], practice: [], consensus: null };
        recording.items.push(item);
      }
      return item;
    };
    const add = (fact: CountedScore | PracticeScore, list: 'blind' | 'practice') => {
      const recording = this.recordings.get(fact.recordingId);
      if (!recording) return;
      const score: IndexedScore = { raterId: fact.raterId, roundId: fact.roundId, value: fact.value };
      itemOf(recording, fact.caregiverId, constant(fact.scale))[list].push(score);
    };
    for (const fact of countedScores(db, ids)) add(fact, 'blind');
    for (const fact of practiceScores(db, ids)) add(fact, 'practice');
    // Scores in rater order once here, so every export lists them the same way without sorting.
    const byRater = (a: IndexedScore, b: IndexedScore) => a.raterId - b.raterId || (a.roundId ?? 0) - (b.roundId ?? 0);
    for (const id of ids ?? this.recordings.keys()) {
      for (const item of this.recordings.get(id)?.items ?? []) {
        item.blind.sort(byRater);
        item.practice.sort(byRater);
      }
    }
    // A recording discussed in two meetings keeps the most recent consensus.
    const latest = new Map<IndexedItem, string>();
    for (const fact of countedConsensus(db, ids)) {
      const recording = this.recordings.get(fact.recordingId);
      if (!recording) continue;
      const item = itemOf(recording, fact.caregiverId, constant(fact.scale));
      const seen = latest.get(item);
      if (seen === undefined || fact.at > seen) {
        item.consensus = fact.value;
        latest.set(item, fact.at);
      }
    }
    this.relist(touchedFamilies);
  }

  /** Rebuilds the recording lists of some families in one pass over all recordings. */
  private relist(familyIds: ReadonlySet<number>): void {
    for (const familyId of familyIds) {
      const family = this.families.get(familyId);
      if (family) family.recordings = [];
    }
    for (const recording of this.recordings.values()) {
      if (familyIds.has(recording.familyId)) this.families.get(recording.familyId)?.recordings.push(recording);
    }
    for (const familyId of familyIds) {
      this.families.get(familyId)?.recordings.sort((a, b) => (a.recordedOn < b.recordedOn ? -1 : a.recordedOn > b.recordedOn ? 1 : a.id - b.id));
    }
  }
}

// Strings read from SQLite are fresh copies; mapping them to the program's own constants makes
// every comparison in the hot loops a pointer comparison.
const CONSTANTS = new Map<string, string>(
  [...SCALE_KEYS, ...MOMENTS, ...ACTIVITIES, ...VISIT_PHASES, ...FAMILY_PHASES, ...CAREGIVER_ROLES].map((value) => [value, value]),
);
function constant<T extends string>(value: T): T {
  return (CONSTANTS.get(value) as T | undefined) ?? value;
}

function rolesOf(list: string | null): CaregiverRole[] {
  return (list ?? '').split(',').filter((role): role is CaregiverRole => (CAREGIVER_ROLES as readonly string[]).includes(role)).map(constant);
}

const indexes = new WeakMap<Db, TrendIndex>();

/** The up-to-date index of this database. */
export function trendIndex(db: Db): TrendIndex {
  let index = indexes.get(db);
  if (!index) indexes.set(db, (index = new TrendIndex()));
  index.refresh(db);
  return index;
}
