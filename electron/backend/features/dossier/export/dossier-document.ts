import type { ExportLanguage } from '../../../../../shared/domain/exports';
import type { Cell } from '../../trends/export-table';
import { roleNames } from '../../trends/family-report';
import { REPORT_WORDS } from '../../trends/report-words';
import type { HandlerContext } from '../../../handler-context';
import { findFamily } from '../../families/family-repository';
import { listRecordings } from '../../recordings/recording-repository';
import { loadDossier } from '../dossier-repository';
import { formAnswers, findForm, listQuestions as listEvaluationQuestions } from '../../evaluation/evaluation-repository';
import { findVisitHead, loadSession } from '../../feedback-sessions/feedback-session-repository';
import { linkOptions, listGoals } from '../../goals/goal-repository';
import { listHomeVisits, listVisitQuestions } from '../../visits/visit-repository';
import { DOSSIER_WORDS, type DossierWords } from './dossier-words';

// The family's dossier as one document that both files render: the PDF for the EPD shows what a
// clinician reads, the XLSX every field (ids and timestamps included). Each part of the
// babyformulier adds its own sections; all of them are read here in one go, inside the caller's
// read, so a file never mixes two moments. Pseudonymous like every export: the family code,
// parents by role, raters by initials.

export interface DossierColumn {
  header: string;
  kind: 'text' | 'number';
  /** Width in the PDF table (points); absent: the column is only in the XLSX (ids, timestamps). */
  pdfWidth?: number;
}

export interface DossierTable {
  columns: DossierColumn[];
  rows: Cell[][];
}

export interface DossierSection {
  /** The PDF heading and the XLSX sheet's name (at most 31 characters, unique). */
  title: string;
  /** Label and value pairs: the family's data, the aanmelding. */
  fields?: { label: string; value: string }[];
  table?: DossierTable;
  /** Said in the PDF when the section has no rows. */
  empty?: string;
  /** A view for the reader (the open agreements again), not a sheet of its own in the XLSX. */
  pdfOnly?: boolean;
}

export interface DossierDocument {
  familyId: number;
  familyCode: string;
  language: ExportLanguage;
  words: DossierWords;
  madeOn: string;
  sections: DossierSection[];
  /** How many rows the files hold, for the access log. */
  rowCount: number;
}

/** What one part of the dossier reads and how it shows; parts are listed in DOSSIER_PARTS. */
export interface DossierPartInput {
  ctx: HandlerContext;
  familyId: number;
  words: DossierWords;
  /** Names for the family's caregivers: "Moeder", or "Moeder 1" and "Moeder 2". */
  caregiverName(caregiverId: number): string;
  /** Who asks: scores and fragments show only as far as the blind rules let this rater see them. */
  viewerId: number;
  /** A rater's initials for the name another feature returns: the file names raters by initials only. */
  initialsOf(name: string | null): string;
}
export type DossierPart = (input: DossierPartInput) => DossierSection[];

const yesNo = (words: DossierWords, value: boolean) => (value ? words.yes : words.no);
const dateOrDash = (words: DossierWords, date: string | null) => (date === null ? words.unknown : words.date(date));

/** The family's own data, the phases and the aanmelding. */
const familyPart: DossierPart = ({ ctx, familyId, words, caregiverName, initialsOf }) => {
  const family = findFamily(ctx.db, familyId)!;
  const dossier = loadDossier(ctx.db, familyId)!;
  const report = REPORT_WORDS[words.language];
  const intake = dossier.intake;
  const override = intake.override;
  return [
    {
      title: words.sections.family,
      fields: [
        { label: words.fields.code, value: family.code },
        { label: words.fields.birthMonth, value: family.babyBirthMonth },
        { label: words.fields.referralDate, value: words.date(family.referralDate) },
        { label: words.fields.currentPhase, value: report.familyPhases[dossier.currentPhase] },
        { label: words.fields.caregivers, value: family.caregivers.map((c) => caregiverName(c.id)).join(', ') || words.none },
        { label: words.fields.notes, value: family.notes },
      ],
    },
    {
      title: words.sections.phases,
      table: {
        columns: [
          { header: words.columns.phase, kind: 'text', pdfWidth: 160 },
          { header: words.columns.from, kind: 'text', pdfWidth: 120 },
          { header: words.columns.until, kind: 'text', pdfWidth: 120 },
        ],
        rows: dossier.phases.map((step) => [report.familyPhases[step.phase], dateOrDash(words, step.startedOn), step.endedOn === null ? words.current : words.date(step.endedOn)]),
      },
    },
    {
      title: words.sections.intake,
      fields: [
        { label: words.fields.referrer, value: intake.referrer },
        { label: words.fields.indication, value: intake.indication === null ? words.unknown : words.indications[intake.indication] },
        { label: words.fields.indicationNote, value: intake.indicationNote },
        { label: words.fields.highStress, value: yesNo(words, intake.highStress) },
        { label: words.fields.highStressNote, value: intake.highStressNote },
        { label: words.fields.unsafe, value: yesNo(words, intake.unsafe) },
        { label: words.fields.unsafeNote, value: intake.unsafeNote },
        { label: words.fields.override, value: override === null ? words.no : words.overrideBy(initialsOf(override.byName), words.dateTime(override.at)) },
        ...(override === null ? [] : [{ label: words.fields.overrideReason, value: override.reason }]),
      ],
    },
  ];
};

