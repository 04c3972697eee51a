import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RATER_ROLES } from '../../../../shared/domain/vocabulary';
import type { RaterProfile } from '../../../../shared/domain/entities';
import { useApi, useApiMutation, useApiQuery } from '../../api/api-context';
import { AutosaveField } from '../../components/AutosaveField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ChangePinForm } from '../session/ChangePinForm';
import { PinField } from '../session/PinField';
import { useSession } from '../session/session-context';
import { RaterForm } from './RaterForm';

export function RatersPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { rater: me } = useSession();
  const [showInactive, setShowInactive] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const raters = useApiQuery('raters.list', { includeInactive: showInactive });
  const isCoordinator = me.role === 'coordinator';
  const roleOptions = RATER_ROLES.map((value) => ({ value, label: t(`roles.${value}`) }));

  return (
    <section aria-labelledby="raters-title">
      <h1 id="raters-title">{t('raters.title')}</h1>
      {isCoordinator ? (
        <section aria-labelledby="add-rater">
          <h2 id="add-rater">{t('raters.add')}</h2>
          <RaterForm submitLabel={t('raters.create')} onCreated={(rater) => setCreated(t('raters.created', { name: rater.name }))} />
          {created && <p role="status">{created}</p>}
        </section>
      ) : (
        <p className="help">{t('raters.onlyCoordinator')}</p>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} /> {t('raters.showInactive')}
      </label>
      <ErrorMessage error={raters.error} />
      <ul className="card-list" aria-label={t('raters.list')}>
        {(raters.data ?? []).map((rater) => (
          <li key={rater.id} className="card" aria-label={rater.name}>
            {isCoordinator ? (
              <div className="row">
                <AutosaveField label={t('raters.name')} value={rater.name} maxLength={80} onSave={(name) => api.call('raters.update', { id: rater.id, name })} />
                <AutosaveField
                  label={t('raters.initials')}
                  value={rater.initials}
                  maxLength={6}
                  onSave={(initials) => api.call('raters.update', { id: rater.id, initials })}
                />
                <AutosaveField
                  label={t('raters.role')}
                  type="select"
                  options={roleOptions}
                  value={rater.role}
                  onSave={(role) => api.call('raters.update', { id: rater.id, role: role as (typeof RATER_ROLES)[number] })}
                />
                <AutosaveField
                  label={t('raters.active')}
                  type="select"
                  options={[
                    { value: 'true', label: t('raters.active') },
                    { value: 'false', label: t('raters.inactive') },
                  ]}
                  value={String(rater.active)}
                  onSave={(active) => api.call('raters.update', { id: rater.id, active: active === 'true' })}
                />
                {rater.id !== me.id && <ResetPinForm rater={rater} />}
              </div>
            ) : (
              <p>
                <strong>{rater.name}</strong> ({rater.initials}) — {t(`roles.${rater.role}`)}
                {!rater.active && ` — ${t('raters.inactive')}`}
              </p>
            )}
          </li>
        ))}
      </ul>
      <section aria-labelledby="own-pin">
        <h2 id="own-pin">{t('session.changePinTitle')}</h2>
        <ChangePinForm role={me.role} />
      </section>
    </section>
  );
}

/** A coordinator's answer to "I forgot my PIN": a new start PIN, handed over in person; logged. */
function ResetPinForm({ rater }: { rater: RaterProfile }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const reset = useApiMutation('raters.resetPin');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate({ raterId: rater.id, newPin: pin }, { onSuccess: () => setPin('') });
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={t('raters.resetPinFor', { name: rater.name })}>
      <PinField label={t('raters.resetPinFor', { name: rater.name })} value={pin} onChange={setPin} />
      <button type="submit" disabled={reset.isPending || pin.length === 0}>
        {t('raters.resetPin')}
      </button>
      {!rater.hasPin && <small className="help">{t('raters.noPin')}</small>}
      <ErrorMessage error={reset.error} />
      {reset.isSuccess && <p role="status">{t('raters.resetPinDone', { name: rater.name })}</p>}
    </form>
  );
}
