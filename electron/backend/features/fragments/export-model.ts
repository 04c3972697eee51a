import type { Caregiver } from '../../../../shared/domain/entities';
import { TAG_SEPARATOR } from '../../../../shared/domain/fragments';
import type { Activity, Moment } from '../../../../shared/domain/vocabulary';

/**
 * Everything an export writes, already reduced to what may leave the app: the family code (never a
 * name), rater initials, caregiver roles (never their free-text labels). CSV, XLSX and ELAN are
 * pure functions of this model, so they can be tested without a database.
 */
export interface ExportModel {
  recording: {
    id: number;
    familyCode: string;
    recordedOn: string;
    activity: Activity;
    moment: Moment;
    durationMs: number;
    fpsNum: number;
    fpsDen: number;
    mediaExtension: string;
  };
  /** The tag set as far as the file needs it: active tags and archived ones in use, in order. */
  tags: ExportTag[];
  /** Questions that get a column or tier: active ones and archived ones with answers, in order. */
  questions: ExportQuestion[];
  /** In time order. */
  fragments: ExportFragment[];
}

export interface ExportTag {
  name: string;
  color: string;
  description: string;
  shortcut: number | null;
  archived: boolean;
}

export interface ExportQuestion {
  id: number;
  text: string;
}

export interface ExportFragment {
  id: number;
  /** Only to tell two raters with the same initials apart; never written to a file. */
  raterId: number;
  raterInitials: string;
  startMs: number;
  endMs: number;
  startFrame: number;
  endFrame: number;
  tagNames: string[];
  /** Role-based key such as "moeder" or "moeder 2"; null when about the interaction in general. */
  caregiverKey: string | null;
  note: string;
  forFeedback: boolean;
  /** Answer per question id. */
  answers: Record<number, string>;
}

/**
 * Names the caregivers of a recording by role, numbered by id when a role occurs twice
 * ("anders", "anders 2"). Portable between recordings, unlike ids, and free of names, unlike labels.
 */
export function caregiverKeys(caregivers: readonly Caregiver[]): Map<number, string> {
  const keys = new Map<number, string>();
  const seen = new Map<string, number>();
  for (const caregiver of [...caregivers].sort((a, b) => a.id - b.id)) {
    const n = (seen.get(caregiver.role) ?? 0) + 1;
    seen.set(caregiver.role, n);
    keys.set(caregiver.id, n === 1 ? caregiver.role : `${caregiver.role} ${n}`);
  }
  return keys;
}

/** `OB-26-001_2026-03-01_fragmenten.csv`: family code and date only, never a person's name. */
export function exportFileName(model: ExportModel, extension: string): string {
  const code = model.recording.familyCode.replace(/[^A-Za-z0-9-]/g, '');
  return `${code}_${model.recording.recordedOn}_fragmenten.${extension}`;
}

/** `hh:mm:ss.mmm` (or with a decimal comma), the clock a spreadsheet user reads. */
export function clockTime(ms: number, decimal: '.' | ',' = '.'): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}${decimal}${pad(ms % 1000, 3)}`;
}

export type Cell = string | number;

export interface TableColumn {
  header: string;
  /** Decimal numbers get a decimal comma in the Dutch CSV; integers never need one. */
  decimals?: number;
  value(fragment: ExportFragment, model: ExportModel): Cell;
}

/** The one column layout of CSV and XLSX, so the two exports never drift apart. */
export function exportColumns(model: ExportModel, decimal: '.' | ','): TableColumn[] {
  const fps = model.recording.fpsNum / model.recording.fpsDen;
  return [
    { header: 'gezin', value: (_f, m) => m.recording.familyCode },
    { header: 'opname_id', value: (_f, m) => m.recording.id },
    { header: 'opnamedatum', value: (_f, m) => m.recording.recordedOn },
    { header: 'activiteit', value: (_f, m) => m.recording.activity },
    { header: 'meetmoment', value: (_f, m) => m.recording.moment },
    { header: 'fps', decimals: 3, value: () => fps },
    { header: 'fragment_id', value: (f) => f.id },
    { header: 'beoordelaar', value: (f) => f.raterInitials },
    { header: 'start_ms', value: (f) => f.startMs },
    { header: 'eind_ms', value: (f) => f.endMs },
    { header: 'duur_s', decimals: 3, value: (f) => (f.endMs - f.startMs) / 1000 },
    { header: 'start_tijd', value: (f) => clockTime(f.startMs, decimal) },
    { header: 'eind_tijd', value: (f) => clockTime(f.endMs, decimal) },
    { header: 'start_frame', value: (f) => f.startFrame },
    { header: 'eind_frame', value: (f) => f.endFrame },
    { header: 'labels', value: (f) => f.tagNames.join(TAG_SEPARATOR) },
    { header: 'ouder', value: (f) => f.caregiverKey ?? '' },
    { header: 'videofeedback', value: (f) => (f.forFeedback ? 1 : 0) },
    { header: 'notitie', value: (f) => f.note },
    ...model.questions.map((question) => ({ header: `vraag: ${question.text}`, value: (f: ExportFragment) => f.answers[question.id] ?? '' })),
  ];
}
