import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localToday } from '../../../../shared/domain/dates';
import type { Family } from '../../../../shared/domain/entities';
import { ACTIVITIES, VISIT_PHASES, type Activity, type VisitPhase } from '../../../../shared/domain/vocabulary';
import { useApiMutation, useApiQuery } from '../../api/api-context';
import { clearIfUnchanged } from '../../components/clear-if-unchanged';
import { ErrorMessage } from '../../components/ErrorMessage';
import { VisitItem } from './VisitItem';
import { VisitQuestionsEditor } from './VisitQuestionsEditor';
import './visits.css';

/**
 * The family's home visits as the begeleider logs them: a short form to add one (its phase
 * defaults to the family's phase on that date), then per visit everything that autosaves.
 * The newest visit is open; older ones fold to one summary line.
 */
export function VisitsSection({ family, isCoordinator }: { family: Family; isCoordinator: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const visits = useApiQuery('visits.list', { familyId: family.id });
  const questions = useApiQuery('visitQuestions.list', { includeArchived: true });
  const recordings = useApiQuery('recordings.list', { familyId: family.id });
  const add = useApiMutation('visits.add');
  const remove = useApiMutation('visits.remove');
  const [date, setDate] = useState(localToday());
  const [phase, setPhase] = useState<VisitPhase | ''>('');
  const [duration, setDuration] = useState('');
  const [activity, setActivity] = useState<Activity | ''>('');
  const [notes, setNotes] = useState('');
  // The visits there were when the page opened: of those only the newest starts unfolded; a visit
  // added since starts unfolded too (it is the one being logged).
  const firstSeen = useRef<Set<number> | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      {
        familyId: family.id,
        date,
        notes,
        ...(phase ? { phase } : {}),
        ...(duration.trim() ? { durationMinutes: Number(duration) } : {}),
        ...(activity ? { activity } : {}),
      },
      {
        onSuccess: () => {
          clearIfUnchanged(setNotes, notes, '');
          clearIfUnchanged(setDuration, duration, '');
          clearIfUnchanged(setActivity, activity, '');
        },
      },
    );
  };

  const list = visits.data ?? [];
  if (visits.data && firstSeen.current === null) firstSeen.current = new Set(list.map((visit) => visit.id));
  // The list comes by date: the last one is the newest.
  const newest = list.at(-1)?.id ?? null;

  return (
    <section aria-labelledby={`${id}-title`} className="card">
      <h2 id={`${id}-title`}>{t('visits.title')}</h2>
      <ErrorMessage error={visits.error ?? questions.error} />
      {visits.data?.length === 0 && <p>{t('visits.none')}</p>}
      <ul className="plain-list visit-list" aria-label={t('visits.title')}>
        {list.map((visit) => (
          <VisitItem
            key={visit.id}
            visit={visit}
            caregivers={family.caregivers}
            questions={questions.data ?? []}
            recordings={(recordings.data ?? []).filter((r) => r.visitId === visit.id)}
            startOpen={visit.id === newest || !firstSeen.current?.has(visit.id)}
            onRemove={() => remove.mutate({ id: visit.id })}
          />
        ))}
      </ul>
      <form className="inline-form" onSubmit={submit} aria-label={t('visits.add')}>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('visits.date')}</label>
          <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-phase`}>{t('visits.phase')}</label>
          <select id={`${id}-phase`} value={phase} onChange={(e) => setPhase(e.target.value as VisitPhase | '')}>
            <option value="">{t('visits.phaseOnDate')}</option>
            {VISIT_PHASES.map((value) => (
              <option key={value} value={value}>
                {t(`phases.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--narrow">
          <label htmlFor={`${id}-duration`}>{t('visits.duration')}</label>
          <input id={`${id}-duration`} type="number" min={1} max={600} step={1} value={duration} onChange={(e) => setDuration(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-activity`}>{t('visits.activity')}</label>
          <select id={`${id}-activity`} value={activity} onChange={(e) => setActivity(e.target.value as Activity | '')}>
            <option value="">{t('visits.noActivity')}</option>
            {ACTIVITIES.map((value) => (
              <option key={value} value={value}>
                {t(`activities.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-notes`}>{t('visits.notes')}</label>
          <input id={`${id}-notes`} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </div>
        <button type="submit" disabled={add.isPending}>
          {t('visits.add')}
        </button>
      </form>
      <ErrorMessage error={add.error ?? remove.error} />
      {isCoordinator && <VisitQuestionsEditor questions={questions.data} />}
    </section>
  );
}
