import type { IpcMainInvokeEvent } from 'electron';
import { errorBody, msg, type Envelope } from '../../shared/api/envelope';
import type { CallerSession, SessionOrigin } from '../backend/features/session/session-registry';
import { isAppUrl } from './app-origin';

export const CALL_CHANNEL = 'afstemming:call';
export const EVENT_CHANNEL = 'afstemming:event';

/** The part of ipcMain we use; a seam so the host is tested under plain Node. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
}

type SenderInfo = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: { id: number; mainFrame: unknown } };

/** Only the top frame of our own app page may call; an iframe or a foreign page cannot. */
export function isTrustedSender(event: SenderInfo): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url);
}

/** What the IPC host needs of the back end's session registry. */
export interface SessionsLike {
  open(origin: SessionOrigin): CallerSession;
}

export type CallerDispatch = (method: unknown, input: unknown, caller: CallerSession) => Promise<Envelope<unknown>>;

/**
 * Every window is its own caller: a session per webContents, opened at its first call and followed
 * when a sign-in or sign-out replaces it. Returns the lookup the media protocol uses for a window.
 */
export function registerIpcHost(ipcMain: IpcMainLike, dispatch: CallerDispatch, sessions: SessionsLike): (webContentsId: number) => CallerSession {
  const byWindow = new Map<number, CallerSession>();
  const callerOf = (webContentsId: number): CallerSession => {
    let session = byWindow.get(webContentsId);
    while (session?.replacedBy) session = session.replacedBy;
    if (!session || session.ended) session = sessions.open({ scope: { kind: 'workstation' }, address: null, device: 'bureaublad' });
    byWindow.set(webContentsId, session);
    return session;
  };
  ipcMain.handle(CALL_CHANNEL, async (event, method, input) => {
    const sender = event as unknown as SenderInfo;
    if (!isTrustedSender(sender)) {
      return {
        ok: false,
        error: errorBody('forbidden', msg('Verzoek van een onbekende pagina geweigerd.', 'Request from an unknown page refused.')),
      } satisfies Envelope<never>;
    }
    return dispatch(method, input, callerOf(sender.sender.id));
  });
  return callerOf;
}
