import type { MethodName } from '../../shared/api/contract';

export type Needs = 'anyone' | 'rater' | 'coordinator';

export interface MethodPolicy {
  /** Who may call it: checked by dispatch before the handler runs. */
  needs: Needs;
  /** The action written to the access log (NEN 7513), or null for calls that touch no family data. */
  audit: string | null;
  /**
   * A read that the UI repeats in the background (it refetches what is on screen after every
   * change). Its access-log row is written once per real access: a row identical to one the same
   * caller session wrote within READ_LOG_WINDOW_MS is not written again (repeated-reads.ts).
   * Changes and exports are never marked: each of them is logged every time.
   */
  read?: true;
  /** Long-running file work: the handler is awaited outside a transaction and makes its own. */
  async?: true;
  /**
   * A device that joined an intervisie over the network may call this (handlers then keep it to
   * that meeting's round). Absent means refused for such devices: a new method is invisible there.
   */
  meeting?: true;
}

/**
 * One row per API method. The type makes a missing row a compile error, so a new method cannot
 * ship without deciding who may call it and how it is logged.
 */
export const METHOD_POLICIES: { [M in MethodName]: MethodPolicy } = {
  'session.get': { needs: 'anyone', audit: null, meeting: true },
  // Async: scrypt runs off the main thread, and a wrong PIN must be counted even though the call fails.
  'session.selectRater': { needs: 'anyone', audit: 'session.sign_in', async: true },
  'session.lock': { needs: 'anyone', audit: null, meeting: true },
  'session.touch': { needs: 'rater', audit: null, meeting: true },
  'session.changePin': { needs: 'rater', audit: 'session.change_pin', async: true },
  'session.signOut': { needs: 'anyone', audit: null, meeting: true },

  'raters.list': { needs: 'anyone', audit: null },
  // The very first rater may be made by anyone; the handler checks the rest.
  'raters.create': { needs: 'anyone', audit: 'rater.create', async: true },
  'raters.update': { needs: 'coordinator', audit: null },
  'raters.resetPin': { needs: 'coordinator', audit: 'rater.pin_reset', async: true },

  // Lists across families write one row without a family (codes and dates only, never a family file), like the team overview.
  'families.list': { needs: 'rater', audit: 'families.list', read: true },
  'families.suggestCode': { needs: 'rater', audit: null },
  'families.create': { needs: 'rater', audit: 'family.create' },
  'families.get': { needs: 'rater', audit: 'family.read', read: true },
  'families.update': { needs: 'rater', audit: 'family.update' },

  'caregivers.add': { needs: 'rater', audit: 'caregiver.add' },
  'caregivers.update': { needs: 'rater', audit: 'caregiver.update' },
  'caregivers.remove': { needs: 'rater', audit: 'caregiver.remove' },

  'visits.list': { needs: 'rater', audit: 'visit.list', read: true },
  'visits.add': { needs: 'rater', audit: 'visit.add' },
  'visits.update': { needs: 'rater', audit: 'visit.update' },
  'visits.setPresent': { needs: 'rater', audit: 'visit.update' },
  'visits.answer': { needs: 'rater', audit: 'visit.answer' },
  'visits.remove': { needs: 'rater', audit: 'visit.remove' },
  // The per-visit questions hold no family data, like the mentalizing questions.
  'visitQuestions.list': { needs: 'rater', audit: null },
  'visitQuestions.update': { needs: 'coordinator', audit: null },

  'accessLog.forFamily': { needs: 'coordinator', audit: 'access_log.read', read: true },

  // — the family's dossier (babyformulier) —
  // Like a family's own page: every rater reads and keeps it; only overriding a contra-indication
  // is the coordinator's decision. Details name fields and dates, never the typed words.
  'dossier.get': { needs: 'rater', audit: 'dossier.read', read: true },
  'dossier.startPhase': { needs: 'rater', audit: 'dossier.phase_start' },
  'dossier.setPhaseDate': { needs: 'rater', audit: 'dossier.phase_date' },
  'dossier.undoPhase': { needs: 'rater', audit: 'dossier.phase_undo' },
  'dossier.updateIntake': { needs: 'rater', audit: 'dossier.intake_update' },
  'dossier.overrideContraIndication': { needs: 'coordinator', audit: 'dossier.override' },
  'dossier.addEntry': { needs: 'rater', audit: 'dossier.entry_add' },
  'dossier.updateEntry': { needs: 'rater', audit: 'dossier.entry_update' },
  'dossier.removeEntry': { needs: 'rater', audit: 'dossier.entry_remove' },
  // The begeleider files the dossier in the EPD, so a rater may export it; scores in it follow the blind rules.
  'dossier.exportPdf': { needs: 'rater', audit: 'export.dossier_pdf', async: true },
  'dossier.exportXlsx': { needs: 'rater', audit: 'export.dossier_xlsx', async: true },

  // — the video-feedback session of a home visit —
  // Like the dossier: every rater prepares and holds it; which fragments a rater sees follows the
  // fragment list's blindness rule. Details never hold a caption or the parents' words.
  'feedbackSessions.get': { needs: 'rater', audit: 'feedback.read', read: true },
  'feedbackSessions.candidates': { needs: 'rater', audit: 'feedback.candidates', read: true },
  'feedbackSessions.addItem': { needs: 'rater', audit: 'feedback.item_add' },
  'feedbackSessions.updateCaption': { needs: 'rater', audit: 'feedback.caption' },
  'feedbackSessions.moveItem': { needs: 'rater', audit: 'feedback.item_move' },
  'feedbackSessions.removeItem': { needs: 'rater', audit: 'feedback.item_remove' },
  'feedbackSessions.saveWords': { needs: 'rater', audit: 'feedback.words' },
  'feedbackSessions.makeFilm': { needs: 'rater', audit: 'feedback.film' },

  // — guidance goals (begeleidingsdoelen) —
  // Like the dossier: every rater keeps them. Links show only what the caller may see of scores
  // and fragments (blindness rule in the handlers). Details name goals and dates, never the words.
  'goals.forFamily': { needs: 'rater', audit: 'goal.read', read: true },
  'goals.create': { needs: 'rater', audit: 'goal.create' },
  'goals.update': { needs: 'rater', audit: 'goal.update' },
  'goals.setStatus': { needs: 'rater', audit: 'goal.status' },
  'goals.evaluate': { needs: 'rater', audit: 'goal.evaluate' },
  'goals.link': { needs: 'rater', audit: 'goal.link' },
  'goals.unlink': { needs: 'rater', audit: 'goal.unlink' },
  'goals.remove': { needs: 'rater', audit: 'goal.remove' },

  // — the parents' evaluation form —
  // The questions hold no family data (like the mentalizing questions); a family's form is read and
  // filled by the begeleider with the parents; the summary across families is the coordinator's.
  'evaluation.questions': { needs: 'rater', audit: null },
  'evaluation.addQuestion': { needs: 'coordinator', audit: null },
  'evaluation.updateQuestion': { needs: 'coordinator', audit: null },
  'evaluation.moveQuestion': { needs: 'coordinator', audit: null },
  'evaluation.archiveQuestion': { needs: 'coordinator', audit: null },
  'evaluation.form': { needs: 'rater', audit: 'evaluation.read', read: true },
  'evaluation.answer': { needs: 'rater', audit: 'evaluation.answer' },
  'evaluation.summary': { needs: 'coordinator', audit: 'evaluation.summary', read: true },
  'evaluation.exportCsv': { needs: 'coordinator', audit: 'export.evaluation_csv' },

  // — recordings (video) —
  'recordings.list': { needs: 'rater', audit: 'recording.list', read: true },
  'recordings.get': { needs: 'rater', audit: 'recording.read', read: true },
  'recordings.update': { needs: 'rater', audit: 'recording.update' },
  'recordings.remove': { needs: 'rater', audit: 'recording.remove' },
  'recordings.savePosition': { needs: 'rater', audit: null },
  'recordings.importUpload': { needs: 'rater', audit: 'recording.import', async: true },
  'recordings.importFromDialog': { needs: 'rater', audit: 'recording.import', async: true },
  // Jobs name their family's code: one row for each family in the answer.
  'jobs.list': { needs: 'rater', audit: 'job.list', read: true },
  'jobs.cancel': { needs: 'rater', audit: 'job.cancel' },
  'jobs.retry': { needs: 'rater', audit: 'job.retry' },

  // — fragments —
  // Tags and questions hold no family data; fragment reads are filtered by the blindness rule.
  'tags.list': { needs: 'rater', audit: null },
  'tags.create': { needs: 'coordinator', audit: null },
  'tags.update': { needs: 'coordinator', audit: null },
  'tags.archive': { needs: 'coordinator', audit: null },
  'tags.unarchive': { needs: 'coordinator', audit: null },
  'questions.list': { needs: 'rater', audit: null },
  'questions.update': { needs: 'coordinator', audit: null },
  'fragments.list': { needs: 'rater', audit: 'fragment.list', read: true },
  'fragments.create': { needs: 'rater', audit: 'fragment.create' },
  'fragments.update': { needs: 'rater', audit: 'fragment.update' },
  'fragments.remove': { needs: 'rater', audit: 'fragment.remove' },
  'fragments.restore': { needs: 'rater', audit: 'fragment.restore' },
  // Async only because exceljs writes XLSX with a promise; the handler reads in one transaction.
  'fragments.export': { needs: 'rater', audit: 'fragment.export', async: true },
  'fragments.importEaf': { needs: 'rater', audit: 'fragment.import' },

  // — scoring —

  // — trends (coordinator) —
  // Coordinator only: a rater who saw earlier scores of a family would no longer score it blind.
  // Family reads log the family; the team overview logs one row without a family; every export
  // logs one row per family whose data is in the file plus one team row with file, totals, filters.
  'trends.family': { needs: 'coordinator', audit: 'trend.family_read', read: true },
  'trends.team': { needs: 'coordinator', audit: 'trend.team_read', read: true },
  'trends.exportCsv': { needs: 'coordinator', audit: 'export.csv' },
  'trends.exportXlsx': { needs: 'coordinator', audit: 'export.xlsx', async: true },
  'trends.exportFamilyPdf': { needs: 'coordinator', audit: 'export.pdf_family', async: true },
  'trends.exportTeamPdf': { needs: 'coordinator', audit: 'export.pdf_team', async: true },

  // — video exports —
  // Queued as media jobs; only fragments visible to the rater go in (blindness rule), downloads are logged too.
  'videoExports.fragmentClips': { needs: 'rater', audit: 'export.video' },
  'videoExports.feedbackReel': { needs: 'rater', audit: 'export.video' },
  'videoExports.list': { needs: 'rater', audit: 'export.list', read: true },

  // Every scoring read is filtered by the blindness rule in the handlers, whatever the role.
  'scoring.anchors': { needs: 'rater', audit: null, meeting: true },
  'scoring.anchorVersions': { needs: 'rater', audit: null },
  'scoring.updateAnchors': { needs: 'coordinator', audit: null },
  'scoring.recordings': { needs: 'rater', audit: 'recording.list', read: true },
  'scoring.sheet': { needs: 'rater', audit: 'score.read', read: true, meeting: true },
  'scoring.saveScore': { needs: 'rater', audit: 'score.save', meeting: true },
  'scoring.submit': { needs: 'rater', audit: 'score.submit', meeting: true },
  'scoring.reopen': { needs: 'rater', audit: 'score.reopen', meeting: true },
  'scoring.mine': { needs: 'rater', audit: 'score.list', read: true },
  'scoring.forRecording': { needs: 'rater', audit: 'score.read_others', read: true },
  'rounds.list': { needs: 'rater', audit: null },
  'rounds.get': { needs: 'rater', audit: 'round.read', read: true },
  'rounds.create': { needs: 'coordinator', audit: 'round.create' },
  'rounds.update': { needs: 'coordinator', audit: 'round.update' },
  'rounds.reveal': { needs: 'coordinator', audit: 'round.reveal' },
  'rounds.meeting': { needs: 'rater', audit: 'round.meeting', read: true },
  // Who may see the meeting may take its minutes, and only after the reveal (the handler checks
  // both); a row per family in the round and one round row with the file. Async: pdfkit streams.
  'rounds.minutesPdf': { needs: 'rater', audit: 'export.pdf_minutes', async: true },
  'rounds.saveDiscussion': { needs: 'coordinator', audit: 'round.discussion' },
  'rounds.setConsensus': { needs: 'coordinator', audit: 'round.consensus' },

  // — agreement —
  // Team-level aggregates over families: the handlers write one access-log row without a family.
  'agreement.overview': { needs: 'coordinator', audit: 'agreement.read', read: true },
  'agreement.exportCsv': { needs: 'coordinator', audit: 'export.agreement_csv' },

  // — privacy —
  // Erasure writes its own single log row with the family code (the family row is gone by then).
  'families.erase': { needs: 'coordinator', audit: 'family.erase' },
  // The log's own reads are logged by the handlers (verify, overview per family or rater).
  'accessLog.verify': { needs: 'coordinator', audit: 'access_log.verify' },
  'accessLog.overview': { needs: 'coordinator', audit: 'access_log.overview', read: true },
  // An export is logged every time (one team row with the file, its row count and the filters).
  'accessLog.exportCsv': { needs: 'coordinator', audit: 'access_log.export' },
  // Backups hold every family's data: coordinator only, logged; file work outside a transaction.
  'backup.create': { needs: 'coordinator', audit: 'backup.create', async: true },
  'backup.verify': { needs: 'coordinator', audit: null, async: true },
  'backup.restore': { needs: 'coordinator', audit: 'backup.restore', async: true },

  // — the intervisie on this network —
  // The coordinator's side runs on this computer only; a joined device reaches the four calls
  // marked `meeting` (and the scoring calls above), and the handlers keep it to its meeting's round.
  'meeting.setup': { needs: 'coordinator', audit: null },
  // Async: binding the listener waits for the network; its own short transactions log it.
  'meeting.start': { needs: 'coordinator', audit: 'meeting.start', async: true },
  'meeting.stop': { needs: 'coordinator', audit: 'meeting.stop', async: true },
  'meeting.admit': { needs: 'coordinator', audit: 'meeting.admit' },
  'meeting.refuse': { needs: 'coordinator', audit: 'meeting.refuse' },
  'meeting.setCurrent': { needs: 'coordinator', audit: null },
  'meeting.setCertificate': { needs: 'coordinator', audit: 'meeting.certificate' },
  'meeting.clearCertificate': { needs: 'coordinator', audit: 'meeting.certificate' },
  'meeting.joinInfo': { needs: 'anyone', audit: 'meeting.join_info', meeting: true },
  // Async: the PIN is checked with scrypt, and a wrong one must be counted although the call fails.
  'meeting.join': { needs: 'anyone', audit: 'meeting.join', async: true, meeting: true },
  'meeting.unlock': { needs: 'anyone', audit: 'session.sign_in', async: true, meeting: true },
  'meeting.device': { needs: 'anyone', audit: 'meeting.results', meeting: true },
};

