import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingSetup } from '../../../../shared/domain/meeting-live';
import { useApiMutation } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateTime } from '../scoring/labels';

/** The organisation's certificate instead of the per-install one, so phones do not warn. */
export function CertificateSettings({ setup }: { setup: MeetingSetup }) {
  const { t, i18n } = useTranslation();
  const [certificatePem, setCertificatePem] = useState('');
  const [privateKeyPem, setPrivateKeyPem] = useState('');
  const save = useApiMutation('meeting.setCertificate');
  const clear = useApiMutation('meeting.clearCertificate');
  const certId = useId();
  const keyId = useId();
  const organisation = setup.organisationCertificate;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { certificatePem, privateKeyPem },
      {
        onSuccess: () => {
          setCertificatePem('');
          setPrivateKeyPem('');
        },
      },
    );
  };

  return (
    <details className="certificate-settings">
      <summary>{t('meetingLive.certificate.title')}</summary>
      <p>
        {organisation
          ? t('meetingLive.certificate.organisation', { subject: organisation.subject, until: formatDateTime(organisation.validUntil, i18n.language) })
          : t('meetingLive.certificate.own')}
      </p>
      {save.isSuccess && <p role="status">{t('meetingLive.certificate.saved')}</p>}
      <p className="help">{t('meetingLive.certificate.help')}</p>
      <form onSubmit={submit} aria-label={t('meetingLive.certificate.title')}>
        <div className="field">
          <label htmlFor={certId}>{t('meetingLive.certificate.certificatePem')}</label>
          <textarea id={certId} rows={4} spellCheck={false} value={certificatePem} onChange={(e) => setCertificatePem(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={keyId}>{t('meetingLive.certificate.keyPem')}</label>
          <textarea id={keyId} rows={4} spellCheck={false} autoComplete="off" value={privateKeyPem} onChange={(e) => setPrivateKeyPem(e.target.value)} required />
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('meetingLive.certificate.save')}
          </button>
          {organisation && (
            <button type="button" onClick={() => clear.mutate({})} disabled={clear.isPending}>
              {t('meetingLive.certificate.clear')}
            </button>
          )}
        </div>
      </form>
      <ErrorMessage error={save.error ?? clear.error} />
    </details>
  );
}
