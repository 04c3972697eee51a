import type { ExportFile } from '../../../../shared/domain/trends';

/**
 * Hands a file made by the back end to the browser (or Electron) as a download: the bytes become
 * a Blob behind an object URL on a temporary <a download>. The URL is let go shortly after, once
 * the browser has started reading it.
 */
export function downloadExport(file: ExportFile): void {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
