import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rater } from '../../../../shared/domain/entities';
import { RATER_ROLES, type RaterRole } from '../../../../shared/domain/vocabulary';
import { useApiMutation } from '../../api/api-context';
import { clearIfUnchanged } from '../../components/clear-if-unchanged';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PinField } from '../session/PinField';

interface RaterFormProps {
  submitLabel: string;
  fixedRole?: RaterRole;
  onCreated?: (rater: Rater) => void;
}

export function RaterForm({ submitLabel, fixedRole, onCreated }: RaterFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [initials, setInitials] = useState('');
  const [role, setRole] = useState<RaterRole>(fixedRole ?? 'rater');
  const [pin, setPin] = useState('');
  // The first coordinator chooses their own password; anyone else gets a start PIN to replace.
  const firstCoordinator = fixedRole === 'coordinator';
  const create = useApiMutation('raters.create');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, initials, role, pin },
      {
        onSuccess: (rater) => {
          clearIfUnchanged(setName, name, '');
          clearIfUnchanged(setInitials, initials, '');
          setPin('');
          onCreated?.(rater);
        },
      },
    );
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-label={submitLabel}>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('raters.name')}</label>
        <input id={`${id}-name`} value={name} maxLength={80} required onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field field--narrow">
        <label htmlFor={`${id}-initials`}>{t('raters.initials')}</label>
        <input id={`${id}-initials`} value={initials} maxLength={6} required onChange={(e) => setInitials(e.target.value)} />
      </div>
      {!fixedRole && (
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('raters.role')}</label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as RaterRole)}>
            {RATER_ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`roles.${value}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <PinField
        label={firstCoordinator ? t('session.firstPassword') : t('raters.startPin')}
        value={pin}
        onChange={setPin}
        help={firstCoordinator ? t('session.coordinatorRule') : t('raters.startPinHelp')}
      />
      <button type="submit" disabled={create.isPending}>
        {submitLabel}
      </button>
      <ErrorMessage error={create.error} />
    </form>
  );
}
