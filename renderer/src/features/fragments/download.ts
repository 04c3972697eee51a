import type { ExportedFile } from '../../../../shared/domain/fragments';
import { bytesFromBase64, saveFile } from '../../components/save-file';

/** Saves an exported fragments file (text or base64) through the browser's download, in Electron too. */
export function saveExportedFile(file: ExportedFile): void {
  const data =
    file.encoding === 'base64'
      ? bytesFromBase64(file.content)
      : // A BOM so Excel opens UTF-8 CSV with the right accents (één, coöperatie).
        (file.mimeType.startsWith('text/csv') && !file.content.startsWith('\uFEFF') ? '\uFEFF' : '') + file.content;
  saveFile(file.fileName, file.mimeType, data);
}
