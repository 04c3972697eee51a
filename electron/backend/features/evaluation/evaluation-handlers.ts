import { AppError, msg } from '../../../../shared/api/envelope';
import { localToday } from '../../../../shared/domain/dates';
import { EVALUATION_SCALE_MAX, EVALUATION_SCALE_MIN, type EvaluationForm, type EvaluationQuestion, type EvaluationSummary } from '../../../../shared/domain/evaluation-form';
import { exportFileName, type ExportLanguage } from '../../../../shared/domain/exports';
import type { HandlerContext, HandlersFor } from '../../handler-context';
import { todayOf } from '../dossier/phase-rules';
import { tableToCsv } from '../trends/csv-export';
import type { Column } from '../trends/export-table';
import { MIME } from '../trends/trend-exports';
import { buildSummary, ensureForm, findForm, findQuestion, formAnswers, insertQuestion, listQuestions, moveQuestion, saveAnswer, saveQuestion, setArchived } from './evaluation-repository';

const NOTHING = msg('Er is niets gewijzigd.', 'Nothing has been changed.');
const QUESTION_GONE = msg(`Deze vraag bestaat niet (meer). ${NOTHING.nl}`, `This question does not exist (any more). ${NOTHING.en}`);
const FAMILY_GONE = msg('Dit gezin bestaat niet (meer).', 'This family does not exist (any more).');
const DEFAULT_LABELS = { low: 'helemaal niet', high: 'heel erg' };

function requireQuestion(ctx: HandlerContext, id: number): EvaluationQuestion {
  const question = findQuestion(ctx.db, id);
  if (!question) throw new AppError('not_found', QUESTION_GONE);
  return question;
}

function familyCodeOf(ctx: HandlerContext, familyId: number): string {
  const row = ctx.db.prepare('SELECT code FROM families WHERE id = ?').get(familyId) as { code: string } | undefined;
  if (!row) throw new AppError('not_found', FAMILY_GONE);
  return row.code;
}

/** The form as the parents see it: only the family code, the questions and their own answers. */
function formOf(ctx: HandlerContext, familyId: number): EvaluationForm {
  const familyCode = familyCodeOf(ctx, familyId);
  const form = findForm(ctx.db, familyId);
  const answers = form ? formAnswers(ctx.db, form.id) : [];
  const answered = new Set(answers.map((answer) => answer.questionId));
  return {
    familyId,
    familyCode,
    filledOn: form?.filled_on ?? null,
    questions: listQuestions(ctx.db, true).filter((question) => !question.archived || answered.has(question.id)),
    answers,
  };
}

function questionsChanged(ctx: HandlerContext): void {
  ctx.emit('data.changed', { area: 'evaluation' });
}

/** A rounded mean in the file's dialect is the CSV writer's work; here only which cells. */
interface SummaryRow {
  questionId: number;
  question: string;
  kind: 'scale' | 'open';
  count: number | null;
  mean: number | null;
  counts: (number | null)[];
  answer: string | null;
}

function summaryTable(summary: EvaluationSummary, language: ExportLanguage): { columns: Column<SummaryRow>[]; rows: SummaryRow[] } {
  const en = language === 'en';
  const columns: Column<SummaryRow>[] = [
    { header: en ? 'question_no' : 'vraag_nr', kind: 'number', value: (row) => row.questionId, help: '' },
    { header: en ? 'question' : 'vraag', kind: 'text', value: (row) => row.question, help: '' },
    { header: en ? 'kind' : 'soort', kind: 'text', value: (row) => (row.kind === 'scale' ? (en ? 'scale 1-5' : 'schaal 1-5') : en ? 'open' : 'open'), help: '' },
    { header: en ? 'forms' : 'aantal', kind: 'number', value: (row) => row.count, help: '' },
    { header: en ? 'mean' : 'gemiddelde', kind: 'number', decimals: 2, value: (row) => row.mean, help: '' },
    ...[1, 2, 3, 4, 5].map((point): Column<SummaryRow> => ({ header: `n_${point}`, kind: 'number', value: (row) => row.counts[point - 1] ?? null, help: '' })),
    { header: en ? 'answer' : 'antwoord', kind: 'text', value: (row) => row.answer, help: '' },
  ];
  const rows: SummaryRow[] = [
    ...summary.scales.map((scale) => ({ questionId: scale.questionId, question: scale.text, kind: 'scale' as const, count: scale.count, mean: scale.mean, counts: scale.distribution, answer: null })),
    ...summary.open.flatMap((open) =>
      open.answers.map((answer) => ({ questionId: open.questionId, question: open.text, kind: 'open' as const, count: null, mean: null, counts: [], answer })),
    ),
  ];
  return { columns, rows };
}

