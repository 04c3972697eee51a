import { describe, expect, it, vi } from 'vitest';
import { SessionRegistry, type CallerSession } from '../backend/features/session/session-registry';
import { CALL_CHANNEL, registerIpcHost } from './ipc-host';

function host() {
  let listener: ((event: unknown, ...args: unknown[]) => unknown) | null = null;
  const dispatch = vi.fn(async (_method: unknown, _input: unknown, _caller: CallerSession) => ({ ok: true as const, value: 'done' }));
  const sessions = new SessionRegistry({ lockAfterMs: 60_000 });
  const callerOf = registerIpcHost({ handle: (channel, fn) => channel === CALL_CHANNEL && (listener = fn as never) }, dispatch, sessions);
  const mainFrame = { url: 'app://afstemming/index.html' };
  return {
    dispatch,
    mainFrame,
    sessions,
    callerOf,
    call: (event: unknown) => listener!(event, 'session.get', {}),
  };
}

describe('IPC host', () => {
  it('dispatches calls from the app top frame', async () => {
    const h = host();
    expect(await h.call({ senderFrame: h.mainFrame, sender: { id: 1, mainFrame: h.mainFrame } })).toEqual({ ok: true, value: 'done' });
    expect(h.dispatch).toHaveBeenCalledWith('session.get', {}, h.callerOf(1));
  });

  it('gives every window its own session and follows it when a sign-in replaces it', async () => {
    const h = host();
    const otherFrame = { url: 'app://afstemming/index.html' };
    await h.call({ senderFrame: h.mainFrame, sender: { id: 1, mainFrame: h.mainFrame } });
    await h.call({ senderFrame: otherFrame, sender: { id: 2, mainFrame: otherFrame } });
    const [first, second] = h.dispatch.mock.calls.map((call) => call[2]);
    expect(first!.id).not.toBe(second!.id);
    const replaced = h.sessions.rotate(first!);
    await h.call({ senderFrame: h.mainFrame, sender: { id: 1, mainFrame: h.mainFrame } });
    expect(h.dispatch.mock.calls[2]![2]).toBe(replaced);
  });

  it.each([
    ['a subframe of the app', (m: object) => ({ senderFrame: { url: 'app://afstemming/x' }, sender: { id: 1, mainFrame: m } })],
    ['a foreign page', () => { const f = { url: 'https://evil.example/' }; return { senderFrame: f, sender: { id: 1, mainFrame: f } }; }],
    ['a lookalike host', () => { const f = { url: 'app://afstemming.evil/' }; return { senderFrame: f, sender: { id: 1, mainFrame: f } }; }],
    ['a destroyed frame', (m: object) => ({ senderFrame: null, sender: { id: 1, mainFrame: m } })],
  ])('refuses %s without dispatching', async (_name, makeEvent) => {
    const h = host();
    const result = await h.call(makeEvent(h.mainFrame));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(h.dispatch).not.toHaveBeenCalled();
  });
});
