import type { QueryClient } from '@tanstack/react-query';
import type { EventPayloads, MethodName } from '../../../shared/api/contract';

/**
 * Which cached answers a change makes stale. Refetching everything on every change made an open
 * page reread all it shows whenever anything changed anywhere (another tab's edit, a media job
 * finishing): noisy, and each audited read it repeats is an access-log candidate. So a change
 * names an area, and only the queries that show data of that area are refetched (the ones on
 * screen; the others are marked stale and refetch when they are next shown).
 *
 * Two sources of changes: the back end's `data.changed` events (the area it emits; every window
 * hears them), and this window's own mutations (the areas of the method's namespace, plus the
 * explicit additions below). A query missing from an area it depends on is a stale screen, so
 * when in doubt a query is listed; invalidation.test.ts checks that every area the back end emits
 * is mapped and every query the UI makes is in at least one area.
 */

/** Areas the back end emits in `data.changed`. */
export type DataArea = EventPayloads['data.changed']['area'];
/** Areas only this window's mutations touch (the back end sends `meeting.changed` for those instead). */
type LocalArea = 'meeting';
export type Area = DataArea | LocalArea;

type Namespace = MethodName extends `${infer N}.${string}` ? N : never;
/** A method, or a whole namespace. */
export type QueryPattern = MethodName | `${Namespace}.*`;

export const AREA_QUERIES: { readonly [A in Area]: readonly QueryPattern[] } = {
  // Names, initials, roles and who is active appear wherever a rater is named or chosen.
  raters: ['raters.*', 'session.get', 'scoring.*', 'rounds.*', 'meeting.*', 'agreement.*', 'trends.*'],
  // A family's code, caregivers and visits appear on everything about its recordings and scores;
  // an erasure removes all of it. The family page also shows its own access log.
  families: [
    'families.*',
    'visits.*',
    'visitQuestions.*',
    'dossier.*',
    'feedbackSessions.*',
    'goals.*',
    'evaluation.*',
    'accessLog.forFamily',
    'recordings.*',
    'jobs.*',
    'videoExports.*',
    'scoring.*',
    'rounds.*',
    'meeting.*',
    'trends.*',
    'agreement.*',
  ],
  // The dossier: its own reads, and the current phase with its start (the family list and page,
  // the trends that name the phase) and the family's access log.
  dossier: ['dossier.*', 'goals.forFamily', 'families.list', 'families.get', 'accessLog.forFamily', 'trends.*'],
  // A visit's video feedback: its own reads (the session, its candidates, its films) and the log.
  feedback: ['feedbackSessions.*', 'accessLog.forFamily'],
  // Guidance goals: their own read, the family's "last changed" and its access log. The date window
  // follows the dossier's phases (listed there), the links the fragments and scores (listed there).
  goals: ['goals.*', 'families.list', 'families.get', 'accessLog.forFamily'],
  // The evaluation form's questions, a family's form and the team summary.
  evaluation: ['evaluation.*', 'accessLog.forFamily'],
  // Sign-in, lock, sign-out, PIN changes. Not the data itself: signing out or locking drops every
  // cached answer (SessionGate), so a different person always starts with fresh ones.
  session: ['session.get', 'raters.list', 'meeting.device'],
  // Edits, imports, removals, and a media job finishing (the playable version, thumbnails): the
  // recording's own reads, its jobs, and what shows its moment, activity or length.
  recordings: [
    'recordings.*',
    'jobs.*',
    'videoExports.*',
    'accessLog.forFamily',
    'scoring.recordings',
    'scoring.sheet',
    'scoring.mine',
    'scoring.forRecording',
    'rounds.*',
    'meeting.*',
    'trends.*',
    'agreement.*',
  ],
  // A video export job finishing, cancelled or retried jobs: lists of jobs and exports only. This
  // is the area a job's end sends when it is not a recording's own media job, so an export
  // finishing next to an open recording does not reread the recording.
  jobs: ['jobs.*', 'videoExports.*', 'feedbackSessions.get'],
  // Fragments, tags and mentalizing questions (which fragments show).
  fragments: ['fragments.*', 'tags.*', 'questions.*', 'videoExports.*', 'feedbackSessions.*', 'accessLog.forFamily', 'goals.forFamily'],
  // Scores, rounds (reveal, consensus, discussion) and anchors: everything that counts scores.
  scoring: ['scoring.*', 'rounds.*', 'meeting.*', 'agreement.*', 'trends.*', 'accessLog.forFamily', 'goals.forFamily'],
  meeting: ['meeting.*', 'rounds.meeting'],
};

/** The areas a successful call of a namespace's methods changes; [] for reads and exports. */
const NAMESPACE_AREAS: { readonly [N in Namespace]: readonly Area[] } = {
  session: ['session'],
  raters: ['raters'],
  families: ['families'],
  caregivers: ['families'],
  visits: ['families'],
  visitQuestions: ['families'],
  dossier: ['dossier'],
  feedbackSessions: ['feedback'],
  goals: ['goals'],
  evaluation: ['evaluation'],
  accessLog: [],
  recordings: ['recordings'],
  // A cancelled or retried media job changes what the recording page says about its video.
  jobs: ['jobs', 'recordings'],
  tags: ['fragments'],
  questions: ['fragments'],
  fragments: ['fragments'],
  trends: [],
  videoExports: ['jobs'],
  scoring: ['scoring'],
  rounds: ['scoring'],
  agreement: [],
  backup: [],
  meeting: ['meeting'],
};

/** Methods that change something else than (or nothing of) their namespace's areas. */
const METHOD_AREAS: { readonly [M in MethodName]?: readonly Area[] } = {
  // The very first rater is signed in at once.
  'raters.create': ['raters', 'session'],
  // Erasure removes a family with everything about it.
  'families.erase': ['families', 'recordings', 'fragments', 'scoring', 'jobs'],
  'families.suggestCode': [],
  // Files and reads that change nothing on screen.
  'fragments.export': [],
  'evaluation.exportCsv': [],
  'rounds.minutesPdf': [],
  'recordings.savePosition': [],
  'session.touch': [],
  'backup.verify': [],
  // A device joining or unlocking changes its session and the meeting's list of devices.
  'meeting.join': ['session', 'meeting'],
  'meeting.unlock': ['session', 'meeting'],
  'meeting.joinInfo': [],
  // The film is a job; the session page lists it.
  'feedbackSessions.makeFilm': ['jobs', 'feedback'],
};

export function areasOfMutation(method: MethodName): readonly Area[] {
  return METHOD_AREAS[method] ?? NAMESPACE_AREAS[method.slice(0, method.indexOf('.')) as Namespace];
}

export function patternMatches(pattern: QueryPattern, method: string): boolean {
  return pattern.endsWith('.*') ? method.startsWith(pattern.slice(0, -1)) : method === pattern;
}

/** Whether a query of `method` shows data of one of the areas. */
export function dependsOn(method: string, areas: readonly Area[]): boolean {
  return areas.some((area) => AREA_QUERIES[area].some((pattern) => patternMatches(pattern, method)));
}

/** Refetches the queries on screen that depend on the areas (and marks the rest stale). */
export function invalidateAreas(client: QueryClient, areas: readonly Area[], except?: (method: string) => boolean): Promise<void> {
  if (areas.length === 0) return Promise.resolve();
  return client.invalidateQueries({
    predicate: (query) => {
      const method = query.queryKey[0];
      return typeof method === 'string' && dependsOn(method, areas) && !except?.(method);
    },
  });
}
