import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MentalizingQuestion, Tag } from '../../../../shared/domain/fragments';
import { ApiError } from '../../../../shared/api/envelope';
import { useApi, useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SaveStatus } from '../../components/SaveStatus';
import { QuestionListEditor, useQuestionDrafts } from '../../components/QuestionListEditor';
import { useAutosave } from '../../components/use-autosave';
import { useSession } from '../session/session-context';

const KEYS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/**
 * The team's tag set and the mentalizing questions. Everyone can read them; only a coordinator
 * changes them. Tags are archived, never deleted: old fragments keep showing them.
 */
export function TagsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const coordinator = session.rater.role === 'coordinator';
  const tags = useApiQuery('tags.list', { includeArchived: true });
  const questions = useApiQuery('questions.list', {});
  // Archived tags stay listed (at the end): they are still on old fragments and can come back.
  const list = [...(tags.data ?? [])].sort((a, b) => Number(a.archived) - Number(b.archived) || a.position - b.position);

  return (
    <article className="tags-page" aria-labelledby="tags-title">
      <h1 id="tags-title">{t('fragmentsUi.tagsPage.title')}</h1>
      {coordinator ? null : <p className="help">{t('fragmentsUi.tagsPage.onlyCoordinator')}</p>}
      <section className="card" aria-labelledby="tagset-title">
        <h2 id="tagset-title">{t('fragmentsUi.tagsPage.tags')}</h2>
        <p className="help">{t('fragmentsUi.tagsPage.help')}</p>
        <ErrorMessage error={tags.error} />
        <table className="table table--compact tag-table" aria-labelledby="tagset-title">
          <thead>
            <tr>
              <th scope="col">{t('fragmentsUi.tagsPage.color')}</th>
              <th scope="col">{t('fragmentsUi.tagsPage.name')}</th>
              <th scope="col">{t('fragmentsUi.tagsPage.shortcut')}</th>
              <th scope="col">{t('fragmentsUi.tagsPage.description')}</th>
              <th scope="col">{t('fragmentsUi.tagsPage.usage')}</th>
              <th scope="col">{t('fragmentsUi.tagsPage.status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((tag) => (coordinator ? <EditableTagRow key={tag.id} tag={tag} all={tags.data ?? []} /> : <TagRow key={tag.id} tag={tag} />))}
          </tbody>
        </table>
        {coordinator ? <NewTagForm tags={tags.data ?? []} /> : null}
      </section>
      <QuestionsSection questions={questions.data} editable={coordinator} />
    </article>
  );
}

function TagRow({ tag }: { tag: Tag }) {
  const { t } = useTranslation();
  return (
    <tr className={tag.archived ? 'tag-row--archived' : undefined}>
      <td>
        <span className="tag-swatch tag-swatch--large" style={{ background: tag.color }} aria-label={tag.color} role="img" />
      </td>
      <td>{tag.name}</td>
      <td>{tag.shortcut ?? '—'}</td>
      <td>{tag.description}</td>
      <td>{tag.usage}</td>
      <td>{tag.archived ? t('fragmentsUi.archived') : t('fragmentsUi.tagsPage.active')}</td>
    </tr>
  );
}

function useSaver<T>(save: (value: T) => Promise<unknown>, delayMs = 400) {
  return useAutosave(save, delayMs);
}

function EditableTagRow({ tag, all }: { tag: Tag; all: readonly Tag[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const [error, setError] = useState<ApiError | null>(null);
  const holders = new Map(all.filter((other) => !other.archived && other.id !== tag.id && other.shortcut !== null).map((other) => [other.shortcut!, other.name]));
  const toggleArchive = async () => {
    setError(null);
    try {
      await api.call(tag.archived ? 'tags.unarchive' : 'tags.archive', { id: tag.id });
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  return (
    <tr className={tag.archived ? 'tag-row--archived' : undefined}>
      <td>
        <TagInput label={t('fragmentsUi.tagsPage.colorOf', { name: tag.name })} type="color" value={tag.color} onSave={(color) => api.call('tags.update', { id: tag.id, color })} />
      </td>
      <td>
        <TagInput label={t('fragmentsUi.tagsPage.nameOf', { name: tag.name })} value={tag.name} maxLength={60} onSave={(name) => api.call('tags.update', { id: tag.id, name })} />
      </td>
      <td>
        <TagInput
          label={t('fragmentsUi.tagsPage.shortcutOf', { name: tag.name })}
          type="select"
          value={tag.shortcut === null ? '' : String(tag.shortcut)}
          disabled={tag.archived}
          options={[
            { value: '', label: t('fragmentsUi.tagsPage.noShortcut') },
            ...KEYS.map((key) => ({ value: String(key), label: holders.has(key) ? `${key} (${holders.get(key)})` : String(key), disabled: holders.has(key) })),
          ]}
          onSave={(value) => api.call('tags.update', { id: tag.id, shortcut: value === '' ? null : Number(value) })}
        />
      </td>
      <td>
        <TagInput label={t('fragmentsUi.tagsPage.descriptionOf', { name: tag.name })} value={tag.description} maxLength={500} wide onSave={(description) => api.call('tags.update', { id: tag.id, description })} />
      </td>
      <td>{tag.usage}</td>
      <td>
        <button type="button" className="small" onClick={() => void toggleArchive()} aria-label={t(tag.archived ? 'fragmentsUi.tagsPage.unarchiveOf' : 'fragmentsUi.tagsPage.archiveOf', { name: tag.name })}>
          {tag.archived ? t('fragmentsUi.tagsPage.unarchive') : t('fragmentsUi.tagsPage.archive')}
        </button>
        {tag.archived ? null : tag.usage > 0 ? <small className="help"> {t('fragmentsUi.tagsPage.archiveKeeps', { count: tag.usage })}</small> : null}
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}

interface TagInputProps {
  label: string;
  value: string;
  onSave(value: string): Promise<unknown>;
  type?: 'text' | 'color' | 'select';
  options?: { value: string; label: string; disabled?: boolean }[];
  maxLength?: number;
  disabled?: boolean;
  wide?: boolean;
}

/** One autosaved cell; what was typed stays until it is saved, a refusal keeps it on screen. */
function TagInput({ label, value, onSave, type = 'text', options = [], maxLength, disabled, wide }: TagInputProps) {
  const [draft, setDraft] = useState(value);
  const [dirty, setDirty] = useState(false);
  const { state, schedule, flush } = useSaver(async (next: string) => {
    await onSave(next);
    setDirty(false);
  });
  useEffect(() => {
    if (!dirty) setDraft(value);
  }, [value, dirty]);
  const change = (next: string) => {
    setDraft(next);
    setDirty(true);
    schedule(next);
  };
  const common = { 'aria-label': label, value: draft, disabled, onBlur: () => void flush(), 'aria-invalid': state.status === 'error' ? true : undefined };
  return (
    <div className={wide ? 'tag-cell tag-cell--wide' : 'tag-cell'}>
      {type === 'select' ? (
        <select {...common} onChange={(e) => change(e.target.value)}>
          {options.map((option) => (
            <option key={option.value} value={option.value} disabled={option.disabled}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={type} maxLength={maxLength} onChange={(e) => change(e.target.value)} />
      )}
      <SaveStatus state={state} />
    </div>
  );
}

const PALETTE = ['#56b4e9', '#009e73', '#e69f00', '#d55e00', '#0072b2', '#f0e442', '#cc79a7', '#882255', '#44aa99', '#999933', '#332288', '#117733'];

function NewTagForm({ tags }: { tags: readonly Tag[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const used = new Set(tags.filter((tag) => !tag.archived).map((tag) => tag.shortcut));
  const freeKey = KEYS.find((key) => !used.has(key)) ?? null;
  const [name, setName] = useState('');
  const [color, setColor] = useState(PALETTE.find((c) => !tags.some((tag) => tag.color === c)) ?? '#117733');
  const [shortcut, setShortcut] = useState<string>(freeKey === null ? '' : String(freeKey));
  const [description, setDescription] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (shortcut !== '' && used.has(Number(shortcut))) setShortcut(freeKey === null ? '' : String(freeKey));
    // Only when the tag set changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tags]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const tag = await api.call('tags.create', { name, color, shortcut: shortcut === '' ? null : Number(shortcut), description });
      setDone(t('fragmentsUi.tagsPage.created', { name: tag.name }));
      setName('');
      setDescription('');
      nameInput.current?.focus();
    } catch (caught) {
      setError(caught as ApiError);
    }
  };

  return (
    <form className="inline-form" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-title`} className="visually-hidden">
        {t('fragmentsUi.tagsPage.add')}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('fragmentsUi.tagsPage.name')}</label>
        <input id={`${id}-name`} ref={nameInput} value={name} required maxLength={60} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field field--narrow">
        <label htmlFor={`${id}-color`}>{t('fragmentsUi.tagsPage.color')}</label>
        <input id={`${id}-color`} type="color" value={color} onChange={(e) => setColor(e.target.value)} />
      </div>
      <div className="field field--narrow">
        <label htmlFor={`${id}-key`}>{t('fragmentsUi.tagsPage.shortcut')}</label>
        <select id={`${id}-key`} value={shortcut} onChange={(e) => setShortcut(e.target.value)}>
          <option value="">{t('fragmentsUi.tagsPage.noShortcut')}</option>
          {KEYS.filter((key) => !used.has(key)).map((key) => (
            <option key={key} value={key}>
              {key}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('fragmentsUi.tagsPage.description')}</label>
        <input id={`${id}-description`} value={description} maxLength={500} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <button type="submit" className="primary">
        {t('fragmentsUi.tagsPage.add')}
      </button>
      <ErrorMessage error={error} />
      {done ? (
        <p className="help" role="status">
          {done}
        </p>
      ) : null}
    </form>
  );
}

function QuestionsSection({ questions, editable }: { questions: readonly MentalizingQuestion[] | undefined; editable: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const editor = useQuestionDrafts(questions, (list) => api.call('questions.update', { questions: list }), t('fragmentsUi.tagsPage.oneQuestion'));
  const { drafts } = editor;

  return (
    <section className="card" aria-labelledby="questions-title">
      <h2 id="questions-title">{t('fragmentsUi.tagsPage.questions')}</h2>
      <p className="help">{t('fragmentsUi.tagsPage.questionsHelp')}</p>
      {drafts === null ? (
        <p role="status">{t('app.loading')}</p>
      ) : editable ? (
        <>
          <QuestionListEditor
            editor={{ ...editor, drafts }}
            className="question-list"
            labels={{
              question: (n) => t('fragmentsUi.tagsPage.questionN', { n }),
              moveUp: (n) => t('fragmentsUi.tagsPage.moveUp', { n }),
              moveDown: (n) => t('fragmentsUi.tagsPage.moveDown', { n }),
              remove: (n) => t('fragmentsUi.tagsPage.removeQuestion', { n }),
              removeText: t('common.remove'),
              add: t('fragmentsUi.tagsPage.addQuestion'),
            }}
          />
          <p className="help">{t('fragmentsUi.tagsPage.removeKeeps')}</p>
        </>
      ) : (
        <ol className="question-list">
          {drafts.map((q) => (
            <li key={q.key}>{q.text}</li>
          ))}
        </ol>
      )}
    </section>
  );
}
