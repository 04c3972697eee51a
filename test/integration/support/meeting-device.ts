import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { createApi, type Api } from '../../../shared/api/client';
import type { Envelope } from '../../../shared/api/envelope';
import { MEETING_COOKIE } from '../../../electron/web/lan-host';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A phone in the room, as the meeting's listener sees it: real HTTPS to the chosen address, the
 * certificate trusted because its fingerprint was checked (here: given as the only CA), a cookie
 * kept like a browser keeps it.
 */
export class MeetingDevice {
  cookie = '';
  readonly api: Api;

  constructor(
    readonly origin: string,
    private readonly certPem: string,
  ) {
    this.api = createApi({ call: (method, input) => this.call(method, input), on: () => () => undefined });
  }

  raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
    const url = new URL(path, this.origin);
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: options.method ?? 'GET',
          ca: this.certPem,
          headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...options.headers },
          agent: false,
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => {
            const set = res.headers['set-cookie']?.join(';') ?? '';
            const match = new RegExp(`${MEETING_COOKIE}=([^;]+)`).exec(set);
            if (match) this.cookie = `${MEETING_COOKIE}=${match[1]}`;
            resolve({ status: res.statusCode!, headers: res.headers, body });
          });
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });
  }

  async call(method: string, input: unknown): Promise<Envelope<unknown>> {
    const res = await this.raw('/api/call', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ method, input }) });
    if (res.status !== 200) return { ok: false, error: { code: 'forbidden', message: `HTTP ${res.status}: ${res.body}`, messageEn: `HTTP ${res.status}: ${res.body}` } };
    return JSON.parse(res.body) as Envelope<unknown>;
  }
}

/** Plain HTTP (no TLS) to the listener: what a browser sends when someone types http://. */
export function plainHttp(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => socket.write(`GET / HTTP/1.1\r\nHost: ${host}:${port}\r\n\r\n`));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}
