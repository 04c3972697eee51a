import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localToday } from '../../../../shared/domain/dates';
import type { Visit } from '../../../../shared/domain/entities';
import { VISIT_PHASES, type VisitPhase } from '../../../../shared/domain/vocabulary';
import { useApi, useApiMutation } from '../../api/api-context';
import { AutosaveField } from '../../components/AutosaveField';
import { ErrorMessage } from '../../components/ErrorMessage';

export function VisitsSection({ familyId, visits }: { familyId: number; visits: Visit[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const add = useApiMutation('visits.add');
  const remove = useApiMutation('visits.remove');
  const [date, setDate] = useState(localToday());
  const [phase, setPhase] = useState<VisitPhase>('introductie');
  const [notes, setNotes] = useState('');
  const phaseOptions = VISIT_PHASES.map((value) => ({ value, label: t(`phases.${value}`) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ familyId, date, phase, notes }, { onSuccess: () => setNotes('') });
  };

  return (
    <section aria-labelledby={`${id}-title`} className="card">
      <h2 id={`${id}-title`}>{t('visits.title')}</h2>
      {visits.length === 0 && <p>{t('visits.none')}</p>}
      <ul className="plain-list" aria-label={t('visits.title')}>
        {visits.map((visit) => (
          <li key={visit.id} className="row" aria-label={visit.date}>
            <AutosaveField label={t('visits.date')} type="date" value={visit.date} onSave={(next) => api.call('visits.update', { id: visit.id, date: next })} />
            <AutosaveField
              label={t('visits.phase')}
              type="select"
              options={phaseOptions}
              value={visit.phase}
              onSave={(next) => api.call('visits.update', { id: visit.id, phase: next as VisitPhase })}
            />
            <AutosaveField label={t('visits.notes')} value={visit.notes} onSave={(next) => api.call('visits.update', { id: visit.id, notes: next })} />
            <button type="button" className="link-button" onClick={() => remove.mutate({ id: visit.id })}>
              {t('visits.remove', { date: visit.date })}
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={submit} aria-label={t('visits.add')}>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('visits.date')}</label>
          <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-phase`}>{t('visits.phase')}</label>
          <select id={`${id}-phase`} value={phase} onChange={(e) => setPhase(e.target.value as VisitPhase)}>
            {phaseOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
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
    </section>
  );
}
