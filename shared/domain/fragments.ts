// What the fragment, tag and question methods return. Other raters' fragments only ever appear
// here when the back end's blindness rule lets them through (features/rounds/blindness.ts).

/** A label of the team's tag set; archived tags stay readable on old fragments. */
export interface Tag {
  id: number;
  name: string;
  /** `#rrggbb`, lower case. */
  color: string;
  /** Keyboard shortcut 1–9, unique among active tags; null when none. */
  shortcut: number | null;
  description: string;
  position: number;
  archived: boolean;
  /** How many (not deleted) fragments carry it, so the UI can say what archiving affects. */
  usage: number;
}

/** A mentalizing question asked with a fragment in video feedback. */
export interface MentalizingQuestion {
  id: number;
  text: string;
  position: number;
  archived: boolean;
}

/** The tag as a fragment shows it: enough to draw it without a second call. */
export interface FragmentTag {
  id: number;
  name: string;
  color: string;
  archived: boolean;
}

export interface FragmentAnswer {
  questionId: number;
  answer: string;
}

export interface Fragment {
  id: number;
  recordingId: number;
  raterId: number;
  raterInitials: string;
  /** True when the active rater owns it: only the owner may change it. */
  mine: boolean;
  startMs: number;
  endMs: number;
  /** Frame indexes from the recording's rational frame rate (shared/domain/frames.ts). */
  startFrame: number;
  endFrame: number;
  /** start = end: a moment rather than a span. */
  isPoint: boolean;
  tags: FragmentTag[];
  /** The caregiver it is about, or null when it is about the interaction in general. */
  caregiverId: number | null;
  note: string;
  forFeedback: boolean;
  answers: FragmentAnswer[];
  origin: 'app' | 'eaf';
  createdAt: string;
  updatedAt: string;
}

export interface FragmentList {
  fragments: Fragment[];
  /**
   * True while the recording is in an unrevealed round: the list then holds only the caller's own
   * fragments, whatever the filters say.
   */
  blind: boolean;
}

export const FRAGMENT_EXPORT_FORMATS = ['csv', 'csv_nl', 'xlsx', 'eaf'] as const;
/** csv: comma + decimal point; csv_nl: Dutch Excel (semicolon + decimal comma). */
export type FragmentExportFormat = (typeof FRAGMENT_EXPORT_FORMATS)[number];

/** A file for the UI to save: text as is, XLSX as base64. Named by family code and date only. */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  encoding: 'utf8' | 'base64';
  content: string;
  /** Number of fragments in the file. */
  count: number;
}

export interface EafTierReport {
  tierId: string;
  annotations: number;
  /** Whether this tier is (or would be) imported as fragments. */
  imported: boolean;
  /** Dutch reason when a tier is not imported. */
  reason?: string;
}

export interface EafImportResult {
  /** True for a dry run: the file was checked, nothing was written. */
  dryRun: boolean;
  tiers: EafTierReport[];
  /** The fragments created (empty on a dry run). */
  fragments: Fragment[];
  count: number;
}

/** Separator between several tag names in one exported cell or ELAN annotation. */
export const TAG_SEPARATOR = ' | ';

/** The largest .eaf file we read; bigger files are refused before any parsing. */
export const EAF_MAX_BYTES = 20 * 1024 * 1024;
