import type { IpcMainInvokeEvent } from 'electron';
import type { Envelope } from '../../shared/api/envelope';
import { isAppUrl } from './app-origin';

export const CALL_CHANNEL = 'afstemming:call';
export const EVENT_CHANNEL = 'afstemming:event';

/** The part of ipcMain we use; a seam so the host is tested under plain Node. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
}

type SenderInfo = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: { mainFrame: unknown } };

/** Only the top frame of our own app page may call; an iframe or a foreign page cannot. */
export function isTrustedSender(event: SenderInfo): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url);
}

export function registerIpcHost(ipcMain: IpcMainLike, dispatch: (method: unknown, input: unknown) => Promise<Envelope<unknown>>): void {
  ipcMain.handle(CALL_CHANNEL, async (event, method, input) => {
    if (!isTrustedSender(event as unknown as SenderInfo)) {
      return { ok: false, error: { code: 'forbidden', message: 'Verzoek van een onbekende pagina geweigerd.' } } satisfies Envelope<never>;
    }
    return dispatch(method, input);
  });
}
