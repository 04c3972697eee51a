import { useTranslation } from 'react-i18next';
import type { AgreementOverview } from '../../../../shared/api/areas/agreement-methods';
import type { Rater } from '../../../../shared/domain/entities';
import { ACTIVITIES, MOMENTS, type Activity, type Moment } from '../../../../shared/domain/vocabulary';

export interface FilterState {
  roundId: number | null;
  from: string;
  to: string;
  moment: Moment | '';
  activity: Activity | '';
  raterIds: number[];
}

export const EMPTY_FILTERS: FilterState = { roundId: null, from: '', to: '', moment: '', activity: '', raterIds: [] };

export function toApiFilters(state: FilterState) {
  return {
    roundIds: state.roundId === null ? [] : [state.roundId],
    ...(state.from ? { from: state.from } : {}),
    ...(state.to ? { to: state.to } : {}),
    moments: state.moment ? [state.moment] : [],
    ...(state.activity ? { activity: state.activity } : {}),
    raterIds: state.raterIds,
  };
}

export function AgreementFilters({
  value,
  onChange,
  rounds,
  raters,
}: {
  value: FilterState;
  onChange(next: FilterState): void;
  rounds: AgreementOverview['rounds'];
  raters: readonly Rater[];
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<FilterState>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="agreement-filters no-print">
      <legend>{t('agreement.filters.title')}</legend>
      <div className="agreement-filter-row">
        <label>
          {t('agreement.filters.round')}
          <select value={value.roundId ?? ''} onChange={(e) => set({ roundId: e.target.value === '' ? null : Number(e.target.value) })}>
            <option value="">{t('agreement.filters.allRounds')}</option>
            {rounds.map((round) => (
              <option key={round.id} value={round.id}>
                {round.heldOn} – {round.name} ({t(`agreement.kinds.${round.kind}`)})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('agreement.filters.from')}
          <input type="date" value={value.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label>
          {t('agreement.filters.to')}
          <input type="date" value={value.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <label>
          {t('agreement.filters.moment')}
          <select value={value.moment} onChange={(e) => set({ moment: e.target.value as Moment | '' })}>
            <option value="">{t('agreement.filters.all')}</option>
            {MOMENTS.map((moment) => (
              <option key={moment} value={moment}>
                {t(`moments.${moment}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('agreement.filters.activity')}
          <select value={value.activity} onChange={(e) => set({ activity: e.target.value as Activity | '' })}>
            <option value="">{t('agreement.filters.all')}</option>
            {ACTIVITIES.map((activity) => (
              <option key={activity} value={activity}>
                {t(`activities.${activity}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="agreement-filter-row">
        <span className="agreement-filter-label" id="agreement-raters-label">
          {t('agreement.filters.raters')}
        </span>
        <div role="group" aria-labelledby="agreement-raters-label" className="agreement-raters">
          {raters.map((rater) => (
            <label key={rater.id} className="checkbox">
              <input
                type="checkbox"
                checked={value.raterIds.includes(rater.id)}
                onChange={(e) => set({ raterIds: e.target.checked ? [...value.raterIds, rater.id] : value.raterIds.filter((id) => id !== rater.id) })}
              />{' '}
              {rater.name}
            </label>
          ))}
          <span className="help">{t('agreement.filters.ratersHelp')}</span>
        </div>
      </div>
      <button type="button" className="link-button agreement-reset" onClick={() => onChange(EMPTY_FILTERS)}>
        {t('agreement.filters.reset')}
      </button>
    </fieldset>
  );
}
