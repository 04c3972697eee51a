import { ageInMonths } from '../../../../shared/domain/dates';
import { SCALE_KEYS } from '../../../../shared/domain/scales';
import type { SlopeLine, TrendFilters } from '../../../../shared/domain/trends';
import { recordingInFilters } from './family-trend';
import type { IndexedFamily, IndexedScore, TrendIndex } from './trend-index';

// The spreadsheet exports as tables: columns with ASCII snake_case names (what SPSS and R accept
// as variable names without renaming) and rows of plain cells. No names anywhere: families by
// code, caregivers by role and a number, raters by a pseudonymous id.

export type Cell = string | number | null;

export interface Column<Row> {
  header: string;
  /** Numbers stay numbers (unquoted in CSV, numeric cells in XLSX); text is always quoted. */
  kind: 'text' | 'number';
  /** Fixed decimals for numbers that are not whole (a mean of several recordings). */
  decimals?: number;
  value(row: Row): Cell;
  /** One line for the explanation sheet. */
  help: string;
}

export interface Table<Row> {
  name: string;
  columns: Column<Row>[];
  rows: Row[];
}

/** Raters appear as R + their id: stable across exports (so R can match them), but no name. */
export function raterPseudonym(raterId: number): string {
  return `R${String(raterId).padStart(3, '0')}`;
}

export interface ScoreRow {
  familyCode: string;
  caregiverId: number;
  caregiverRole: string;
  recordingId: number;
  recordingDate: string;
  babyAgeMonths: number;
  moment: string;
  activity: string;
  visitPhase: string;
  scale: string;
  rater: string | null;
  roundId: number | null;
  blind: 'ja' | 'nee' | null;
  score: number | null;
  consensus: number | null;
}

export const SCORE_COLUMNS: Column<ScoreRow>[] = [
  { header: 'family_code', kind: 'text', value: (r) => r.familyCode, help: 'Pseudonieme gezinscode.' },
  { header: 'caregiver_id', kind: 'number', value: (r) => r.caregiverId, help: 'Nummer van de ouder/verzorger (vast per persoon, zonder naam).' },
  { header: 'caregiver_role', kind: 'text', value: (r) => r.caregiverRole, help: 'moeder, vader, partner of anders.' },
  { header: 'recording_id', kind: 'number', value: (r) => r.recordingId, help: 'Nummer van de opname.' },
  { header: 'recording_date', kind: 'text', value: (r) => r.recordingDate, help: 'Opnamedatum, JJJJ-MM-DD.' },
  { header: 'baby_age_months', kind: 'number', value: (r) => r.babyAgeMonths, help: 'Leeftijd van de baby in hele maanden (uit de geboortemaand).' },
  { header: 'moment', kind: 'text', value: (r) => r.moment, help: 'voormeting, nameting, follow-up of geen (geen meetmoment).' },
  { header: 'activity', kind: 'text', value: (r) => r.activity, help: 'bad, voeden, verschonen, spelen of anders.' },
  { header: 'visit_phase', kind: 'text', value: (r) => r.visitPhase, help: 'Fase van het huisbezoek waarin gefilmd is.' },
  { header: 'scale', kind: 'text', value: (r) => r.scale, help: 'sensitivity (sensitiviteit) of cooperation (coöperatie).' },
  { header: 'rater', kind: 'text', value: (r) => r.rater, help: 'Pseudoniem van de beoordelaar (R + nummer); leeg bij een consensus zonder zichtbare scores.' },
  { header: 'round_id', kind: 'number', value: (r) => r.roundId, help: 'Nummer van de scoringsronde; leeg bij oefenen.' },
  { header: 'blind', kind: 'text', value: (r) => r.blind, help: 'ja: blind gescoord in een onthulde ronde; nee: oefenscore (niet blind).' },
  { header: 'score', kind: 'number', value: (r) => r.score, help: 'Score 1–9 (hoger is beter; 7 of hoger is het sensitieve bereik).' },
  { header: 'consensus', kind: 'number', value: (r) => r.consensus, help: 'Consensusscore van de intervisie voor deze opname, ouder en schaal; leeg als er geen is.' },
];

