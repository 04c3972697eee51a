import { describe, expect, it } from 'vitest';
import { shortcutFor } from '../player/shortcuts';
import { FRAGMENT_SHORTCUTS, fragmentActionFor, tagDigit } from './fragment-keys';

const press = (key: string, mods: { shift?: boolean; ctrl?: boolean; alt?: boolean; code?: string } = {}) => ({
  key,
  code: mods.code ?? '',
  shiftKey: mods.shift ?? false,
  ctrlKey: mods.ctrl ?? false,
  altKey: mods.alt ?? false,
  metaKey: false,
});

describe('fragment keys', () => {
  it('maps the documented keys', () => {
    expect(fragmentActionFor(press('i'))).toBe('markIn');
    expect(fragmentActionFor(press('I', { shift: true }))).toBe('setStart');
    expect(fragmentActionFor(press('o'))).toBe('markOut');
    expect(fragmentActionFor(press('Enter'))).toBe('create');
    expect(fragmentActionFor(press('F', { shift: true }))).toBe('toggleFeedback');
    expect(fragmentActionFor(press('Delete'))).toBe('remove');
    expect(fragmentActionFor(press('z', { ctrl: true }))).toBe('undo');
    expect(fragmentActionFor(press('Z', { ctrl: true, shift: true }))).toBe('redo');
    expect(fragmentActionFor(press('y', { ctrl: true }))).toBe('redo');
    expect(fragmentActionFor(press('L', { shift: true }))).toBe('loop');
  });

  it('reads tag digits from the top row and the keypad, also on AZERTY', () => {
    expect(tagDigit(press('3', { code: 'Digit3' }))).toBe(3);
    expect(tagDigit(press('9', { code: 'Numpad9' }))).toBe(9);
    expect(tagDigit(press('"', { code: 'Digit3' }))).toBe(3);
    expect(tagDigit(press('0', { code: 'Digit0' }))).toBeNull();
    expect(tagDigit(press('3', { ctrl: true, code: 'Digit3' }))).toBeNull();
  });

  it('never takes a key the player uses', () => {
    const playerKeys = [' ', 'k', 'l', 'j', 'ArrowLeft', 'ArrowRight', '-', '+', '=', 'a', 'b', 'r'];
    for (const key of playerKeys) {
      for (const shift of [false, true]) {
        for (const alt of [false, true]) {
          const event = press(key, { shift, alt });
          if (shortcutFor(event)) expect(fragmentActionFor(event), `${key} shift=${shift} alt=${alt}`).toBeNull();
        }
      }
    }
    expect(FRAGMENT_SHORTCUTS.every((s) => s.label.length > 0)).toBe(true);
  });
});