/** The logbook, oldest first as a dossier reads, and the agreements still open. */
const logbookPart: DossierPart = ({ ctx, familyId, words }) => {
  const dossier = loadDossier(ctx.db, familyId)!;
  const entries = [...dossier.logbook].reverse();
  const open = entries.filter((entry) => entry.agreement === 'open');
  const columns: DossierColumn[] = [
    { header: words.columns.id, kind: 'number' },
    { header: words.columns.date, kind: 'text', pdfWidth: 62 },
    { header: words.columns.agreement, kind: 'text', pdfWidth: 78 },
    { header: words.columns.text, kind: 'text', pdfWidth: 310 },
    { header: words.columns.author, kind: 'text', pdfWidth: 45 },
    { header: words.columns.createdAt, kind: 'text' },
    { header: words.columns.updatedAt, kind: 'text' },
  ];
  const row = (entry: (typeof entries)[number]): Cell[] => [
    entry.id,
    words.date(entry.date),
    entry.agreement === null ? '' : words.agreementStatuses[entry.agreement],
    entry.text,
    entry.authorInitials ?? '',
    words.dateTime(entry.createdAt),
    words.dateTime(entry.updatedAt),
  ];
  return [
    { title: words.sections.logbook, table: { columns, rows: entries.map(row) }, empty: words.noEntries },
    { title: words.sections.openAgreements, table: { columns, rows: open.map(row) }, empty: words.noOpenAgreements, pdfOnly: true },
  ];
};

/** "3:05": where a fragment starts in its recording, for the professional reading the dossier. */
const clock = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;

/** The home visits with who was there and what was filmed, the answers after each, and the recordings. */
const visitsPart: DossierPart = ({ ctx, familyId, words, caregiverName }) => {
  const report = REPORT_WORDS[words.language];
  const visits = listHomeVisits(ctx.db, familyId);
  const questions = new Map(listVisitQuestions(ctx.db, true).map((question) => [question.id, question.text]));
  const recordings = listRecordings(ctx.db, familyId, null);
  const dateOf = new Map(visits.map((visit) => [visit.id, visit.date]));
  return [
    {
      title: words.sections.visits,
      table: {
        columns: [
          { header: words.columns.id, kind: 'number' },
          { header: words.columns.date, kind: 'text', pdfWidth: 58 },
          { header: words.columns.phase, kind: 'text', pdfWidth: 62 },
          { header: words.columns.minutes, kind: 'number', pdfWidth: 42 },
          { header: words.columns.present, kind: 'text', pdfWidth: 100 },
          { header: words.columns.activity, kind: 'text', pdfWidth: 85 },
          { header: words.columns.recordings, kind: 'number', pdfWidth: 48 },
          { header: words.columns.notes, kind: 'text', pdfWidth: 100 },
        ],
        rows: visits.map((visit) => [
          visit.id,
          words.date(visit.date),
          report.visitPhases[visit.phase],
          visit.durationMinutes,
          [...visit.presentCaregiverIds.map(caregiverName), ...(visit.othersPresent ? [visit.othersPresent] : [])].join(', '),
          visit.activity === null ? '' : [report.activities[visit.activity], visit.activityNote].filter(Boolean).join(': '),
          recordings.filter((r) => r.visitId === visit.id).length,
          visit.notes,
        ]),
      },
      empty: words.noVisits,
    },
    {
      title: words.sections.visitAnswers,
      table: {
        columns: [
          { header: words.columns.visitId, kind: 'number' },
          { header: words.columns.date, kind: 'text', pdfWidth: 58 },
          { header: words.columns.question, kind: 'text', pdfWidth: 170 },
          { header: words.columns.answer, kind: 'text', pdfWidth: 267 },
          { header: words.columns.updatedAt, kind: 'text' },
        ],
        rows: visits.flatMap((visit) =>
          visit.answers.map((answer): Cell[] => [visit.id, words.date(visit.date), questions.get(answer.questionId) ?? words.unknown, answer.text, words.dateTime(answer.updatedAt)]),
        ),
      },
      empty: words.noAnswers,
    },
    {
      title: words.sections.recordings,
      table: {
        columns: [
          { header: words.columns.id, kind: 'number' },
          { header: words.columns.recordedOn, kind: 'text', pdfWidth: 70 },
          { header: words.columns.visitDate, kind: 'text', pdfWidth: 70 },
          { header: words.columns.activity, kind: 'text', pdfWidth: 90 },
          { header: words.columns.moment, kind: 'text', pdfWidth: 110 },
          { header: words.columns.minutes, kind: 'number', pdfWidth: 60 },
          { header: words.columns.visitId, kind: 'number' },
        ],
        rows: recordings.map((r) => [r.id, words.date(r.recordedOn), words.date(dateOf.get(r.visitId) ?? r.visitDate), report.activities[r.activity], report.moments[r.moment], Math.round(r.durationMs / 6000) / 10, r.visitId]),
      },
      empty: words.noRecordings,
    },
  ];
};

