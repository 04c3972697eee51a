import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutFor, type PlayerAction } from './shortcuts';

const press = (key: string, shiftKey = false, altKey = false) => shortcutFor({ key, shiftKey, altKey });

describe('player shortcuts', () => {
  it('maps keys to actions without overlap', () => {
    expect(press('ArrowRight')).toBe('frameForward');
    expect(press('ArrowRight', true)).toBe('forward1');
    expect(press('ArrowRight', false, true)).toBe('forward5');
    expect(press('j')).toBe('back5');
    expect(press('K')).toBe('pause');
    expect(press('l')).toBe('play');
    expect(press(' ')).toBe('playPause');
    expect(press('x')).toBeNull();
  });
  it('gives every action a visible label', () => {
    for (const action of Object.keys(SHORTCUTS) as PlayerAction[]) expect(SHORTCUTS[action].label.length).toBeGreaterThan(0);
  });
});
