import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import { ExportButtons } from '../trends/ExportButtons';

const FORMATS = ['pdf', 'xlsx'] as const;

/** The whole dossier as a file: the PDF to file in the EPD, the XLSX with every field. */
export function DossierExport({ familyId }: { familyId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <ExportButtons
      level={2}
      heading={t('dossierExport.title')}
      help={t('dossierExport.help')}
      formats={FORMATS}
      label={(format) => t(`dossierExport.${format}`)}
      make={(format, language) => api.call(format === 'pdf' ? 'dossier.exportPdf' : 'dossier.exportXlsx', { familyId, language })}
    />
  );
}
