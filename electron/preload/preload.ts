import { contextBridge, ipcRenderer } from 'electron';
import { isEventName, isMethodName } from '../../shared/api/contract';

const CALL_CHANNEL = 'afstemming:call';
const EVENT_CHANNEL = 'afstemming:event';

/**
 * The only thing the page gets: `call` for contract methods and `on` for contract events.
 * No ipcRenderer, no channels, no Node.
 */
contextBridge.exposeInMainWorld('afstemming', {
  call(method: string, input: unknown) {
    if (!isMethodName(method)) {
      const name = String(method).slice(0, 100);
      return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: `Onbekende opdracht: ${name}.`, messageEn: `Unknown command: ${name}.` } });
    }
    return ipcRenderer.invoke(CALL_CHANNEL, method, input);
  },
  on(event: string, listener: (payload: unknown) => void) {
    if (!isEventName(event) || typeof listener !== 'function') return () => undefined;
    const wrapped = (_e: unknown, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
});