/**
 * Long format: one row per submitted score (blind ones of revealed rounds, then practice ones,
 * each by rater), with the consensus of its item repeated; a consensus with no score (after the
 * filters) gets one row of its own so it is not lost. Recordings in a round that is still blind
 * are left out.
 */
export function scoreRows(index: TrendIndex, families: readonly IndexedFamily[], filters: TrendFilters): ScoreRow[] {
  const rows: ScoreRow[] = [];
  const pseudonyms = new Map<number, string>();
  const pseudonym = (raterId: number) => {
    let name = pseudonyms.get(raterId);
    if (name === undefined) pseudonyms.set(raterId, (name = raterPseudonym(raterId)));
    return name;
  };
  for (const family of families) {
    for (const recording of family.recordings) {
      if (recording.blindRound || !recordingInFilters(recording, filters)) continue;
      const age = ageInMonths(family.babyBirthMonth, recording.recordedOn);
      for (const caregiver of recording.caregivers) {
        if (filters.caregiverRole !== undefined && caregiver.role !== filters.caregiverRole) continue;
        for (const scale of SCALE_KEYS) {
          const item = index.item(recording, caregiver.id, scale);
          if (!item) continue;
          // One literal shape for every row: a hundred thousand of them are made at a time.
          const row = (score: IndexedScore | null, blind: ScoreRow['blind']): ScoreRow => ({
            familyCode: family.code,
            caregiverId: caregiver.id,
            caregiverRole: caregiver.role,
            recordingId: recording.id,
            recordingDate: recording.recordedOn,
            babyAgeMonths: age,
            moment: recording.moment,
            activity: recording.activity,
            visitPhase: recording.visitPhase,
            scale,
            rater: score ? pseudonym(score.raterId) : null,
            roundId: score ? score.roundId : null,
            blind,
            score: score ? score.value : null,
            consensus: item.consensus,
          });
          let written = 0;
          for (const score of item.blind) {
            if (filters.raterId !== undefined && score.raterId !== filters.raterId) continue;
            rows.push(row(score, 'ja'));
            written += 1;
          }
          for (const score of item.practice) {
            if (filters.raterId !== undefined && score.raterId !== filters.raterId) continue;
            rows.push(row(score, 'nee'));
            written += 1;
          }
          if (written === 0 && item.consensus !== null && filters.raterId === undefined) rows.push(row(null, null));
        }
      }
    }
  }
  return rows;
}

export interface MomentRow extends SlopeLine {
  changeNameting: number | null;
  changeFollowUp: number | null;
}

const change = (from: number | null, to: number | null) => (from === null || to === null ? null : to - from);

export function momentRows(lines: readonly SlopeLine[]): MomentRow[] {
  return lines.map((line) => ({
    ...line,
    changeNameting: change(line.voormeting, line.nameting),
    changeFollowUp: change(line.voormeting, line.followUp),
  }));
}

export const MOMENT_COLUMNS: Column<MomentRow>[] = [
  { header: 'family_code', kind: 'text', value: (r) => r.familyCode, help: 'Pseudonieme gezinscode.' },
  { header: 'caregiver_id', kind: 'number', value: (r) => r.caregiverId, help: 'Nummer van de ouder/verzorger.' },
  { header: 'caregiver_role', kind: 'text', value: (r) => r.role, help: 'moeder, vader, partner of anders.' },
  { header: 'scale', kind: 'text', value: (r) => r.scale, help: 'sensitivity of cooperation.' },
  { header: 'voormeting', kind: 'number', decimals: 2, value: (r) => r.voormeting, help: 'Waarde bij de voormeting: consensus, anders het gemiddelde van de blinde scores; gemiddeld over de opnamen van dat moment.' },
  { header: 'nameting', kind: 'number', decimals: 2, value: (r) => r.nameting, help: 'Waarde bij de nameting (zelfde regel).' },
  { header: 'follow_up', kind: 'number', decimals: 2, value: (r) => r.followUp, help: 'Waarde bij de follow-up (zelfde regel).' },
  { header: 'change_nameting', kind: 'number', decimals: 2, value: (r) => r.changeNameting, help: 'nameting − voormeting; leeg als een van beide ontbreekt.' },
  { header: 'change_follow_up', kind: 'number', decimals: 2, value: (r) => r.changeFollowUp, help: 'follow-up − voormeting; leeg als een van beide ontbreekt.' },
];
