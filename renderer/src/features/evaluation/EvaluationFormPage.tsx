import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EVALUATION_SCALE_POINTS, type EvaluationAnswer, type EvaluationForm, type EvaluationQuestion } from '../../../../shared/domain/evaluation-form';
import { useApiQuery, useSavingCall } from '../../api/api-context';
import { AutosaveField } from '../../components/AutosaveField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SaveStatus } from '../../components/SaveStatus';
import { useAutosavedDraft } from '../../components/use-autosave';
import { formatDate } from '../trends/format';
import './evaluation.css';

// The parents' own page: on a tablet in their hands, or on paper. It shows the family code and the
// questions only (no names, no menu of the app), and every answer is saved the moment it is given.

/** Five large buttons between the two end labels; choosing one saves it at once. */
function ScaleAnswer({ familyId, question, answer, number }: { familyId: number; question: EvaluationQuestion; answer: EvaluationAnswer | undefined; number: number }) {
  const { t } = useTranslation();
  const id = useId();
  const saving = useSavingCall();
  const { draft, change, state, flush } = useAutosavedDraft<number | null>(answer?.value ?? null, (value) => saving('evaluation.answer', { familyId, questionId: question.id, value }), 0);
  const choose = (value: number | null) => {
    change(value);
    void flush();
  };
  return (
    <fieldset className="eval-question" aria-describedby={`${id}-labels`} disabled={question.archived}>
      <legend>
        <span className="eval-number">{number}.</span> {question.text}
      </legend>
      <div className="eval-scale" role="radiogroup" aria-label={question.text}>
        {EVALUATION_SCALE_POINTS.map((point) => (
          <label key={point} className={`eval-point${draft === point ? ' eval-point--chosen' : ''}`}>
            <input type="radio" name={`${id}-scale`} value={point} checked={draft === point} onChange={() => choose(point)} />
            <span aria-hidden="true">{point}</span>
            <span className="visually-hidden">{point}</span>
          </label>
        ))}
      </div>
      <p id={`${id}-labels`} className="eval-ends">
        <span>1 = {question.lowLabel}</span>
        <span>5 = {question.highLabel}</span>
      </p>
      <div className="eval-after no-print">
        {draft !== null && (
          <button type="button" className="link-button eval-clear" onClick={() => choose(null)} aria-label={`${t('evaluation.clear')}: ${question.text}`}>
            {t('evaluation.clear')}
          </button>
        )}
        <SaveStatus state={state} />
      </div>
    </fieldset>
  );
}

function OpenAnswer({ familyId, question, answer, number }: { familyId: number; question: EvaluationQuestion; answer: EvaluationAnswer | undefined; number: number }) {
  const saving = useSavingCall();
  return (
    <div className="eval-question eval-question--open">
      <AutosaveField
        label={`${number}. ${question.text}`}
        type="textarea"
        maxLength={4000}
        value={answer?.text ?? ''}
        onSave={(text) => saving('evaluation.answer', { familyId, questionId: question.id, text })}
      />
    </div>
  );
}

export function EvaluationQuestions({ form }: { form: EvaluationForm }) {
  const answers = new Map(form.answers.map((answer) => [answer.questionId, answer]));
  return (
    <ol className="eval-questions">
      {form.questions.map((question, index) => (
        <li key={question.id}>
          {question.kind === 'scale' ? (
            <ScaleAnswer familyId={form.familyId} question={question} answer={answers.get(question.id)} number={index + 1} />
          ) : (
            <OpenAnswer familyId={form.familyId} question={question} answer={answers.get(question.id)} number={index + 1} />
          )}
        </li>
      ))}
    </ol>
  );
}

/** The tablet page: `#/evaluation/form/:familyId`, outside the app's menu. */
export function EvaluationFormPage() {
  const { t, i18n } = useTranslation();
  const familyId = Number(useParams().familyId);
  const form = useApiQuery('evaluation.form', { familyId }, { enabled: Number.isSafeInteger(familyId) && familyId > 0 });
  if (form.error) return <ErrorMessage error={form.error} />;
  if (!form.data) return <p role="status">{t('app.loading')}</p>;
  const f = form.data;
  return (
    <main className="eval-page" aria-labelledby="eval-title">
      <header className="eval-header">
        <p className="eval-code">{t('evaluation.familyCode', { code: f.familyCode })}</p>
        <h1 id="eval-title">{t('evaluation.formTitle')}</h1>
        <p>{t('evaluation.formIntro')}</p>
      </header>
      <EvaluationQuestions form={f} />
      <footer className="eval-footer no-print">
        <p role="status">{f.filledOn ? t('evaluation.filledOn', { date: formatDate(f.filledOn, i18n.language) }) : ''}</p>
        <p className="help">{t('evaluation.doneHelp')}</p>
        <div className="row">
          <Link className="button" to={`/families/${f.familyId}`}>
            {t('evaluation.back')}
          </Link>
          <Link to={`/evaluation/form/${f.familyId}/print`}>{t('evaluation.printFilled')}</Link>
        </div>
      </footer>
    </main>
  );
}

/** Paper: the blank form (`#/evaluation/blank`) or a family's filled one (`…/print`), with print CSS. */
export function EvaluationPrintPage({ blank }: { blank: boolean }) {
  const { t, i18n } = useTranslation();
  const familyId = Number(useParams().familyId);
  const questions = useApiQuery('evaluation.questions', {}, { enabled: blank });
  const form = useApiQuery('evaluation.form', { familyId }, { enabled: !blank && Number.isSafeInteger(familyId) && familyId > 0 });
  const error = blank ? questions.error : form.error;
  if (error) return <ErrorMessage error={error} />;
  const list = blank ? questions.data : form.data?.questions;
  if (!list) return <p role="status">{t('app.loading')}</p>;
  const answers = new Map((form.data?.answers ?? []).map((answer) => [answer.questionId, answer]));
  return (
    <main className="eval-page eval-print" aria-labelledby="eval-print-title">
      <div className="no-print row eval-print-tools">
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('evaluation.print')}
        </button>
        <Link to={blank ? '/evaluation' : `/families/${familyId}`}>{t('evaluation.back')}</Link>
      </div>
      <header className="eval-header">
        <p className="eval-code">{blank || !form.data ? t('evaluation.printName') : t('evaluation.familyCode', { code: form.data.familyCode })}</p>
        <h1 id="eval-print-title">{t('evaluation.formTitle')}</h1>
        <p>{t('evaluation.formIntro')}</p>
        {!blank && form.data?.filledOn && <p>{t('evaluation.filledOn', { date: formatDate(form.data.filledOn, i18n.language) })}</p>}
      </header>
      <ol className="eval-questions">
        {list.map((question, index) => {
          const answer = answers.get(question.id);
          return (
            <li key={question.id} className="eval-question">
              <p className="eval-print-question">
                <span className="eval-number">{index + 1}.</span> {question.text}
              </p>
              {question.kind === 'scale' ? (
                <>
                  <ul className="eval-print-boxes" aria-label={question.text}>
                    {EVALUATION_SCALE_POINTS.map((point) => (
                      <li key={point} className={answer?.value === point ? 'eval-box eval-box--chosen' : 'eval-box'} aria-current={answer?.value === point ? 'true' : undefined}>
                        {point}
                      </li>
                    ))}
                  </ul>
                  <p className="eval-ends">
                    <span>1 = {question.lowLabel}</span>
                    <span>5 = {question.highLabel}</span>
                  </p>
                </>
              ) : (
                <div className="eval-print-lines">{answer?.text ?? ''}</div>
              )}
            </li>
          );
        })}
      </ol>
    </main>
  );
}