const describeRange = (from: string | null, to: string | null) => `periode ${from ?? 'begin'} t/m ${to ?? 'nu'}`;

function assertRange(from: string | undefined, to: string | undefined): void {
  if (from !== undefined && to !== undefined && from > to) {
    throw new AppError('invalid_input', msg(`De begindatum (${from}) ligt na de einddatum (${to}).`, `The start date (${from}) is after the end date (${to}).`), {
      from: msg('Na de einddatum.', 'After the end date.'),
    });
  }
}

// Access-log details name question numbers and counts, never the parents' words.
export const evaluationHandlers: HandlersFor<'evaluation'> = {
  'evaluation.questions': ({ includeArchived }, ctx) => listQuestions(ctx.db, includeArchived ?? false),

  'evaluation.addQuestion': ({ kind, text, lowLabel, highLabel }, ctx) => {
    if (kind === 'open' && ((lowLabel ?? '') !== '' || (highLabel ?? '') !== '')) {
      throw new AppError('invalid_input', msg(`Een open vraag heeft geen eindlabels. ${NOTHING.nl}`, `An open question has no end labels. ${NOTHING.en}`));
    }
    const labels = kind === 'scale' ? { lowLabel: lowLabel || DEFAULT_LABELS.low, highLabel: highLabel || DEFAULT_LABELS.high } : { lowLabel: '', highLabel: '' };
    const id = insertQuestion(ctx.db, { kind, text, ...labels }, ctx.now);
    questionsChanged(ctx);
    return findQuestion(ctx.db, id)!;
  },

  'evaluation.updateQuestion': ({ id, text, lowLabel, highLabel }, ctx) => {
    const question = requireQuestion(ctx, id);
    if (question.kind === 'open' && (lowLabel !== undefined || highLabel !== undefined)) {
      throw new AppError('invalid_input', msg(`Een open vraag heeft geen eindlabels. ${NOTHING.nl}`, `An open question has no end labels. ${NOTHING.en}`));
    }
    if (question.kind === 'scale' && (lowLabel === '' || highLabel === '')) {
      throw new AppError('invalid_input', msg(`Een schaalvraag heeft bij 1 en bij 5 een label. ${NOTHING.nl}`, `A scale question has a label at 1 and at 5. ${NOTHING.en}`), {
        [lowLabel === '' ? 'lowLabel' : 'highLabel']: msg('Verplicht.', 'Required.'),
      });
    }
    saveQuestion(ctx.db, { ...question, text: text ?? question.text, lowLabel: lowLabel ?? question.lowLabel, highLabel: highLabel ?? question.highLabel }, ctx.now);
    questionsChanged(ctx);
    return findQuestion(ctx.db, id)!;
  },

  'evaluation.moveQuestion': ({ id, direction }, ctx) => {
    const question = requireQuestion(ctx, id);
    if (question.archived) {
      throw new AppError('conflict', msg(`Een gearchiveerde vraag staat niet in de volgorde. ${NOTHING.nl}`, `An archived question is not in the order. ${NOTHING.en}`));
    }
    if (!moveQuestion(ctx.db, id, direction, ctx.now)) {
      throw new AppError(
        'conflict',
        msg(`De vraag staat al ${direction === 'up' ? 'bovenaan' : 'onderaan'}. ${NOTHING.nl}`, `The question is already at the ${direction === 'up' ? 'top' : 'bottom'}. ${NOTHING.en}`),
      );
    }
    questionsChanged(ctx);
    return listQuestions(ctx.db, true);
  },

  'evaluation.archiveQuestion': ({ id, archived }, ctx) => {
    const question = requireQuestion(ctx, id);
    if (question.archived !== archived) {
      setArchived(ctx.db, id, archived, ctx.now);
      questionsChanged(ctx);
    }
    return findQuestion(ctx.db, id)!;
  },

  'evaluation.form': ({ familyId }, ctx) => {
    const form = formOf(ctx, familyId);
    ctx.logFamilyAccess(familyId, `evaluatieformulier ouders (${form.answers.length} antwoorden)`);
    return form;
  },

  'evaluation.answer': ({ familyId, questionId, value, text }, ctx) => {
    familyCodeOf(ctx, familyId);
    const question = findQuestion(ctx.db, questionId);
    if (!question) throw new AppError('not_found', msg(`Deze vraag staat niet op het formulier. ${NOTHING.nl}`, `This question is not on the form. ${NOTHING.en}`));
    if (question.archived) {
      throw new AppError(
        'conflict',
        msg(`De vraag "${question.text}" is gearchiveerd en kan niet meer worden beantwoord. ${NOTHING.nl}`, `The question "${question.text}" is archived and can no longer be answered. ${NOTHING.en}`),
      );
    }
    if (question.kind === 'scale') {
      if (text !== undefined && text !== '') {
        throw new AppError('invalid_input', msg(`"${question.text}" is een schaalvraag: kies een getal van 1 tot en met 5. ${NOTHING.nl}`, `"${question.text}" is a scale question: choose a number from 1 to 5. ${NOTHING.en}`), {
          value: msg('Een getal van 1 tot en met 5.', 'A number from 1 to 5.'),
        });
      }
      if (value !== undefined && value !== null && (!Number.isInteger(value) || value < EVALUATION_SCALE_MIN || value > EVALUATION_SCALE_MAX)) {
        throw new AppError(
          'invalid_input',
          msg(
            `Het antwoord ${value} op "${question.text}" valt buiten de schaal: kies een heel getal van ${EVALUATION_SCALE_MIN} tot en met ${EVALUATION_SCALE_MAX}. ${NOTHING.nl}`,
            `The answer ${value} to "${question.text}" is outside the scale: choose a whole number from ${EVALUATION_SCALE_MIN} to ${EVALUATION_SCALE_MAX}. ${NOTHING.en}`,
          ),
          { value: msg('Een heel getal van 1 tot en met 5.', 'A whole number from 1 to 5.') },
        );
      }
    } else if (value !== undefined && value !== null) {
      throw new AppError('invalid_input', msg(`"${question.text}" is een open vraag: geef een tekst. ${NOTHING.nl}`, `"${question.text}" is an open question: give a text. ${NOTHING.en}`), {
        text: msg('Een tekst.', 'A text.'),
      });
    }
    const form = ensureForm(ctx.db, familyId, todayOf(ctx.now), ctx.now);
    saveAnswer(ctx.db, form.id, { questionId, value: question.kind === 'scale' ? (value ?? null) : null, text: question.kind === 'open' ? (text ?? '') : '' }, ctx.now);
    ctx.logFamilyAccess(familyId, `evaluatieformulier ouders: vraag ${questionId} beantwoord`);
    ctx.emit('data.changed', { area: 'evaluation', id: familyId });
    return formOf(ctx, familyId);
  },

  'evaluation.summary': ({ from, to }, ctx) => {
    assertRange(from, to);
    const { summary } = buildSummary(ctx.db, from ?? null, to ?? null);
    // Figures across families without codes: one row without a family, like the team overview.
    ctx.logTeamAccess(`evaluatie ouders, samenvatting: ${summary.formCount} formulieren; ${describeRange(summary.from, summary.to)}`);
    return summary;
  },

  'evaluation.exportCsv': ({ from, to, language, dialect }, ctx) => {
    assertRange(from, to);
    const { summary, formsPerFamily } = buildSummary(ctx.db, from ?? null, to ?? null);
    const fileName = exportFileName({ subject: language === 'en' ? 'parent-evaluation' : 'evaluatie-ouders', date: localToday(), dialect, extension: 'csv' });
    const { columns, rows } = summaryTable(summary, language);
    const csv = tableToCsv({ name: 'evaluatie', columns, rows }, dialect);
    // The file holds every counted family's answers (without its code): a row in each family's
    // own log, and one team row with the file, its size and the range.
    for (const familyId of formsPerFamily.keys()) ctx.logFamilyAccess(familyId, `${fileName}: evaluatieformulier van dit gezin (zonder gezinscode)`);
    ctx.logTeamAccess(`${fileName}: ${summary.formCount} formulieren, ${rows.length} rijen; ${describeRange(summary.from, summary.to)}`);
    return { fileName, mimeType: MIME.csv, base64: Buffer.from(csv, 'utf8').toString('base64'), familyCount: formsPerFamily.size, rowCount: rows.length };
  },
};