/**
 * What a method does while the database is damaged and open read-only (read-only.ts):
 * 'runs' — it only reads the database (access-log rows go to a side file then), or only writes
 *   outside it (backup.restore stages into restore-pending/; session.selectRater/signOut change
 *   in-memory copies of the workstation settings and of the PIN attempt counters);
 * 'refused' — dispatch refuses it with 'read_only' before it runs.
 * The type makes a missing row a compile error; test/integration/privacy-read-only.test.ts runs
 * every 'runs' method on a damaged database and fails if one writes (or has no sample input).
 */
export type ReadOnlyMode = 'runs' | 'refused';

export const READ_ONLY_MODE: { [M in MethodName]: ReadOnlyMode } = {
  'session.get': 'runs',
  'session.selectRater': 'runs',
  'session.lock': 'runs',
  'session.touch': 'runs',
  // A new PIN could only live in memory and would be gone at the next start: refused.
  'session.changePin': 'refused',
  'session.signOut': 'runs',

  'raters.list': 'runs',
  'raters.create': 'refused',
  'raters.update': 'refused',
  'raters.resetPin': 'refused',

  'families.list': 'runs',
  'families.suggestCode': 'runs',
  'families.create': 'refused',
  'families.get': 'runs',
  'families.update': 'refused',

  'caregivers.add': 'refused',
  'caregivers.update': 'refused',
  'caregivers.remove': 'refused',

  'visits.list': 'runs',
  'visits.add': 'refused',
  'visits.update': 'refused',
  'visits.setPresent': 'refused',
  'visits.answer': 'refused',
  'visits.remove': 'refused',
  'visitQuestions.list': 'runs',
  'visitQuestions.update': 'refused',

  'accessLog.forFamily': 'runs',

  'dossier.get': 'runs',
  'dossier.startPhase': 'refused',
  'dossier.setPhaseDate': 'refused',
  'dossier.undoPhase': 'refused',
  'dossier.updateIntake': 'refused',
  'dossier.overrideContraIndication': 'refused',
  'dossier.addEntry': 'refused',
  'dossier.updateEntry': 'refused',
  'dossier.removeEntry': 'refused',
  'dossier.exportPdf': 'runs',
  'dossier.exportXlsx': 'runs',

  'feedbackSessions.get': 'runs',
  'feedbackSessions.candidates': 'runs',
  'feedbackSessions.addItem': 'refused',
  'feedbackSessions.updateCaption': 'refused',
  'feedbackSessions.moveItem': 'refused',
  'feedbackSessions.removeItem': 'refused',
  'feedbackSessions.saveWords': 'refused',
  'feedbackSessions.makeFilm': 'refused',

  'goals.forFamily': 'runs',
  'goals.create': 'refused',
  'goals.update': 'refused',
  'goals.setStatus': 'refused',
  'goals.evaluate': 'refused',
  'goals.link': 'refused',
  'goals.unlink': 'refused',
  'goals.remove': 'refused',

  'evaluation.questions': 'runs',
  'evaluation.addQuestion': 'refused',
  'evaluation.updateQuestion': 'refused',
  'evaluation.moveQuestion': 'refused',
  'evaluation.archiveQuestion': 'refused',
  'evaluation.form': 'runs',
  'evaluation.answer': 'refused',
  'evaluation.summary': 'runs',
  'evaluation.exportCsv': 'runs',

  'recordings.list': 'runs',
  'recordings.get': 'runs',
  'recordings.update': 'refused',
  'recordings.remove': 'refused',
  'recordings.savePosition': 'refused',
  'recordings.importUpload': 'refused',
  'recordings.importFromDialog': 'refused',
  'jobs.list': 'runs',
  'jobs.cancel': 'refused',
  'jobs.retry': 'refused',

  'tags.list': 'runs',
  'tags.create': 'refused',
  'tags.update': 'refused',
  'tags.archive': 'refused',
  'tags.unarchive': 'refused',
  'questions.list': 'runs',
  'questions.update': 'refused',
  'fragments.list': 'runs',
  'fragments.create': 'refused',
  'fragments.update': 'refused',
  'fragments.remove': 'refused',
  'fragments.restore': 'refused',
  'fragments.export': 'runs',
  'fragments.importEaf': 'refused',

  'trends.family': 'runs',
  'trends.team': 'runs',
  'trends.exportCsv': 'runs',
  'trends.exportXlsx': 'runs',
  'trends.exportFamilyPdf': 'runs',
  'trends.exportTeamPdf': 'runs',

  // Queued as media jobs, i.e. rows in the database.
  'videoExports.fragmentClips': 'refused',
  'videoExports.feedbackReel': 'refused',
  'videoExports.list': 'runs',

  'scoring.anchors': 'runs',
  'scoring.anchorVersions': 'runs',
  'scoring.updateAnchors': 'refused',
  'scoring.recordings': 'runs',
  'scoring.sheet': 'runs',
  'scoring.saveScore': 'refused',
  'scoring.submit': 'refused',
  'scoring.reopen': 'refused',
  'scoring.mine': 'runs',
  'scoring.forRecording': 'runs',
  'rounds.list': 'runs',
  'rounds.get': 'runs',
  'rounds.create': 'refused',
  'rounds.update': 'refused',
  'rounds.reveal': 'refused',
  'rounds.meeting': 'runs',
  'rounds.minutesPdf': 'runs',
  'rounds.saveDiscussion': 'refused',
  'rounds.setConsensus': 'refused',

  'agreement.overview': 'runs',
  'agreement.exportCsv': 'runs',

  'families.erase': 'refused',
  'accessLog.verify': 'runs',
  'accessLog.overview': 'runs',
  'accessLog.exportCsv': 'runs',
  // A backup of a damaged database would look like a sound one later; the damaged file stays on
  // disk anyway and is moved aside (not deleted) when a backup is restored.
  'backup.create': 'refused',
  'backup.verify': 'runs',
  'backup.restore': 'runs',

  // Scores cannot be saved on a damaged database, so no meeting can start on it either.
  'meeting.setup': 'runs',
  'meeting.start': 'refused',
  'meeting.stop': 'refused',
  'meeting.admit': 'refused',
  'meeting.refuse': 'refused',
  'meeting.setCurrent': 'refused',
  'meeting.setCertificate': 'refused',
  'meeting.clearCertificate': 'refused',
  'meeting.joinInfo': 'refused',
  'meeting.join': 'refused',
  'meeting.unlock': 'refused',
  'meeting.device': 'refused',
};
