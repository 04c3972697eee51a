import type { Activity } from './vocabulary';

/** A caption is what the parents read above a fragment and on the feedback film's title card. */
export const CAPTION_MAX = 200;
/** The parents' words for one question about one fragment. */
export const WORDS_MAX = 5000;
/** Like the feedback reel: more is no conversation any more (and one ffmpeg run per film). */
export const MAX_SESSION_ITEMS = 30;

/** The parents' words for one mentalizing question. */
export interface ParentWords {
  questionId: number;
  words: string;
}

/**
 * One fragment in a visit's session, as the session mode plays it: only what the parents may see
 * (the caption) plus what the player needs (which recording, which span). No tag names, no rater,
 * no family code; the span is for the player, never printed.
 */
export interface SessionItem {
  id: number;
  fragmentId: number;
  recordingId: number;
  /** The playable file's version, so the player's URL changes when a better version replaces it. */
  mediaVersion: string;
  startMs: number;
  endMs: number;
  caption: string;
  words: ParentWords[];
}

export interface SessionQuestion {
  id: number;
  text: string;
}

export interface FeedbackSession {
  visitId: number;
  familyId: number;
  visitDate: string;
  items: SessionItem[];
  /**
   * Items left out for this viewer: their fragment was removed (its undo day is still running), or
   * it is another rater's on a recording in a blind round not yet revealed.
   */
  hiddenCount: number;
  /** The active mentalizing questions, asked as prompts with every fragment. */
  questions: SessionQuestion[];
}

/** A fragment the begeleider may choose for the session (her preparation view: tags and times are fine here). */
export interface SessionCandidate {
  fragmentId: number;
  recordingId: number;
  recordedOn: string;
  activity: Activity;
  startMs: number;
  endMs: number;
  tagNames: string[];
  note: string;
  forFeedback: boolean;
  raterInitials: string;
  /** Already in this visit's session. */
  chosen: boolean;
}
