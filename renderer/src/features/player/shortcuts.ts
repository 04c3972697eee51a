export type PlayerAction =
  | 'playPause'
  | 'pause'
  | 'play'
  | 'frameBack'
  | 'frameForward'
  | 'back1'
  | 'forward1'
  | 'back5'
  | 'forward5'
  | 'slower'
  | 'faster'
  | 'loopStart'
  | 'loopEnd'
  | 'loopToggle';

interface Shortcut {
  /** What the shortcut list shows. */
  label: string;
  matches(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey'>): boolean;
}

const key = (k: string, mods: { shift?: boolean; alt?: boolean } = {}) => (event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey'>) =>
  event.key.toLowerCase() === k.toLowerCase() && event.shiftKey === (mods.shift ?? false) && event.altKey === (mods.alt ?? false);

/**
 * Every player action has a key; this table is both the behaviour and the visible shortcut list.
 * J/K/L as in video editors: J back 5 s, K pause, L play (again: faster).
 */
export const SHORTCUTS: Record<PlayerAction, Shortcut> = {
  playPause: { label: 'Spatie', matches: key(' ') },
  pause: { label: 'K', matches: key('k') },
  play: { label: 'L', matches: key('l') },
  frameBack: { label: '←', matches: key('ArrowLeft') },
  frameForward: { label: '→', matches: key('ArrowRight') },
  back1: { label: 'Shift+←', matches: key('ArrowLeft', { shift: true }) },
  forward1: { label: 'Shift+→', matches: key('ArrowRight', { shift: true }) },
  back5: { label: 'J / Alt+←', matches: (e) => key('j')(e) || key('ArrowLeft', { alt: true })(e) },
  forward5: { label: 'Alt+→', matches: key('ArrowRight', { alt: true }) },
  slower: { label: '-', matches: (e) => key('-')(e) || key('_', { shift: true })(e) },
  faster: { label: '+', matches: (e) => key('+', { shift: true })(e) || key('+')(e) || key('=')(e) },
  loopStart: { label: 'A', matches: key('a') },
  loopEnd: { label: 'B', matches: key('b') },
  loopToggle: { label: 'R', matches: key('r') },
};

export function shortcutFor(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey'>): PlayerAction | null {
  for (const [action, shortcut] of Object.entries(SHORTCUTS) as [PlayerAction, Shortcut][]) {
    if (shortcut.matches(event)) return action;
  }
  return null;
}
