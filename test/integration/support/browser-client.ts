import { createApi, type Api } from '../../../shared/api/client';
import type { Envelope } from '../../../shared/api/envelope';
import { SESSION_COOKIE, type WebHost } from '../../../electron/web/web-host';
import { TEST_PIN } from './temp-backend';

/**
 * A browser tab as the browser-mode host sees it: it opens a one-time link, keeps the session
 * cookie it is given (and the new one after a sign-in), and sends it with every request.
 */
export interface BrowserClient {
  api: Api;
  /** GET (or any method) with this tab's cookie. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  cookie(): string;
  signIn(raterId: number, pin?: string): Promise<void>;
}

export async function openBrowserClient(host: WebHost): Promise<BrowserClient> {
  let cookie = '';
  const keep = (res: Response) => {
    const set = res.headers.get('set-cookie');
    const match = set ? new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(set) : null;
    if (match) cookie = `${SESSION_COOKIE}=${match[1]}`;
    return res;
  };
  const opened = keep(await fetch(host.newLink(), { redirect: 'manual' }));
  if (opened.status !== 303 || !cookie) throw new Error(`the one-time link gave ${opened.status}`);
  const request = (path: string, init: RequestInit = {}) =>
    fetch(`${host.origin}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } }).then(keep);
  const call = async (method: string, input: unknown): Promise<Envelope<unknown>> => {
    const res = await request('/api/call', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ method, input }) });
    if (res.status !== 200) {
      const message = `HTTP ${res.status}: ${await res.text()}`;
      return { ok: false, error: { code: 'forbidden', message, messageEn: message } };
    }
    return (await res.json()) as Envelope<unknown>;
  };
  const api = createApi({ call, on: () => () => undefined });
  return {
    api,
    fetch: request,
    cookie: () => cookie,
    signIn: async (raterId, pin = TEST_PIN) => void (await api.call('session.selectRater', { raterId, pin })),
  };
}
