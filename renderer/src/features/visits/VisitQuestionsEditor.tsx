import { useTranslation } from 'react-i18next';
import type { VisitQuestion } from '../../../../shared/domain/home-visits';
import { useSavingCall } from '../../api/api-context';
import { QuestionListEditor, useQuestionDrafts } from '../../components/QuestionListEditor';

/**
 * The coordinator's editor of the per-visit questions, on the pattern of the mentalizing
 * questions (TagsPage): the whole active list is saved as it is edited; a question taken out is
 * archived (its answers stay), and an archived one can be brought back.
 */
export function VisitQuestionsEditor({ questions }: { questions: readonly VisitQuestion[] | undefined }) {
  const { t } = useTranslation();
  const saving = useSavingCall();
  const active = questions?.filter((q) => !q.archived);
  const editor = useQuestionDrafts(active, (list) => saving('visitQuestions.update', { questions: list }), t('visitQuestions.oneQuestion'));
  const { drafts } = editor;
  const kept = new Set(drafts?.flatMap((q) => (q.id === undefined ? [] : [q.id])));
  const archived = (questions ?? []).filter((q) => q.archived && !kept.has(q.id));

  return (
    <details className="visit-questions-editor">
      <summary>{t('visitQuestions.manage')}</summary>
      <p className="help">{t('visitQuestions.help')}</p>
      {drafts === null ? (
        <p role="status">{t('app.loading')}</p>
      ) : (
        <>
          <QuestionListEditor
            editor={{ ...editor, drafts }}
            className="visit-question-list"
            listLabel={t('visitQuestions.manage')}
            labels={{
              question: (n) => t('visitQuestions.questionN', { n }),
              moveUp: (n) => t('visitQuestions.moveUp', { n }),
              moveDown: (n) => t('visitQuestions.moveDown', { n }),
              remove: (n) => t('visitQuestions.archive', { n }),
              removeText: t('visitQuestions.archiveShort'),
              add: t('visitQuestions.add'),
            }}
          />
          {archived.length > 0 && (
            <>
              <h3 className="visit-subtitle">{t('visitQuestions.archived')}</h3>
              <ul className="plain-list" aria-label={t('visitQuestions.archived')}>
                {archived.map((q) => (
                  <li key={q.id}>
                    {q.text}{' '}
                    <button
                      type="button"
                      className="small"
                      aria-label={t('visitQuestions.restore', { text: q.text })}
                      disabled={editor.full}
                      onClick={() => editor.add(q)}
                    >
                      {t('visitQuestions.restoreShort')}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </details>
  );
}
