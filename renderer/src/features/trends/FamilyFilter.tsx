import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';

interface Props {
  /** The chosen families; undefined is all. */
  value: number[] | undefined;
  onChange(next: number[] | undefined): void;
}

/**
 * The team page's family filter: all families, or one or more chosen ones. A disclosure keeps a
 * long caseload out of the way; its summary says what is chosen. The list shows codes only.
 */
export function FamilyFilter({ value, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const families = useApiQuery('families.list', { status: 'all' });
  const chosen = new Set(value ?? []);
  const list = families.data ?? [];
  const codes = list.filter((family) => chosen.has(family.id)).map((family) => family.code);
  const toggle = (familyId: number, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(familyId);
    else next.delete(familyId);
    onChange(next.size === 0 ? undefined : [...next].sort((a, b) => a - b));
  };

  return (
    <details className="family-filter">
      <summary>
        {t('trends.familyFilter.summary', {
          chosen: chosen.size === 0 ? t('trends.familyFilter.all') : codes.length <= 3 ? codes.join(', ') : t('trends.familyFilter.count', { count: chosen.size }),
        })}
      </summary>
      <fieldset aria-describedby={`${id}-help`}>
        <legend>{t('trends.familyFilter.legend')}</legend>
        <p className="help" id={`${id}-help`}>
          {t('trends.familyFilter.help')}
        </p>
        <ErrorMessage error={families.error} />
        <label className="family-filter-all">
          <input type="checkbox" checked={chosen.size === 0} disabled={chosen.size === 0} onChange={() => onChange(undefined)} /> {t('trends.familyFilter.all')}
        </label>
        <ul className="family-filter-list">
          {list.map((family) => (
            <li key={family.id}>
              <label>
                <input type="checkbox" checked={chosen.has(family.id)} onChange={(e) => toggle(family.id, e.target.checked)} /> {family.code}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </details>
  );
}
