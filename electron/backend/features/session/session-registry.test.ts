import { describe, expect, it } from 'vitest';
import { SessionRegistry } from './session-registry';

const workstation = { scope: { kind: 'workstation' as const }, address: null, device: 'test' };

function registry(options: { maxAgeMs?: number } = {}) {
  let now = 1_000_000;
  const sessions = new SessionRegistry({ lockAfterMs: 10 * 60_000, clock: () => now, failuresPerAddress: 3, failureWindowMs: 60_000, ...options });
  return { sessions, pass: (ms: number) => (now += ms) };
}

describe('SessionRegistry', () => {
  it('keeps every session to itself: unlocking one signs nobody else in', () => {
    const { sessions } = registry();
    const a = sessions.open(workstation);
    const b = sessions.open(workstation);
    sessions.unlock(a, 7);
    expect(a.raterId).toBe(7);
    expect(b.raterId).toBeNull();
    expect(a.id).not.toBe(b.id);
    sessions.lock(a);
    expect(a.raterId).toBeNull();
    expect(a.lockedRaterId).toBe(7);
  });

  it('forgets a session after its lifetime, and a rotated id is worthless at once', () => {
    const { sessions, pass } = registry({ maxAgeMs: 60_000 });
    const a = sessions.open(workstation);
    sessions.unlock(a, 7);
    const b = sessions.rotate(a);
    expect(sessions.find(a.id)).toBeUndefined();
    expect(a.replacedBy).toBe(b);
    expect(b.raterId).toBe(7);
    expect(sessions.find(b.id)).toBe(b);
    pass(60_001);
    expect(sessions.find(b.id)).toBeUndefined();
  });

  it('makes an address wait after too many failures, whatever it tried, and lets it try again after the window', () => {
    const { sessions, pass } = registry();
    for (let i = 0; i < 3; i++) sessions.noteFailure('10.0.0.5');
    expect(() => sessions.assertAddressAllowed('10.0.0.5')).toThrow(/Te veel mislukte pogingen vanaf dit apparaat/);
    expect(() => sessions.assertAddressAllowed('10.0.0.6')).not.toThrow();
    pass(60_001);
    expect(() => sessions.assertAddressAllowed('10.0.0.5')).not.toThrow();
  });

  it('ends all sessions of one meeting and none other', () => {
    const { sessions } = registry();
    const desk = sessions.open(workstation);
    const phone = sessions.open({ scope: { kind: 'meeting', meetingId: 'm1', roundId: 1 }, address: '10.0.0.5', device: 'Telefoon' });
    const other = sessions.open({ scope: { kind: 'meeting', meetingId: 'm2', roundId: 2 }, address: '10.0.0.6', device: 'Telefoon' });
    expect(sessions.endWhere((s) => s.scope.kind === 'meeting' && s.scope.meetingId === 'm1')).toBe(1);
    expect(phone.ended).toBe(true);
    expect(sessions.find(desk.id)).toBe(desk);
    expect(sessions.find(other.id)).toBe(other);
  });
});
