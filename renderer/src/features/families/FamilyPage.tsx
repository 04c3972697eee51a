import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CAREGIVER_ROLES, type CaregiverRole } from '../../../../shared/domain/vocabulary';
import { useApi, useApiQuery } from '../../api/api-context';
import { AutosaveField } from '../../components/AutosaveField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSession } from '../session/session-context';
import { AccessLogTable } from './AccessLogTable';
import { CaregiversSection } from './CaregiversSection';
import { RecordingsSection } from '../recordings/RecordingsSection';
import { VisitsSection } from '../visits/VisitsSection';
import { FamilyTrend } from '../trends/FamilyTrend';
import { EraseFamilyButton } from '../privacy/EraseFamilyButton';
import { DossierSections } from '../dossier/DossierSections';

export function FamilyPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { rater } = useSession();
  const familyId = Number(useParams().familyId);
  const family = useApiQuery('families.get', { id: familyId }, { enabled: Number.isSafeInteger(familyId) && familyId > 0 });

  if (family.error) {
    return (
      <section>
        <ErrorMessage error={family.error} />
        <Link to="/families">{t('families.back')}</Link>
      </section>
    );
  }
  if (!family.data) return <p role="status">{t('app.loading')}</p>;
  const f = family.data;

  return (
    <article aria-labelledby="family-title">
      <Link to="/families">← {t('families.back')}</Link>
      <h1 id="family-title">
        {t('families.heading', { code: f.code })}
      </h1>
      <section aria-labelledby="family-details" className="card">
        <h2 id="family-details">{t('families.details')}</h2>
        <div className="row">
          <AutosaveField label={t('families.code')} value={f.code} maxLength={20} onSave={(code) => api.call('families.update', { id: f.id, code })} />
          <AutosaveField
            label={t('families.babyBirthMonth')}
            type="month"
            value={f.babyBirthMonth}
            onSave={(babyBirthMonth) => api.call('families.update', { id: f.id, babyBirthMonth })}
          />
          <AutosaveField
            label={t('families.referralDate')}
            type="date"
            value={f.referralDate}
            onSave={(referralDate) => api.call('families.update', { id: f.id, referralDate })}
          />
        </div>
        <AutosaveField label={t('families.notes')} type="textarea" value={f.notes} onSave={(notes) => api.call('families.update', { id: f.id, notes })} />
      </section>
      {/* The phase is kept with its dates in the dossier's timeline, no longer as a bare field here. */}
      <DossierSections familyId={f.id} isCoordinator={rater.role === 'coordinator'} />
      <CaregiversSection familyId={f.id} caregivers={f.caregivers} roles={CAREGIVER_ROLES as readonly CaregiverRole[]} />
      <VisitsSection family={f} isCoordinator={rater.role === 'coordinator'} />
      <RecordingsSection family={f} />
      <FamilyTrend familyId={f.id} />
      {rater.role === 'coordinator' ? <AccessLogTable familyId={f.id} /> : null}
      {rater.role === 'coordinator' ? <EraseFamilyButton familyId={f.id} code={f.code} /> : null}
    </article>
  );
}
