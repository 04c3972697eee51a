import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EafImportResult } from '../../../../shared/domain/fragments';
import { ApiError } from '../../../../shared/api/envelope';
import { useApi } from '../../api/api-context';
import type { FragmentOps, Notify } from './use-fragment-store';

interface Loaded {
  name: string;
  content: string;
  /** Top-level tiers (those with times), read here so the rater can choose even when none has labels. */
  topTiers: string[];
  chosen: string[] | null;
  preview: EafImportResult | null;
  problem: string | null;
}

/** The ids of an .eaf file's top-level tiers (no PARENT_REF): the ones that can hold fragments. */
function topLevelTiers(content: string): string[] {
  const doc = new DOMParser().parseFromString(content, 'application/xml');
  return [...doc.getElementsByTagName('TIER')].filter((tier) => !tier.hasAttribute('PARENT_REF')).map((tier) => tier.getAttribute('TIER_ID') ?? '').filter(Boolean);
}

/** ELAN import: pick a file, see per tier what would happen (a dry run), then import. */
export function EafImport({ recordingId, ops, notify }: { recordingId: number; ops: FragmentOps; notify: Notify }) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async (next: Omit<Loaded, 'preview' | 'problem'>) => {
    setBusy(true);
    try {
      const preview = await api.call('fragments.importEaf', { recordingId, content: next.content, dryRun: true, ...(next.chosen ? { tierIds: next.chosen } : {}) });
      setLoaded({ ...next, preview, problem: null, chosen: next.chosen ?? preview.tiers.filter((tier) => tier.imported && next.topTiers.includes(tier.tierId)).map((tier) => tier.tierId) });
    } catch (error) {
      setLoaded({ ...next, preview: null, problem: error instanceof ApiError ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const content = await file.text();
    let topTiers: string[] = [];
    try {
      topTiers = topLevelTiers(content);
    } catch {
      // The back end gives the reason in its dry run.
    }
    await check({ name: file.name, content, topTiers, chosen: null });
  };

  const toggleTier = (tierId: string) => {
    if (!loaded) return;
    const current = loaded.chosen ?? [];
    const chosen = current.includes(tierId) ? current.filter((x) => x !== tierId) : [...current, tierId];
    if (chosen.length === 0) return setLoaded({ ...loaded, chosen, preview: null, problem: t('fragmentsUi.eafChooseTier') });
    void check({ ...loaded, chosen });
  };

  const doImport = async () => {
    if (!loaded?.preview) return;
    setBusy(true);
    const result = await ops.importEaf({ recordingId, content: loaded.content, ...(loaded.chosen?.length ? { tierIds: loaded.chosen } : {}) });
    setBusy(false);
    if (result) {
      notify(t('fragmentsUi.eafImported', { count: result.count }));
      setLoaded(null);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <section className="export-group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('fragmentsUi.eafTitle')}</h3>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('fragmentsUi.eafFile')}</label>
        <input id={`${id}-file`} ref={input} type="file" accept=".eaf,application/xml,text/xml" onChange={(e) => void onFile(e.target.files?.[0])} />
      </div>
      {loaded ? (
        <div className="eaf-preview" role="group" aria-label={t('fragmentsUi.eafPreview', { name: loaded.name })}>
          {loaded.problem ? (
            <p className="error" role="alert">
              {loaded.problem}
            </p>
          ) : null}
          {loaded.topTiers.length > 0 ? (
            <table className="table table--compact">
              <caption className="help">{t('fragmentsUi.eafPreview', { name: loaded.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('fragmentsUi.eafImportTier')}</th>
                  <th scope="col">{t('fragmentsUi.eafTier')}</th>
                  <th scope="col">{t('fragmentsUi.eafAnnotations')}</th>
                  <th scope="col">{t('fragmentsUi.eafOutcome')}</th>
                </tr>
              </thead>
              <tbody>
                {(loaded.preview?.tiers ?? loaded.topTiers.map((tierId) => ({ tierId, annotations: NaN, imported: false, reason: undefined }))).map((tier) => {
                  const top = loaded.topTiers.includes(tier.tierId);
                  return (
                    <tr key={tier.tierId}>
                      <td>
                        {top ? (
                          <input
                            type="checkbox"
                            aria-label={t('fragmentsUi.eafChoose', { tier: tier.tierId })}
                            checked={loaded.chosen?.includes(tier.tierId) ?? false}
                            disabled={busy}
                            onChange={() => toggleTier(tier.tierId)}
                          />
                        ) : null}
                      </td>
                      <td>{tier.tierId}</td>
                      <td>{Number.isNaN(tier.annotations) ? '' : tier.annotations}</td>
                      <td>{tier.imported ? t('fragmentsUi.eafWillImport') : (tier.reason ?? '')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : null}
          <div className="button-row">
            <button type="button" className="small primary" disabled={busy || !loaded.preview || loaded.preview.count === 0} onClick={() => void doImport()}>
              {t('fragmentsUi.eafDoImport', { count: loaded.preview?.count ?? 0 })}
            </button>
            <button
              type="button"
              className="small"
              onClick={() => {
                setLoaded(null);
                if (input.current) input.current.value = '';
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
