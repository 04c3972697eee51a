import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, session, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend, type Backend } from '../backend/create-backend';
import { reaches } from '../backend/event-hub';
import { startLanHost } from '../web/lan-host';
import { APP_ENTRY_URL, APP_SCHEME } from './app-origin';
import { createAppProtocolHandler } from './app-protocol';
import { pickFolder, pickVideoFiles } from './dialogs';
import { EVENT_CHANNEL, registerIpcHost } from './ipc-host';
import { createMainWindow, denyAllPermissions, lockDownNavigation } from './window';

// Must happen before `ready`: a standard, secure scheme gets a real origin, fetch and CSP.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

const appRoot = app.getAppPath();

/**
 * In development better-sqlite3 in node_modules is built for Node (so `npm test` works);
 * `npm start` builds a copy for Electron's ABI into native/electron/ and we load that one.
 * A packaged app has it rebuilt in place by electron-builder.
 */
function electronNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const candidate = join(appRoot, 'native', 'electron', process.versions.electron, 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}

let backend: Backend | null = null;

if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents: WebContents) => lockDownNavigation(contents));

app.whenReady().then(() => {
  denyAllPermissions(session.defaultSession);
  const rendererDir = join(appRoot, 'renderer', 'dist');
  backend = createBackend({
    dataDir: app.getPath('userData'),
    migrationsDir: join(appRoot, 'migrations'),
    appVersion: app.getVersion(),
    nativeBinding: electronNativeBinding(),
    ports: {
      pickVideoFiles: () => pickVideoFiles(dialog, BrowserWindow.getFocusedWindow()),
      pickFolder: () => pickFolder(dialog, BrowserWindow.getFocusedWindow()),
      // The intervisie's HTTPS listener on one LAN address, only while a meeting runs.
      openMeetingListener: (options) => startLanHost({ ...options, backend: backend!, staticDir: rendererDir }),
    },
  });
  const callerOf = registerIpcHost(ipcMain, backend.dispatch, backend.services.sessions);
  let mainWindowId: number | null = null;
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler(rendererDir, backend.media, () => (mainWindowId === null ? null : callerOf(mainWindowId))),
  );
  backend.events.subscribe((event, payload, audience) => {
    for (const window of BrowserWindow.getAllWindows()) {
      // An event for one rater (their own export's progress) goes only to a window signed in as them.
      if (audience && !reaches(audience, callerOf(window.webContents.id).raterId)) continue;
      window.webContents.send(EVENT_CHANNEL, event, payload);
    }
  });

  // Locking the computer or closing the lid locks Afstemming too (through dispatch, so the window hears it).
  const lockWorkstation = () => backend?.lockWorkstation();
  powerMonitor.on('lock-screen', lockWorkstation);
  powerMonitor.on('suspend', lockWorkstation);

  const window = createMainWindow({ BrowserWindow, preloadPath: join(__dirname, 'preload.cjs') });
  mainWindowId = window.webContents.id;
  void window.loadURL(APP_ENTRY_URL);
});

app.on('window-all-closed', () => {
  backend?.close();
  backend = null;
  app.quit();
});
