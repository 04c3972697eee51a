import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EVALUATION_SCALE_POINTS, type EvaluationQuestion, type EvaluationQuestionKind, type EvaluationScaleSummary } from '../../../../shared/domain/evaluation-form';
import { exportLanguageOf } from '../../../../shared/domain/exports';
import { useApi, useApiMutation, useApiQuery, useSavingCall } from '../../api/api-context';
import { clearIfUnchanged } from '../../components/clear-if-unchanged';
import { AutosaveField } from '../../components/AutosaveField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSession } from '../session/session-context';
import { downloadExport } from '../trends/download';
import { formatFixed } from '../trends/format';
import './evaluation.css';

function QuestionRow({ question, number, first, last }: { question: EvaluationQuestion; number: number; first: boolean; last: boolean }) {
  const { t } = useTranslation();
  const saving = useSavingCall();
  const move = useApiMutation('evaluation.moveQuestion');
  const archive = useApiMutation('evaluation.archiveQuestion');
  return (
    <li className={`eval-question-row${question.archived ? ' eval-question-row--archived' : ''}`} aria-label={t('evaluation.question', { number })}>
      <AutosaveField label={`${t('evaluation.question', { number })} · ${t(`evaluation.kinds.${question.kind}`)}${question.archived ? ` · ${t('evaluation.archived')}` : ''}`} value={question.text} maxLength={300} onSave={(text) => saving('evaluation.updateQuestion', { id: question.id, text })} />
      {question.kind === 'scale' && (
        <>
          <AutosaveField label={t('evaluation.lowLabel')} value={question.lowLabel} maxLength={60} onSave={(lowLabel) => saving('evaluation.updateQuestion', { id: question.id, lowLabel })} />
          <AutosaveField label={t('evaluation.highLabel')} value={question.highLabel} maxLength={60} onSave={(highLabel) => saving('evaluation.updateQuestion', { id: question.id, highLabel })} />
        </>
      )}
      <div className="row">
        {!question.archived && (
          <>
            <button type="button" className="small" disabled={first || move.isPending} aria-label={t('evaluation.up', { number })} onClick={() => move.mutate({ id: question.id, direction: 'up' })}>
              ↑
            </button>
            <button type="button" className="small" disabled={last || move.isPending} aria-label={t('evaluation.down', { number })} onClick={() => move.mutate({ id: question.id, direction: 'down' })}>
              ↓
            </button>
          </>
        )}
        <button type="button" className="small" disabled={archive.isPending} onClick={() => archive.mutate({ id: question.id, archived: !question.archived })}>
          {question.archived ? t('evaluation.unarchive', { number }) : t('evaluation.archive', { number })}
        </button>
      </div>
      <ErrorMessage error={move.error ?? archive.error} />
    </li>
  );
}

function QuestionsEditor() {
  const { t } = useTranslation();
  const id = useId();
  const questions = useApiQuery('evaluation.questions', { includeArchived: true });
  const add = useApiMutation('evaluation.addQuestion');
  const [kind, setKind] = useState<EvaluationQuestionKind>('scale');
  const [text, setText] = useState('');
  if (questions.error) return <ErrorMessage error={questions.error} />;
  const list = questions.data ?? [];
  const active = list.filter((question) => !question.archived);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ kind, text }, { onSuccess: () => clearIfUnchanged(setText, text, '') });
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('evaluation.questionsTitle')}</h2>
      <p className="help">{t('evaluation.questionsHelp')}</p>
      <ol className="plain-list" aria-label={t('evaluation.questionsTitle')}>
        {list.map((question, index) => (
          <QuestionRow key={question.id} question={question} number={index + 1} first={index === 0} last={index === active.length - 1} />
        ))}
      </ol>
      <form className="row" onSubmit={submit} aria-label={t('evaluation.addTitle')}>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('evaluation.kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as EvaluationQuestionKind)}>
            <option value="scale">{t('evaluation.kinds.scale')}</option>
            <option value="open">{t('evaluation.kinds.open')}</option>
          </select>
        </div>
        <div className="field field--wide">
          <label htmlFor={`${id}-text`}>{t('evaluation.newQuestion')}</label>
          <input id={`${id}-text`} maxLength={300} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit" disabled={add.isPending}>
          {t('evaluation.add')}
        </button>
      </form>
      <ErrorMessage error={add.error} />
      <p>
        <Link to="/evaluation/blank">{t('evaluation.printBlank')}</Link>
      </p>
    </section>
  );
}

