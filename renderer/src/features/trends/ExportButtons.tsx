import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { exportLanguageOf, type ExportLanguage } from '../../../../shared/domain/exports';
import type { ExportFile } from '../../../../shared/domain/trends';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useExport } from './use-export';

export const EXPORT_FORMATS = ['csvComma', 'csvSemicolon', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

interface Props<Format extends string> {
  /** h2 on the team page, h3 inside the family page's trend card. */
  level: 2 | 3;
  help: string;
  /** Makes the file in the UI's language (the back end writes headers and texts in it). */
  make(format: Format, language: ExportLanguage): Promise<ExportFile>;
  /** Another set of files than the four score exports (the dossier's PDF and XLSX), with their labels. */
  formats?: readonly Format[];
  label?(format: Format): string;
  /** A title for the button's tooltip; the score exports explain each format. */
  titleOf?(format: Format): string | undefined;
  heading?: string;
}

/**
 * The four exports under one heading "Exporteren", the same on the family page and the team page.
 * While a file is made the group is busy and the buttons refuse a second click, but they stay
 * focusable (aria-disabled rather than disabled), so a keyboard user does not lose their place.
 */
export function ExportButtons<Format extends string = ExportFormat>({ level, help, make, formats, label, titleOf, heading }: Props<Format>) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const exporter = useExport();
  const Heading = level === 2 ? 'h2' : 'h3';
  const busy = exporter.busy !== null;
  const shown = formats ?? (EXPORT_FORMATS as readonly string[] as readonly Format[]);
  const labelOf = label ?? ((format: Format) => t(`trends.exports.${format as ExportFormat}`));
  const tooltipOf = titleOf ?? (formats ? () => undefined : (format: Format) => t(`trends.exports.${format as ExportFormat}Title`));
  return (
    <section aria-labelledby={`${id}-title`} className={level === 2 ? 'card trend-exports' : 'trend-exports'} aria-busy={busy}>
      <Heading id={`${id}-title`}>{heading ?? t('trends.exports.title')}</Heading>
      <p className="help" id={`${id}-help`}>
        {help}
      </p>
      <div className="trend-actions">
        {shown.map((format) => (
          <button
            key={format}
            type="button"
            aria-disabled={busy}
            aria-describedby={`${id}-help`}
            title={tooltipOf(format)}
            className={exporter.busy === format ? 'is-busy' : undefined}
            onClick={() => {
              if (!busy) void exporter.run(format, () => make(format, exportLanguageOf(i18n.language)));
            }}
          >
            {labelOf(format)}
          </button>
        ))}
        <span role="status" className="help">
          {exporter.busy !== null
            ? t('trends.exports.busy', { format: labelOf(exporter.busy as Format) })
            : exporter.done
              ? t('trends.downloaded', { file: exporter.done.fileName })
              : ''}
        </span>
      </div>
      <ErrorMessage error={exporter.error} />
    </section>
  );
}
