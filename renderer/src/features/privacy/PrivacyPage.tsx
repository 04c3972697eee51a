import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/envelope';
import { ACCESS_ACTION_KINDS, type AccessActionKind } from '../../../../shared/domain/access-actions';
import type { AccessLogEntry } from '../../../../shared/domain/entities';
import { systemTimeZone } from '../../../../shared/domain/local-time';
import { useApi, useApiMutation, useApiQuery } from '../../api/api-context';
import { AccessLogEntries } from '../../components/AccessLogEntries';
import { ErrorMessage } from '../../components/ErrorMessage';
import { saveFile } from '../../components/save-file';
import { useSession } from '../session/session-context';

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

type Outcome = AccessLogEntry['outcome'];
const OUTCOMES: readonly Outcome[] = ['ok', 'refused', 'error'];
/** Rows per page; the back end allows up to 1000. */
export const ACCESS_LOG_PAGE_SIZE = 500;

/**
 * The log filtered in the back end (accessLog.overview): family, rater, a period of local dates,
 * the kind of action and the outcome, newest first, a page at a time. The overview is fetched on
 * "Toon overzicht" (and the page buttons), not refetched in the background: every reading is
 * itself logged, and the rows stay where they are while someone reads them.
 */
function Overview() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const families = useApiQuery('families.list', { status: 'all' });
  const raters = useApiQuery('raters.list', { includeInactive: true });
  const [familyId, setFamilyId] = useState('');
  const [raterId, setRaterId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [kind, setKind] = useState<AccessActionKind | ''>('');
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const overview = useApiMutation('accessLog.overview');
  const [exportState, setExportState] = useState<{ busy: boolean; message: string; error: ApiError | null }>({ busy: false, message: '', error: null });
  const filters = {
    ...(familyId ? { familyId: Number(familyId) } : {}),
    ...(raterId ? { raterId: Number(raterId) } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(kind ? { kind } : {}),
    ...(outcome ? { outcome } : {}),
    timeZone: systemTimeZone(),
  };
  // The filters of the page on screen: paging keeps them even if a control changed meanwhile.
  const [shown, setShown] = useState<typeof filters | null>(null);
  const show = () => {
    setShown(filters);
    overview.mutate({ ...filters, limit: ACCESS_LOG_PAGE_SIZE });
  };
  const page = overview.data;
  const turn = (offset: number) => shown && page && overview.mutate({ ...shown, limit: ACCESS_LOG_PAGE_SIZE, offset, upToId: page.upToId });
  const exportCsv = async () => {
    setExportState({ busy: true, message: '', error: null });
    try {
      const file = await api.call('accessLog.exportCsv', filters);
      saveFile(file.fileName, file.mimeType, file.content);
      setExportState({ busy: false, message: t('privacy.overview.exported', { file: file.fileName, count: file.rowCount }), error: null });
    } catch (error) {
      setExportState({ busy: false, message: '', error: error as ApiError });
    }
  };
  const number = (n: number) => n.toLocaleString(i18n.language.startsWith('en') ? 'en-GB' : 'nl-NL');
  return (
    <section aria-labelledby="overview-title" className="card">
      <h2 id="overview-title">{t('privacy.overview.title')}</h2>
      <div className="row access-log-filters">
        <label className="field">
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
        <label className="field">
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
        <label className="field">
          {t('privacy.overview.from')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field">
          {t('privacy.overview.to')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label className="field">
          {t('privacy.overview.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as AccessActionKind | '')}>
            <option value="">{t('privacy.overview.all')}</option>
            {ACCESS_ACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`privacy.overview.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('privacy.overview.outcome')}
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome | '')}>
            <option value="">{t('privacy.overview.all')}</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`outcomes.${o}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="row">
        <button type="button" onClick={show} disabled={overview.isPending}>
          {t('privacy.overview.show')}
        </button>
        <button type="button" onClick={() => void exportCsv()} disabled={exportState.busy}>
          {exportState.busy ? t('privacy.overview.exporting') : t('privacy.overview.export')}
        </button>
      </div>
      <p className="help">{t('privacy.overview.help', { zone: systemTimeZone() })}</p>
      {exportState.message && <p role="status">{exportState.message}</p>}
      <ErrorMessage error={exportState.error} />
      <ErrorMessage error={overview.error} />
      {page && (
        <>
          <div className="access-log-paging">
            <p role="status" aria-live="polite">
              {page.total === 0
                ? t('privacy.overview.noRows')
                : page.offset === 0 && page.rows.length === page.total
                  ? t('privacy.overview.allRows', { count: page.total, total: number(page.total) })
                  : page.offset === 0
                    ? t('privacy.overview.firstRows', { shown: number(page.rows.length), total: number(page.total) })
                    : t('privacy.overview.someRows', { first: number(page.offset + 1), last: number(page.offset + page.rows.length), total: number(page.total) })}
            </p>
            {page.offset > 0 && (
              <button type="button" onClick={() => turn(Math.max(0, page.offset - page.limit))} disabled={overview.isPending}>
                {t('privacy.overview.previous')}
              </button>
            )}
            {page.offset + page.rows.length < page.total && (
              <button type="button" onClick={() => turn(page.offset + page.limit)} disabled={overview.isPending}>
                {t('privacy.overview.next')}
              </button>
            )}
          </div>
          {page.total > 0 && <AccessLogEntries rows={page.rows} caption={t('privacy.overview.title')} showFamily />}
        </>
      )}
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