/** A bar per answer point; the table beside it says the same in numbers (for screen readers too). */
function Distribution({ scale }: { scale: EvaluationScaleSummary }) {
  const { t } = useTranslation();
  const highest = Math.max(1, ...scale.distribution);
  const counts = EVALUATION_SCALE_POINTS.map((point) => t('evaluation.chartBar', { point, n: scale.distribution[point - 1] })).join(', ');
  return (
    <div className="eval-summary-chart" role="img" aria-label={t('evaluation.chartLabel', { question: scale.text, counts })}>
      {EVALUATION_SCALE_POINTS.map((point) => (
        <div key={point} className="eval-bar" aria-hidden="true">
          <span>{scale.distribution[point - 1]}</span>
          <span className="eval-bar-fill" style={{ height: `${(scale.distribution[point - 1]! / highest) * 80}%` }} />
          <span>{point}</span>
        </div>
      ))}
    </div>
  );
}

function Summary() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const id = useId();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [dialect, setDialect] = useState<'semicolon' | 'comma'>('semicolon');
  const [exported, setExported] = useState<{ message: string } | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const summary = useApiQuery('evaluation.summary', range);
  const exportCsv = async () => {
    setExportError(null);
    try {
      const file = await api.call('evaluation.exportCsv', { ...range, dialect, language: exportLanguageOf(i18n.language) });
      downloadExport(file);
      setExported({ message: t('evaluation.exported', { file: file.fileName }) });
    } catch (error) {
      setExportError(error);
    }
  };
  const s = summary.data;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('evaluation.summaryTitle')}</h2>
      <div className="row">
        <div className="field field--date">
          <label htmlFor={`${id}-from`}>{t('evaluation.from')}</label>
          <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field field--date">
          <label htmlFor={`${id}-to`}>{t('evaluation.to')}</label>
          <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-dialect`}>{t('evaluation.dialect')}</label>
          <select id={`${id}-dialect`} value={dialect} onChange={(e) => setDialect(e.target.value as 'semicolon' | 'comma')}>
            <option value="semicolon">{t('evaluation.semicolon')}</option>
            <option value="comma">{t('evaluation.comma')}</option>
          </select>
        </div>
        <button type="button" onClick={() => void exportCsv()} disabled={!s}>
          {t('evaluation.exportCsv')}
        </button>
      </div>
      <p role="status" className="help">
        {exported?.message ?? ''}
      </p>
      <ErrorMessage error={(exportError as Error | null) ?? summary.error} />
      {s && (
        <>
          <p>
            <strong>{t('evaluation.forms', { count: s.formCount })}</strong>
          </p>
          {s.scales.map((scale) => (
            <div key={scale.questionId} className="eval-summary-block">
              <h3>{scale.text}</h3>
              <Distribution scale={scale} />
              <table className="table--compact">
                <caption>{t('evaluation.distribution', { question: scale.text })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('evaluation.count')}</th>
                    <th scope="col">{t('evaluation.mean')}</th>
                    {EVALUATION_SCALE_POINTS.map((point) => (
                      <th key={point} scope="col">
                        {t('evaluation.point', { point })}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <td>{scale.count}</td>
                    <td>{scale.mean === null ? '—' : formatFixed(scale.mean, i18n.language, 2)}</td>
                    {scale.distribution.map((count, index) => (
                      <td key={index}>{count}</td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </div>
          ))}
          <h3>{t('evaluation.openAnswers')}</h3>
          {s.open.map((open) => (
            <div key={open.questionId} className="eval-summary-block">
              <h4>{open.text}</h4>
              {open.answers.length === 0 ? (
                <p className="help">{t('evaluation.noAnswers')}</p>
              ) : (
                <ul aria-label={open.text}>
                  {open.answers.map((answer, index) => (
                    <li key={index}>{answer}</li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </>
      )}
    </section>
  );
}

/** The coordinator's page: the form's questions and the summary across families. */
export function EvaluationAdminPage() {
  const { t } = useTranslation();
  const { rater } = useSession();
  if (rater.role !== 'coordinator') return <p role="alert">{t('evaluation.coordinatorOnly')}</p>;
  return (
    <article aria-labelledby="evaluation-title">
      <h1 id="evaluation-title">{t('evaluation.pageTitle')}</h1>
      <Summary />
      <QuestionsEditor />
    </article>
  );
}
