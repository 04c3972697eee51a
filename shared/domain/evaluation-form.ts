/**
 * The parents' evaluation form (issue 16 point 5): questions the coordinator edits, filled in on
 * the spot on a tablet or on paper, stored pseudonymously (the family's id only), and a summary
 * across families for the organisation's quality monitoring.
 */

export const EVALUATION_QUESTION_KINDS = ['scale', 'open'] as const;
export type EvaluationQuestionKind = (typeof EVALUATION_QUESTION_KINDS)[number];

/** A scale question runs from 1 to 5 between its two end labels. */
export const EVALUATION_SCALE_MIN = 1;
export const EVALUATION_SCALE_MAX = 5;
export const EVALUATION_SCALE_POINTS = [1, 2, 3, 4, 5] as const;

export interface EvaluationQuestion {
  id: number;
  kind: EvaluationQuestionKind;
  text: string;
  /** Scale questions only: what 1 and 5 mean ("helemaal niet" … "heel erg"). */
  lowLabel: string;
  highLabel: string;
  position: number;
  archived: boolean;
}

export interface EvaluationAnswer {
  questionId: number;
  value: number | null;
  text: string;
}

/** One family's form; it names the family code only, nothing else that identifies. */
export interface EvaluationForm {
  familyId: number;
  familyCode: string;
  /** Null: nothing filled in yet. */
  filledOn: string | null;
  /** The active questions, plus archived ones this form has an answer to. */
  questions: EvaluationQuestion[];
  answers: EvaluationAnswer[];
}

export interface EvaluationScaleSummary {
  questionId: number;
  text: string;
  lowLabel: string;
  highLabel: string;
  archived: boolean;
  /** Forms with an answer to this question. */
  count: number;
  mean: number | null;
  /** Index 0 is the number of 1s, … index 4 the number of 5s. */
  distribution: [number, number, number, number, number];
}

export interface EvaluationOpenSummary {
  questionId: number;
  text: string;
  archived: boolean;
  /** The answers without a family code, in a fixed order (by text) that does not follow the families. */
  answers: string[];
}

export interface EvaluationSummary {
  from: string | null;
  to: string | null;
  /** Forms with at least one answer in the range. */
  formCount: number;
  scales: EvaluationScaleSummary[];
  open: EvaluationOpenSummary[];
}
