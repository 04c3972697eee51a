import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSession } from '../session/session-context';
import { AccessLogEntries } from '../../components/AccessLogEntries';

/** The coordinator's page: check the access log's hash chain, read overviews, make and restore backups. */
export function PrivacyPage() {
  const { t } = useTranslation();
  const { rater } = useSession();
  if (rater.role !== 'coordinator') return <p role="alert">{t('privacy.coordinatorOnly')}</p>;
  return (
    <article aria-labelledby="privacy-title">
      <h1 id="privacy-title">{t('privacy.title')}</h1>
      <VerifyLog />
      <Overview />
      <Backups />
    </article>
  );
}

function VerifyLog() {
  const { t } = useTranslation();
  const verify = useApiMutation('accessLog.verify');
  const report = verify.data;
  return (
    <section aria-labelledby="verify-title" className="card">
      <h2 id="verify-title">{t('privacy.verify.title')}</h2>
      <p className="help">{t('privacy.verify.help')}</p>
      <button type="button" onClick={() => verify.mutate({})} disabled={verify.isPending}>
        {t('privacy.verify.button')}
      </button>
      {report && (
        <p role="status" className={report.ok ? 'ok' : 'error'}>
          {report.ok
            ? t('privacy.verify.intact', { count: report.checkedRows })
            : report.firstBrokenId === null
              ? t('privacy.verify.brokenNoRow', { reason: report.reason })
              : t('privacy.verify.broken', { id: report.firstBrokenId, reason: report.reason })}
        </p>
      )}
      <ErrorMessage error={verify.error} />
    </section>
  );
}

function Overview() {
  const { t } = useTranslation();
  const families = useApiQuery('families.list', { status: 'all' });
  const raters = useApiQuery('raters.list', { includeInactive: true });
  const [familyId, setFamilyId] = useState('');
  const [raterId, setRaterId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const overview = useApiMutation('accessLog.overview');
  const show = () =>
    overview.mutate({
      ...(familyId ? { familyId: Number(familyId) } : {}),
      ...(raterId ? { raterId: Number(raterId) } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
  return (
    <section aria-labelledby="overview-title" className="card">
      <h2 id="overview-title">{t('privacy.overview.title')}</h2>
      <div className="row">
        <label>
          {t('privacy.overview.family')}
          <select value={familyId} onChange={(e) => setFamilyId(e.target.value)}>
            <option value="">{t('privacy.overview.all')}</option>
            {(families.data ?? []).map((f) => (
              <option key={f.id} value={f.id}>
                {f.code}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('privacy.overview.rater')}
          <select value={raterId} onChange={(e) => setRaterId(e.target.value)}>
            <option value="">{t('privacy.overview.all')}</option>
            {(raters.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('privacy.overview.from')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('privacy.overview.to')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="button" onClick={show} disabled={overview.isPending}>
          {t('privacy.overview.show')}
        </button>
      </div>
      <ErrorMessage error={overview.error} />
      {overview.data && <AccessLogEntries rows={overview.data} caption={t('privacy.overview.title')} showFamily />}
    </section>
  );
}

function Backups() {
  const { t } = useTranslation();
  const { readOnly } = useSession();
  const [targetDir, setTargetDir] = useState('');
  const [dir, setDir] = useState('');
  const [confirmRestore, setConfirmRestore] = useState(false);
  const create = useApiMutation('backup.create');
  const verify = useApiMutation('backup.verify');
  const restore = useApiMutation('backup.restore');
  return (
    <section aria-labelledby="backup-title" className="card">
      <h2 id="backup-title">{t('privacy.backup.title')}</h2>
      <p className="help">{t('privacy.backup.help')}</p>
      <div className="row">
        <label>
          {t('privacy.backup.targetDir')}
          <input value={targetDir} onChange={(e) => setTargetDir(e.target.value)} spellCheck={false} />
        </label>
        <button type="button" onClick={() => create.mutate(targetDir.trim() ? { targetDir } : {})} disabled={create.isPending || !!readOnly}>
          {create.isPending ? t('privacy.backup.busy') : t('privacy.backup.create')}
        </button>
      </div>
      {readOnly && <p className="help">{t(readOnly.reason === 'log_key_missing' ? 'privacy.readOnly.noBackupKey' : 'privacy.readOnly.noBackup')}</p>}
      {create.data && <p role="status">{t('privacy.backup.created', { dir: create.data.dir, files: t('counts.files', { count: create.data.files }) })}</p>}
      <ErrorMessage error={create.error} />

      <h3 id="restore-title">{t('privacy.backup.restoreTitle')}</h3>
      <div className="row">
        <label>
          {t('privacy.backup.dir')}
          <input value={dir} onChange={(e) => setDir(e.target.value)} spellCheck={false} />
        </label>
        <button type="button" onClick={() => verify.mutate({ dir })} disabled={!dir.trim() || verify.isPending}>
          {t('privacy.backup.verify')}
        </button>
        <button type="button" className="danger" onClick={() => setConfirmRestore(true)} disabled={!dir.trim()}>
          {t('privacy.backup.restore')}
        </button>
      </div>
      {verify.data && (
        <div role="status">
          <p>{verify.data.ok ? t('privacy.backup.verifyOk', { files: t('counts.files', { count: verify.data.files }), createdAt: verify.data.createdAt }) : t('privacy.backup.verifyBad')}</p>
          {verify.data.problems.length > 0 && (
            <ul>
              {verify.data.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <ErrorMessage error={verify.error} />
      {confirmRestore && (
        <div role="alertdialog" aria-label={t('privacy.backup.restore')} className="confirm">
          <p>{t('privacy.backup.restoreExplain')}</p>
          <button type="button" className="danger" onClick={() => restore.mutate({ dir }, { onSettled: () => setConfirmRestore(false) })}>
            {t('privacy.backup.restoreConfirm')}
          </button>
          <button type="button" onClick={() => setConfirmRestore(false)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {restore.data && <p role="status">{t('privacy.backup.restartNeeded', { createdAt: restore.data.backupCreatedAt })}</p>}
      <ErrorMessage error={restore.error} />
    </section>
  );
}
