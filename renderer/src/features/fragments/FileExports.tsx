import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FragmentExportFormat } from '../../../../shared/domain/fragments';
import { ApiError } from '../../../../shared/api/envelope';
import { useApi } from '../../api/api-context';
import { saveExportedFile } from './download';
import { apiFilters, hasFilters, type FragmentFilters } from './fragment-filters';
import type { Notify } from './use-fragment-store';

const FORMATS: readonly FragmentExportFormat[] = ['csv', 'csv_nl', 'xlsx', 'eaf'];

/** The four file exports of what the list shows (the same filters), saved as downloads. */
export function FileExports({ recordingId, filters, count, notify }: { recordingId: number; filters: FragmentFilters; count: number; notify: Notify }) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [busy, setBusy] = useState<FragmentExportFormat | null>(null);
  const run = async (format: FragmentExportFormat) => {
    setBusy(format);
    try {
      const filtered = apiFilters(filters);
      const file = await api.call('fragments.export', { recordingId, format, ...(filtered ? { filters: filtered } : {}) });
      saveExportedFile(file);
      notify(t('fragmentsUi.exported', { count: file.count, file: file.fileName }));
    } catch (error) {
      notify(error instanceof ApiError ? error.message : String(error), 'error');
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="export-group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('fragmentsUi.exportTitle')}</h3>
      <p className="help">{hasFilters(filters) ? t('fragmentsUi.exportFiltered', { count }) : t('fragmentsUi.exportAll')}</p>
      <div className="button-row">
        {FORMATS.map((format) => (
          <button key={format} type="button" className="small" onClick={() => void run(format)} disabled={busy !== null} aria-busy={busy === format}>
            {t(`fragmentsUi.formats.${format}`)}
          </button>
        ))}
      </div>
    </section>
  );
}
