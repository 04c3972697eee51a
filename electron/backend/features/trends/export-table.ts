import { ageInMonths } from '../../../../shared/domain/dates';
import { SCALE_KEYS } from '../../../../shared/domain/scales';
import type { SlopeLine, TrendFilters } from '../../../../shared/domain/trends';
import type { ExportLanguage } from '../../../../shared/domain/exports';
import { headerVariable, type HeaderKey } from './export-headers';
import { recordingInFilters } from './family-trend';
import type { IndexedFamily, IndexedScore, TrendIndex } from './trend-index';

// The spreadsheet exports as tables: columns with ASCII snake_case names in the export's language
// (what SPSS and R accept as variable names without renaming; export-headers.ts) and rows of
// plain cells. No names anywhere: families by
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

type ColumnSpec<Row> = Omit<Column<Row>, 'header' | 'help'> & { key: HeaderKey; help: Record<ExportLanguage, string> };

/** The columns in the export's language: headers from the shared table (export-headers.ts), help for the explanation sheet. */
function columnsIn<Row>(specs: readonly ColumnSpec<Row>[], language: ExportLanguage): Column<Row>[] {
  return specs.map(({ key, help, ...column }) => ({ ...column, header: headerVariable(key, language), help: help[language] }));
}

const SCORE_SPECS: ColumnSpec<ScoreRow>[] = [
  { key: 'familyCode', kind: 'text', value: (r) => r.familyCode, help: { nl: 'Pseudonieme gezinscode.', en: 'Pseudonymous family code.' } },
  {
    key: 'caregiverId',
    kind: 'number',
    value: (r) => r.caregiverId,
    help: { nl: 'Nummer van de ouder/verzorger (vast per persoon, zonder naam).', en: 'Number of the parent/caregiver (fixed per person, no name).' },
  },
  { key: 'caregiverRole', kind: 'text', value: (r) => r.caregiverRole, help: { nl: 'moeder, vader, partner of anders.', en: 'moeder (mother), vader (father), partner or anders (other).' } },
  { key: 'recordingId', kind: 'number', value: (r) => r.recordingId, help: { nl: 'Nummer van de opname.', en: 'Number of the recording.' } },
  { key: 'recordingDate', kind: 'text', value: (r) => r.recordingDate, help: { nl: 'Opnamedatum, JJJJ-MM-DD.', en: 'Recording date, YYYY-MM-DD.' } },
  {
    key: 'babyAgeMonths',
    kind: 'number',
    value: (r) => r.babyAgeMonths,
    help: { nl: 'Leeftijd van de baby in hele maanden (uit de geboortemaand).', en: "The baby's age in whole months (from the month of birth)." },
  },
  {
    key: 'moment',
    kind: 'text',
    value: (r) => r.moment,
    help: { nl: 'voormeting, nameting, follow-up of geen (geen meetmoment).', en: 'voormeting (pre-test), nameting (post-test), follow-up or geen (no measurement moment).' },
  },
  {
    key: 'activity',
    kind: 'text',
    value: (r) => r.activity,
    help: { nl: 'bad, voeden, verschonen, spelen of anders.', en: 'bad (bath), voeden (feeding), verschonen (changing), spelen (play) or anders (other).' },
  },
  { key: 'visitPhase', kind: 'text', value: (r) => r.visitPhase, help: { nl: 'Fase van het huisbezoek waarin gefilmd is.', en: 'Phase of the home visit in which the recording was made.' } },
  { key: 'scale', kind: 'text', value: (r) => r.scale, help: { nl: 'sensitivity (sensitiviteit) of cooperation (coöperatie).', en: 'sensitivity or cooperation.' } },
  {
    key: 'rater',
    kind: 'text',
    value: (r) => r.rater,
    help: {
      nl: 'Pseudoniem van de beoordelaar (R + nummer); leeg bij een consensus zonder zichtbare scores.',
      en: "The rater's pseudonym (R + number); empty for a consensus without visible scores.",
    },
  },
  { key: 'roundId', kind: 'number', value: (r) => r.roundId, help: { nl: 'Nummer van de scoringsronde; leeg bij oefenen.', en: 'Number of the scoring round; empty for practice.' } },
  {
    key: 'blind',
    kind: 'text',
    value: (r) => r.blind,
    help: { nl: 'ja: blind gescoord in een onthulde ronde; nee: oefenscore (niet blind).', en: 'ja (yes): scored blind in a revealed round; nee (no): practice score (not blind).' },
  },
  {
    key: 'score',
    kind: 'number',
    value: (r) => r.score,
    help: { nl: 'Score 1–9 (hoger is beter; 7 of hoger is het sensitieve bereik).', en: 'Score 1–9 (higher is better; 7 or higher is the sensitive range).' },
  },
  {
    key: 'consensus',
    kind: 'number',
    value: (r) => r.consensus,
    help: {
      nl: 'Consensusscore van de intervisie voor deze opname, ouder en schaal; leeg als er geen is.',
      en: 'Consensus score of the peer review meeting for this recording, caregiver and scale; empty if there is none.',
    },
  },
];

export function scoreColumns(language: ExportLanguage): Column<ScoreRow>[] {
  return columnsIn(SCORE_SPECS, language);
}

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

const MOMENT_SPECS: ColumnSpec<MomentRow>[] = [
  { key: 'familyCode', kind: 'text', value: (r) => r.familyCode, help: { nl: 'Pseudonieme gezinscode.', en: 'Pseudonymous family code.' } },
  { key: 'caregiverId', kind: 'number', value: (r) => r.caregiverId, help: { nl: 'Nummer van de ouder/verzorger.', en: 'Number of the parent/caregiver.' } },
  { key: 'caregiverRole', kind: 'text', value: (r) => r.role, help: { nl: 'moeder, vader, partner of anders.', en: 'moeder (mother), vader (father), partner or anders (other).' } },
  { key: 'scale', kind: 'text', value: (r) => r.scale, help: { nl: 'sensitivity of cooperation.', en: 'sensitivity or cooperation.' } },
  {
    key: 'voormeting',
    kind: 'number',
    decimals: 2,
    value: (r) => r.voormeting,
    help: {
      nl: 'Waarde bij de voormeting: consensus, anders het gemiddelde van de blinde scores; gemiddeld over de opnamen van dat moment.',
      en: 'Value at the pre-test: the consensus, else the mean of the blind scores; averaged over the recordings of that moment.',
    },
  },
  { key: 'nameting', kind: 'number', decimals: 2, value: (r) => r.nameting, help: { nl: 'Waarde bij de nameting (zelfde regel).', en: 'Value at the post-test (same rule).' } },
  { key: 'followUp', kind: 'number', decimals: 2, value: (r) => r.followUp, help: { nl: 'Waarde bij de follow-up (zelfde regel).', en: 'Value at the follow-up (same rule).' } },
  {
    key: 'changeNameting',
    kind: 'number',
    decimals: 2,
    value: (r) => r.changeNameting,
    help: { nl: 'nameting − voormeting; leeg als een van beide ontbreekt.', en: 'post-test − pre-test; empty if either is missing.' },
  },
  {
    key: 'changeFollowUp',
    kind: 'number',
    decimals: 2,
    value: (r) => r.changeFollowUp,
    help: { nl: 'follow-up − voormeting; leeg als een van beide ontbreekt.', en: 'follow-up − pre-test; empty if either is missing.' },
  },
];

export function momentColumns(language: ExportLanguage): Column<MomentRow>[] {
  return columnsIn(MOMENT_SPECS, language);
}
