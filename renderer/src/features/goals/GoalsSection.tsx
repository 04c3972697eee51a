import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { localToday } from '../../../../shared/domain/dates';
import { GOAL_STATUSES, GOAL_TEXT_MAX, GOAL_EVALUATION_MAX, sameTarget, type FamilyGoals, type Goal, type GoalLinkOption, type GoalStatus } from '../../../../shared/domain/goals';
import { useApiMutation, useApiQuery, useSavingCall } from '../../api/api-context';
import { clearIfUnchanged } from '../../components/clear-if-unchanged';
import { AutosaveField } from '../../components/AutosaveField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatClock } from '../fragments/timeline-view';
import { formatDate } from '../trends/format';
import './goals.css';

/** One line for a score or fragment, in the words of the UI; nothing of a hidden one. */
function describeOption(option: Pick<GoalLinkOption, 'score' | 'fragment'> & { target: GoalLinkOption['target'] }, t: TFunction, language: string): string {
  if (option.score) {
    const s = option.score;
    const who = option.target.kind === 'consensus' ? t('goals.consensus', { round: s.roundName ?? '' }) : (s.raterName ?? '');
    return t('goals.score', {
      scale: t(`scoring.scales.${s.scale}`),
      value: s.value,
      role: t(`caregiverRoles.${s.caregiverRole}`),
      moment: s.moment === null ? t('goals.momentHidden') : t(`moments.${s.moment}`),
      date: s.recordedOn === null ? '' : ` ${formatDate(s.recordedOn, language)}`,
      who,
    });
  }
  const f = option.fragment!;
  return t('goals.fragment', {
    from: formatClock(f.startMs),
    to: formatClock(f.endMs),
    date: f.recordedOn === null ? '' : ` · ${formatDate(f.recordedOn, language)}`,
    note: f.note === '' ? '' : ` · ${f.note.length > 80 ? `${f.note.slice(0, 80)}…` : f.note}`,
  });
}

