import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrendFilters } from '../../../../shared/domain/trends';
import { ACTIVITIES, CAREGIVER_ROLES, FAMILY_PHASES, type Activity, type CaregiverRole, type FamilyPhase } from '../../../../shared/domain/vocabulary';
import { useApiQuery } from '../../api/api-context';

interface Props {
  value: TrendFilters;
  onChange(next: TrendFilters): void;
  /** The family's phase only filters the team; one family is in one phase. */
  showPhase?: boolean;
}

/** Period, phase, caregiver role, activity and rater: every control labelled, every one optional. */
export function TrendFiltersForm({ value, onChange, showPhase = false }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const raters = useApiQuery('raters.list', { includeInactive: true });
  const set = <K extends keyof TrendFilters>(key: K, next: TrendFilters[K] | '') => {
    const copy = { ...value };
    if (next === '' || next === undefined) delete copy[key];
    else copy[key] = next as TrendFilters[K];
    onChange(copy);
  };
  const empty = Object.keys(value).length === 0;

  return (
    <fieldset className="trend-filters">
      <legend>{t('trends.filters.legend')}</legend>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t('trends.filters.from')}</label>
        <input id={`${id}-from`} type="date" value={value.from ?? ''} onChange={(e) => set('from', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('trends.filters.to')}</label>
        <input id={`${id}-to`} type="date" value={value.to ?? ''} onChange={(e) => set('to', e.target.value)} />
      </div>
      {showPhase && (
        <div className="field">
          <label htmlFor={`${id}-phase`}>{t('trends.filters.phase')}</label>
          <select id={`${id}-phase`} value={value.phase ?? ''} onChange={(e) => set('phase', e.target.value as FamilyPhase)}>
            <option value="">{t('trends.filters.all')}</option>
            {FAMILY_PHASES.map((phase) => (
              <option key={phase} value={phase}>
                {t(`phases.${phase}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-role`}>{t('trends.filters.role')}</label>
        <select id={`${id}-role`} value={value.caregiverRole ?? ''} onChange={(e) => set('caregiverRole', e.target.value as CaregiverRole)}>
          <option value="">{t('trends.filters.all')}</option>
          {CAREGIVER_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`caregiverRoles.${role}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-activity`}>{t('trends.filters.activity')}</label>
        <select id={`${id}-activity`} value={value.activity ?? ''} onChange={(e) => set('activity', e.target.value as Activity)}>
          <option value="">{t('trends.filters.all')}</option>
          {ACTIVITIES.map((activity) => (
            <option key={activity} value={activity}>
              {t(`activities.${activity}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-rater`}>{t('trends.filters.rater')}</label>
        <select id={`${id}-rater`} value={value.raterId ?? ''} onChange={(e) => set('raterId', e.target.value === '' ? '' : Number(e.target.value))}>
          <option value="">{t('trends.filters.allRaters')}</option>
          {(raters.data ?? []).map((rater) => (
            <option key={rater.id} value={rater.id}>
              {rater.name} ({rater.initials})
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="trend-filters-reset" onClick={() => onChange({})} disabled={empty}>
        {t('trends.filters.reset')}
      </button>
    </fieldset>
  );
}