/** Each visit's video feedback: the fragments watched with the parents, their captions and the parents' words. */
const feedbackPart: DossierPart = ({ ctx, familyId, words, viewerId }) => {
  const questions = new Map((ctx.db.prepare('SELECT id, text FROM mentalizing_questions').all() as { id: number; text: string }[]).map((q) => [q.id, q.text]));
  const rows: Cell[][] = [];
  for (const visit of listHomeVisits(ctx.db, familyId)) {
    const head = findVisitHead(ctx.db, visit.id);
    if (!head) continue;
    // The session as this caller may see it: another rater's fragment in a blind round stays out.
    const session = loadSession(ctx.db, head, viewerId);
    session.items.forEach((item, index) => {
      const base: Cell[] = [visit.id, words.date(visit.date), index + 1, item.caption, `${clock(item.startMs)}–${clock(item.endMs)}`, item.fragmentId, item.recordingId];
      if (item.words.length === 0) rows.push([...base, '', '']);
      for (const said of item.words) rows.push([...base, questions.get(said.questionId) ?? words.unknown, said.words]);
    });
  }
  return [
    {
      title: words.sections.feedback,
      table: {
        columns: [
          { header: words.columns.visitId, kind: 'number' },
          { header: words.columns.date, kind: 'text', pdfWidth: 58 },
          { header: words.columns.position, kind: 'number', pdfWidth: 22 },
          { header: words.columns.caption, kind: 'text', pdfWidth: 130 },
          { header: words.columns.span, kind: 'text', pdfWidth: 55 },
          { header: words.columns.fragmentId, kind: 'number' },
          { header: words.columns.recordingId, kind: 'number' },
          { header: words.columns.question, kind: 'text', pdfWidth: 110 },
          { header: words.columns.parentsWords, kind: 'text', pdfWidth: 120 },
        ],
        rows,
      },
      empty: words.noFeedback,
    },
  ];
};

