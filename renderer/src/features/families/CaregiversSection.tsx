import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Caregiver } from '../../../../shared/domain/entities';
import type { CaregiverRole } from '../../../../shared/domain/vocabulary';
import { useApi, useApiMutation } from '../../api/api-context';
import { clearIfUnchanged } from '../../components/clear-if-unchanged';
import { AutosaveField } from '../../components/AutosaveField';
import { ErrorMessage } from '../../components/ErrorMessage';

interface Props {
  familyId: number;
  caregivers: Caregiver[];
  roles: readonly CaregiverRole[];
}

export function CaregiversSection({ familyId, caregivers, roles }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const add = useApiMutation('caregivers.add');
  const remove = useApiMutation('caregivers.remove');
  const [role, setRole] = useState<CaregiverRole>('moeder');
  const [label, setLabel] = useState('');
  const roleOptions = roles.map((value) => ({ value, label: t(`caregiverRoles.${value}`) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ familyId, role, label: label.trim() || role }, { onSuccess: () => clearIfUnchanged(setLabel, label, '') });
  };

  return (
    <section aria-labelledby={`${id}-title`} className="card">
      <h2 id={`${id}-title`}>{t('caregivers.title')}</h2>
      {caregivers.length === 0 && <p>{t('caregivers.none')}</p>}
      <ul className="plain-list" aria-label={t('caregivers.title')}>
        {caregivers.map((caregiver) => (
          <li key={caregiver.id} className="row" aria-label={caregiver.label}>
            <AutosaveField
              label={t('caregivers.role')}
              type="select"
              options={roleOptions}
              value={caregiver.role}
              onSave={(next) => api.call('caregivers.update', { id: caregiver.id, role: next as CaregiverRole })}
            />
            <AutosaveField
              label={t('caregivers.label')}
              value={caregiver.label}
              maxLength={60}
              onSave={(next) => api.call('caregivers.update', { id: caregiver.id, label: next })}
            />
            <button type="button" className="link-button" onClick={() => remove.mutate({ id: caregiver.id })}>
              {t('caregivers.remove', { label: caregiver.label })}
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={submit} aria-label={t('caregivers.add')}>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('caregivers.role')}</label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as CaregiverRole)}>
            {roleOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-label`}>{t('caregivers.label')}</label>
          <input id={`${id}-label`} value={label} maxLength={60} onChange={(e) => setLabel(e.target.value)} />
        </div>
        <button type="submit" disabled={add.isPending}>
          {t('caregivers.add')}
        </button>
      </form>
      <ErrorMessage error={add.error ?? remove.error} />
    </section>
  );
}