function StatusForm({ goal, data }: { goal: Goal; data: FamilyGoals }) {
  const { t } = useTranslation();
  const id = useId();
  const setStatus = useApiMutation('goals.setStatus');
  const next = GOAL_STATUSES.filter((status) => status !== goal.status);
  const [status, setStatusChoice] = useState<GoalStatus>(next[0]!);
  const [date, setDate] = useState(data.latestDate < localToday() ? data.latestDate : localToday());
  const chosen = next.includes(status) ? status : next[0]!;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus.mutate({ id: goal.id, status: chosen, date });
  };
  return (
    <form className="goal-status-form row" onSubmit={submit} aria-label={t('goals.changeStatus')}>
      <div className="field field--narrow-select">
        <label htmlFor={`${id}-status`}>{t('goals.newStatus')}</label>
        <select id={`${id}-status`} value={chosen} onChange={(e) => setStatusChoice(e.target.value as GoalStatus)}>
          {next.map((value) => (
            <option key={value} value={value}>
              {t(`goals.statuses.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field--date">
        <label htmlFor={`${id}-date`}>{t('goals.statusDate')}</label>
        <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </div>
      <button type="submit" disabled={setStatus.isPending}>
        {t('goals.changeStatus')}
      </button>
      <ErrorMessage error={setStatus.error} />
    </form>
  );
}

function LinkPicker({ goal, data }: { goal: Goal; data: FamilyGoals }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const link = useApiMutation('goals.link');
  const [choice, setChoice] = useState('');
  const available = data.options.map((option, index) => ({ option, index })).filter(({ option }) => !goal.links.some((l) => sameTarget(l.target, option.target)));
  if (data.options.length === 0) return <p className="help">{t('goals.noOptions')}</p>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const picked = data.options[Number(choice)];
    if (!picked) return;
    link.mutate({ id: goal.id, target: picked.target }, { onSuccess: () => setChoice('') });
  };
  return (
    <form className="row goal-link-form" onSubmit={submit} aria-label={t('goals.linkForm')}>
      <div className="field field--wide">
        <label htmlFor={`${id}-pick`}>{t('goals.linkPick')}</label>
        <select id={`${id}-pick`} value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">{t('goals.linkChoose')}</option>
          {available.map(({ option, index }) => (
            <option key={index} value={String(index)}>
              {describeOption(option, t, i18n.language)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={choice === '' || link.isPending}>
        {t('goals.link')}
      </button>
      <ErrorMessage error={link.error} />
    </form>
  );
}

function GoalItem({ goal, number, data }: { goal: Goal; number: number; data: FamilyGoals }) {
  const { t, i18n } = useTranslation();
  const saving = useSavingCall();
  const unlink = useApiMutation('goals.unlink');
  const remove = useApiMutation('goals.remove');
  const since = goal.history.at(-1)!;
  return (
    <li className={`goal goal--${goal.status}`} aria-label={t('goals.goalLabel', { number, text: goal.text })}>
      <AutosaveField label={t('goals.text', { number })} type="textarea" value={goal.text} maxLength={GOAL_TEXT_MAX} onSave={(text) => saving('goals.update', { id: goal.id, text })} />
      <p className={`goal-status goal-status--${goal.status}`}>
        <strong>{t('goals.statusNow', { status: t(`goals.statuses.${goal.status}`), date: formatDate(since.date, i18n.language) })}</strong>
      </p>
      <StatusForm key={`${goal.status}-${goal.history.length}`} goal={goal} data={data} />
      <h4>{t('goals.history')}</h4>
      <ol className="goal-history" aria-label={t('goals.history')}>
        {goal.history.map((event, index) => (
          <li key={index}>
            {t('goals.historyItem', { status: t(`goals.statuses.${event.status}`), date: formatDate(event.date, i18n.language) })}{' '}
            {event.byInitials && <span className="help">{t('goals.historyBy', { initials: event.byInitials })}</span>}
          </li>
        ))}
      </ol>
      <h4>{t('goals.links')}</h4>
      {goal.links.length === 0 ? (
        <p className="help">{t('goals.noLinks')}</p>
      ) : (
        <ul className="plain-list goal-links" aria-label={t('goals.links')}>
          {goal.links.map((link) => {
            const what = link.hidden ? t('goals.hidden') : describeOption({ target: link.target, score: link.score, fragment: link.fragment } as GoalLinkOption, t, i18n.language);
            return (
              <li key={link.id} className={link.hidden ? 'goal-link goal-link--hidden' : 'goal-link'}>
                <span>{what}</span>
                <button type="button" className="small" disabled={unlink.isPending} aria-label={t('goals.unlink', { what })} onClick={() => unlink.mutate({ id: goal.id, linkId: link.id })}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <ErrorMessage error={unlink.error} />
      <LinkPicker goal={goal} data={data} />
      {data.canEvaluate ? (
        <>
          <AutosaveField
            label={t('goals.evaluation')}
            type="textarea"
            value={goal.evaluation}
            maxLength={GOAL_EVALUATION_MAX}
            help={goal.evaluatedOn ? t('goals.evaluatedOn', { date: formatDate(goal.evaluatedOn, i18n.language) }) : undefined}
            onSave={(evaluation) => saving('goals.evaluate', { id: goal.id, evaluation })}
          />
        </>
      ) : (
        <p className="help">{goal.evaluation ? goal.evaluation : t('goals.evaluationLater')}</p>
      )}
      <button type="button" className="link-button" onClick={() => remove.mutate({ id: goal.id })}>
        {t('goals.remove', { number })}
      </button>
      <ErrorMessage error={remove.error} />
    </li>
  );
}

/** The family's guidance goals on the family page: text, status over time, what motivated them, evaluation. */
export function GoalsSection({ familyId }: { familyId: number }) {
  const { t } = useTranslation();
  const id = useId();
  const goals = useApiQuery('goals.forFamily', { familyId });
  const add = useApiMutation('goals.create');
  const [text, setText] = useState('');
  const [date, setDate] = useState(localToday());
  if (goals.error) return <ErrorMessage error={goals.error} />;
  if (!goals.data) return null;
  const data = goals.data;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ familyId, text, date }, { onSuccess: () => clearIfUnchanged(setText, text, '') });
  };
  return (
    <section aria-labelledby={`${id}-title`} className="card goals">
      <h2 id={`${id}-title`}>{t('goals.title')}</h2>
      <p className="help">{t('goals.intro')}</p>
      {data.goals.length === 0 ? (
        <p>{t('goals.none')}</p>
      ) : (
        <ol className="plain-list goal-list" aria-label={t('goals.list')}>
          {data.goals.map((goal, index) => (
            <GoalItem key={goal.id} goal={goal} number={index + 1} data={data} />
          ))}
        </ol>
      )}
      <form className="goal-add" onSubmit={submit} aria-label={t('goals.addForm')}>
        <div className="row">
          <div className="field field--date">
            <label htmlFor={`${id}-date`}>{t('goals.date')}</label>
            <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
          <div className="field field--wide">
            <label htmlFor={`${id}-text`}>{t('goals.newText')}</label>
            <textarea id={`${id}-text`} rows={2} maxLength={GOAL_TEXT_MAX} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
        </div>
        <button type="submit" disabled={add.isPending}>
          {t('goals.add')}
        </button>
      </form>
      <ErrorMessage error={add.error} />
    </section>
  );
}
