import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin';

/**
 * Every BrowserWindow option in one place. The renderer gets no Node, runs sandboxed in an isolated
 * context with web security on, and can only reach the contract through the preload.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 1000,
    minHeight: 640,
    show: false,
    title: 'Afstemming',
    backgroundColor: '#f5f7f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}

/** Blocks every way a page could leave the app or open another window. */
export function lockDownNavigation(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** No camera, microphone, notifications, geolocation or anything else: the app needs none. */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export interface WindowFactoryDeps {
  BrowserWindow: typeof BrowserWindow;
  preloadPath: string;
}

/** The one window factory: every window of the app is made here, with the options above. */
export function createMainWindow({ BrowserWindow: Ctor, preloadPath }: WindowFactoryDeps): BrowserWindow {
  const window = new Ctor(mainWindowOptions(preloadPath));
  lockDownNavigation(window.webContents);
  window.once('ready-to-show', () => window.show());
  return window;
}
