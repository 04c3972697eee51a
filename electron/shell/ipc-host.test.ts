import { describe, expect, it, vi } from 'vitest';
import { CALL_CHANNEL, registerIpcHost } from './ipc-host';

function host() {
  let listener: ((event: unknown, ...args: unknown[]) => unknown) | null = null;
  const dispatch = vi.fn(async () => ({ ok: true as const, value: 'done' }));
  registerIpcHost({ handle: (channel, fn) => channel === CALL_CHANNEL && (listener = fn as never) }, dispatch);
  const mainFrame = { url: 'app://afstemming/index.html' };
  return {
    dispatch,
    mainFrame,
    call: (event: unknown) => listener!(event, 'session.get', {}),
  };
}

describe('IPC host', () => {
  it('dispatches calls from the app top frame', async () => {
    const h = host();
    expect(await h.call({ senderFrame: h.mainFrame, sender: { mainFrame: h.mainFrame } })).toEqual({ ok: true, value: 'done' });
    expect(h.dispatch).toHaveBeenCalledWith('session.get', {});
  });

  it.each([
    ['a subframe of the app', (m: object) => ({ senderFrame: { url: 'app://afstemming/x' }, sender: { mainFrame: m } })],
    ['a foreign page', () => { const f = { url: 'https://evil.example/' }; return { senderFrame: f, sender: { mainFrame: f } }; }],
    ['a lookalike host', () => { const f = { url: 'app://afstemming.evil/' }; return { senderFrame: f, sender: { mainFrame: f } }; }],
    ['a destroyed frame', (m: object) => ({ senderFrame: null, sender: { mainFrame: m } })],
  ])('refuses %s without dispatching', async (_name, makeEvent) => {
    const h = host();
    const result = await h.call(makeEvent(h.mainFrame));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(h.dispatch).not.toHaveBeenCalled();
  });
});