/** The guidance goals with their status history, what motivated them (as far as the caller may see) and their evaluation. */
const goalsPart: DossierPart = ({ ctx, familyId, words, viewerId, initialsOf }) => {
  const report = REPORT_WORDS[words.language];
  const goals = listGoals(ctx.db, familyId, linkOptions(ctx.db, familyId, viewerId));
  const linkText = (link: (typeof goals)[number]['links'][number]): string => {
    if (link.hidden) return words.hiddenLink;
    if (link.score) {
      const score = link.score;
      const who = score.raterName === null ? words.consensus : initialsOf(score.raterName);
      const when = score.moment === null ? '' : `, ${report.moments[score.moment]}${score.recordedOn ? ` ${words.date(score.recordedOn)}` : ''}`;
      return `${report.scales[score.scale]} ${score.value} (${report.roles[score.caregiverRole]}, ${who}${when})`;
    }
    const fragment = link.fragment!;
    return `${words.fragment} ${clock(fragment.startMs)}–${clock(fragment.endMs)}${fragment.recordedOn ? ` (${words.date(fragment.recordedOn)})` : ''}${fragment.note ? `: ${fragment.note}` : ''}`;
  };
  return [
    {
      title: words.sections.goals,
      table: {
        columns: [
          { header: words.columns.id, kind: 'number' },
          { header: words.columns.goal, kind: 'text', pdfWidth: 140 },
          { header: words.columns.status, kind: 'text', pdfWidth: 110 },
          { header: words.columns.motivation, kind: 'text', pdfWidth: 135 },
          { header: words.columns.evaluation, kind: 'text', pdfWidth: 110 },
          { header: words.columns.evaluatedOn, kind: 'text' },
          { header: words.columns.author, kind: 'text' },
          { header: words.columns.createdAt, kind: 'text' },
          { header: words.columns.updatedAt, kind: 'text' },
        ],
        rows: goals.map((goal) => [
          goal.id,
          goal.text,
          goal.history.map((event) => `${words.goalStatuses[event.status]} ${words.date(event.date)}`).join('\n'),
          goal.links.map(linkText).join('\n'),
          goal.evaluation,
          goal.evaluatedOn === null ? '' : words.date(goal.evaluatedOn),
          goal.authorInitials ?? '',
          words.dateTime(goal.createdAt),
          words.dateTime(goal.updatedAt),
        ]),
      },
      empty: words.noGoals,
    },
  ];
};

/** The parents' evaluation form, answered per question (scale questions as numbers 1–5). */
const evaluationPart: DossierPart = ({ ctx, familyId, words }) => {
  const form = findForm(ctx.db, familyId);
  const questions = new Map(listEvaluationQuestions(ctx.db, true).map((question) => [question.id, question]));
  const answers = form ? formAnswers(ctx.db, form.id) : [];
  return [
    {
      title: words.sections.evaluation,
      table: {
        columns: [
          { header: words.columns.question, kind: 'text', pdfWidth: 250 },
          { header: words.columns.score, kind: 'number', pdfWidth: 45 },
          { header: words.columns.answer, kind: 'text', pdfWidth: 200 },
          { header: words.columns.date, kind: 'text' },
        ],
        rows: answers.map((answer) => {
          const question = questions.get(answer.questionId);
          // A scale answer is the number; its end labels say what 1 and 5 meant on the form.
          const scale = question?.kind === 'scale' ? `1 = ${question.lowLabel}, 5 = ${question.highLabel}` : '';
          return [question?.text ?? words.unknown, answer.value, question?.kind === 'scale' ? scale : answer.text, form ? words.date(form.filled_on) : ''];
        }),
      },
      empty: words.noEvaluation,
    },
  ];
};

/** In the order of the babyformulier. */
export const DOSSIER_PARTS: readonly DossierPart[] = [familyPart, goalsPart, visitsPart, feedbackPart, logbookPart, evaluationPart];

/** Reads the whole dossier of one family; null when the family does not exist. */
export function buildDossierDocument(ctx: HandlerContext, familyId: number, language: ExportLanguage, madeOn: string): DossierDocument | null {
  const family = findFamily(ctx.db, familyId);
  if (!family || !ctx.actor) return null;
  const viewerId = ctx.actor.id;
  const words = DOSSIER_WORDS[language];
  const names = roleNames(
    family.caregivers.map((c) => ({ caregiverId: c.id, role: c.role })),
    REPORT_WORDS[language].roles,
  );
  const caregiverName = (id: number) => names.get(id) ?? words.unknown;
  const initials = new Map((ctx.db.prepare('SELECT name, initials FROM raters').all() as { name: string; initials: string }[]).map((r) => [r.name, r.initials]));
  const initialsOf = (name: string | null) => (name === null ? words.unknown : (initials.get(name) ?? words.unknown));
  const sections = DOSSIER_PARTS.flatMap((part) => part({ ctx, familyId, words, caregiverName, viewerId, initialsOf }));
  const rowCount = sections.reduce((sum, section) => sum + (section.table?.rows.length ?? 0) + (section.fields?.length ?? 0), 0);
  return { familyId, familyCode: family.code, language, words, madeOn, sections, rowCount };
}
