import type { BrowserWindow, Dialog } from 'electron';

export const VIDEO_EXTENSIONS = ['mp4', 'm4v', 'mov', 'mts', 'm2ts', 'mkv', 'avi', 'mpg', 'mpeg', 'webm'];

/** The native "open video" dialog; the back end gets it as a port and never sees a path from the page. */
export async function pickVideoFiles(dialog: Pick<Dialog, 'showOpenDialog'>, parent: BrowserWindow | null): Promise<string[]> {
  const options = {
    title: 'Video-opname kiezen',
    buttonLabel: 'Importeren',
    properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
    filters: [{ name: 'Video', extensions: VIDEO_EXTENSIONS }],
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

/** The native "choose folder" dialog (backups); null when cancelled. A new folder may be made from it. */
export async function pickFolder(dialog: Pick<Dialog, 'showOpenDialog'>, parent: BrowserWindow | null): Promise<string | null> {
  const options = {
    title: 'Map voor de back-up kiezen',
    buttonLabel: 'Deze map kiezen',
    properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]!;
}
