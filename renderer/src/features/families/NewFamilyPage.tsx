import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { localToday } from '../../../../shared/domain/dates';
import { CAREGIVER_ROLES, FAMILY_PHASES, type CaregiverRole, type FamilyPhase } from '../../../../shared/domain/vocabulary';
import { useApiMutation, useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';

interface CaregiverDraft {
  key: number;
  role: CaregiverRole;
  label: string;
}

export function NewFamilyPage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const suggestion = useApiQuery('families.suggestCode', {});
  const create = useApiMutation('families.create');
  const [code, setCode] = useState('');
  const [codeTouched, setCodeTouched] = useState(false);
  const [babyBirthMonth, setBabyBirthMonth] = useState('');
  const [referralDate, setReferralDate] = useState(localToday());
  const [phase, setPhase] = useState<FamilyPhase>('aanmelding');
  const [notes, setNotes] = useState('');
  const [caregivers, setCaregivers] = useState<CaregiverDraft[]>([{ key: 1, role: 'moeder', label: '' }]);

  useEffect(() => {
    if (!codeTouched && suggestion.data) setCode(suggestion.data.code);
  }, [codeTouched, suggestion.data]);

  // In the UI's language (i18n.language), so a switch re-renders the field messages too.
  const fieldError = (name: string) => create.error?.field(name, i18n.language);
  const updateCaregiver = (key: number, change: Partial<CaregiverDraft>) =>
    setCaregivers((list) => list.map((c) => (c.key === key ? { ...c, ...change } : c)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        code,
        babyBirthMonth,
        referralDate,
        phase,
        notes,
        caregivers: caregivers.map(({ role, label }) => ({ role, label: label.trim() || role })),
      },
      { onSuccess: (family) => navigate(`/families/${family.id}`) },
    );
  };

  return (
    <section aria-labelledby="new-family-title">
      <h1 id="new-family-title">{t('families.new')}</h1>
      <form onSubmit={submit} className="stack" noValidate aria-labelledby="new-family-title">
        <div className="field">
          <label htmlFor={`${id}-code`}>{t('families.code')}</label>
          <input
            id={`${id}-code`}
            value={code}
            maxLength={20}
            aria-describedby={fieldError('code') ? `${id}-code-error ${id}-code-help` : `${id}-code-help`}
            aria-invalid={fieldError('code') ? true : undefined}
            onChange={(e) => {
              setCodeTouched(true);
              setCode(e.target.value);
            }}
          />
          {fieldError('code') && (
            <small id={`${id}-code-error`} className="error">
              {fieldError('code')}
            </small>
          )}
          <small id={`${id}-code-help`} className="help">
            {t('families.codeHelp', { code: suggestion.data?.code ?? '…' })}
          </small>
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor={`${id}-birth`}>{t('families.babyBirthMonth')}</label>
            <input id={`${id}-birth`} type="month" value={babyBirthMonth} max={localToday().slice(0, 7)} onChange={(e) => setBabyBirthMonth(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-referral`}>{t('families.referralDate')}</label>
            <input id={`${id}-referral`} type="date" value={referralDate} onChange={(e) => setReferralDate(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-phase`}>{t('families.phase')}</label>
            <select id={`${id}-phase`} value={phase} onChange={(e) => setPhase(e.target.value as FamilyPhase)}>
              {FAMILY_PHASES.map((value) => (
                <option key={value} value={value}>
                  {t(`phases.${value}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset>
          <legend>{t('caregivers.title')}</legend>
          {caregivers.map((caregiver, index) => (
            <div className="row" key={caregiver.key} role="group" aria-label={`${t('caregivers.title')} ${index + 1}`}>
              <div className="field">
                <label htmlFor={`${id}-cg-role-${caregiver.key}`}>{t('caregivers.role')}</label>
                <select
                  id={`${id}-cg-role-${caregiver.key}`}
                  value={caregiver.role}
                  onChange={(e) => updateCaregiver(caregiver.key, { role: e.target.value as CaregiverRole })}
                >
                  {CAREGIVER_ROLES.map((value) => (
                    <option key={value} value={value}>
                      {t(`caregiverRoles.${value}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-cg-label-${caregiver.key}`}>{t('caregivers.label')}</label>
                <input
                  id={`${id}-cg-label-${caregiver.key}`}
                  value={caregiver.label}
                  maxLength={60}
                  placeholder={t(`caregiverRoles.${caregiver.role}`)}
                  onChange={(e) => updateCaregiver(caregiver.key, { label: e.target.value })}
                />
              </div>
              <button
                type="button"
                className="link-button"
                onClick={() => setCaregivers((list) => list.filter((c) => c.key !== caregiver.key))}
              >
                {t('caregivers.remove', { label: caregiver.label || t(`caregiverRoles.${caregiver.role}`) })}
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() =>
              setCaregivers((list) => [...list, { key: Math.max(0, ...list.map((c) => c.key)) + 1, role: 'vader', label: '' }])
            }
          >
            {t('caregivers.addAnother')}
          </button>
          <small className="help">{t('caregivers.labelHelp')}</small>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-notes`}>{t('families.notes')}</label>
          <textarea id={`${id}-notes`} rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </div>
        <ErrorMessage error={create.error} />
        <div>
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('families.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
