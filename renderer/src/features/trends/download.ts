import type { ExportFile } from '../../../../shared/domain/trends';
import { bytesFromBase64, saveFile } from '../../components/save-file';

export function downloadExport(file: ExportFile): void {
  saveFile(file.fileName, file.mimeType, bytesFromBase64(file.base64));
}
