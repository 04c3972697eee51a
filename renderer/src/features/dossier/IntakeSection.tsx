import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/api/contract';
import { INDICATIONS, type FamilyDossier, type Indication } from '../../../../shared/domain/dossier';
import { useSavingCall } from '../../api/api-context';
import { AutosaveField } from '../../components/AutosaveField';
import { formatDate } from '../trends/format';
import { AutosaveCheckbox } from './AutosaveCheckbox';

/** The aanmelding as structured fields: who referred, why, and the contra-indications asked at intake. */
export function IntakeSection({ dossier }: { dossier: FamilyDossier }) {
  const { t, i18n } = useTranslation();
  const saving = useSavingCall();
  const id = useId();
  const { familyId, intake } = dossier;
  const save = (changes: Omit<MethodInput<'dossier.updateIntake'>, 'familyId'>) => saving('dossier.updateIntake', { familyId, ...changes });
  const indicationOptions = [
    { value: '', label: t('dossier.indicationNone') },
    ...INDICATIONS.map((value) => ({ value, label: t(`indications.${value}`) })),
  ];
  return (
    <section aria-labelledby={`${id}-title`} className="card">
      <h2 id={`${id}-title`}>{t('dossier.intakeTitle')}</h2>
      <div className="row">
        <AutosaveField label={t('dossier.referrer')} help={t('dossier.referrerHelp')} value={intake.referrer} maxLength={120} onSave={(referrer) => save({ referrer })} />
        <AutosaveField
          label={t('dossier.indication')}
          type="select"
          options={indicationOptions}
          value={intake.indication ?? ''}
          onSave={(value) => save({ indication: value === '' ? null : (value as Indication) })}
        />
        <AutosaveField label={t('dossier.indicationNote')} value={intake.indicationNote} maxLength={200} onSave={(indicationNote) => save({ indicationNote })} />
      </div>
      <fieldset className="contra-indications">
        <legend>{t('dossier.contraTitle')}</legend>
        <div className="row">
          <AutosaveCheckbox label={t('dossier.highStress')} checked={intake.highStress} onSave={(highStress) => save({ highStress })} />
          <AutosaveField label={t('dossier.highStressNote')} value={intake.highStressNote} maxLength={500} onSave={(highStressNote) => save({ highStressNote })} />
        </div>
        <div className="row">
          <AutosaveCheckbox label={t('dossier.unsafe')} checked={intake.unsafe} onSave={(unsafe) => save({ unsafe })} />
          <AutosaveField label={t('dossier.unsafeNote')} value={intake.unsafeNote} maxLength={500} onSave={(unsafeNote) => save({ unsafeNote })} />
        </div>
        {intake.override && (
          <p className="help">
            {t('dossier.overridden', {
              name: intake.override.byName ?? '—',
              date: formatDate(intake.override.at.slice(0, 10), i18n.language),
              reason: intake.override.reason,
            })}
          </p>
        )}
      </fieldset>
    </section>
  );
}
