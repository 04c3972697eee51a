/**
 * The fragment keys. The player owns Space, K, L, J, the arrows, -, +, A, B and R; these are the
 * rest, and none of them collides with the player's (Shift+L is free: the player's L needs no Shift).
 * This table is both the behaviour and the visible shortcut list.
 */
export type FragmentAction =
  | 'markIn'
  | 'markOut'
  | 'create'
  | 'toggleTag'
  | 'toggleFeedback'
  | 'setStart'
  | 'setEnd'
  | 'previous'
  | 'next'
  | 'loop'
  | 'remove'
  | 'undo'
  | 'redo'
  | 'cancel'
  | 'zoomIn'
  | 'zoomOut'
  | 'zoomAll';

type KeyEventLike = Pick<KeyboardEvent, 'key' | 'code' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'>;

interface FragmentShortcut {
  action: FragmentAction;
  /** What the shortcut list shows. */
  label: string;
  matches(event: KeyEventLike): boolean;
}

const plain = (e: KeyEventLike) => !e.ctrlKey && !e.metaKey && !e.altKey;
const letter = (k: string, shift = false) => (e: KeyEventLike) =>
  plain(e) && e.shiftKey === shift && (e.key.toLowerCase() === k || e.code === `Key${k.toUpperCase()}`);
const command = (e: KeyEventLike) => (e.ctrlKey || e.metaKey) && !e.altKey;

/** The digit 1–9 of a key press, top row or numeric keypad, whatever the keyboard layout (AZERTY too). */
export function tagDigit(e: KeyEventLike): number | null {
  if (!plain(e)) return null;
  const fromCode = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
  if (fromCode) return Number(fromCode[1]);
  return /^[1-9]$/.test(e.key) ? Number(e.key) : null;
}

export const FRAGMENT_SHORTCUTS: readonly FragmentShortcut[] = [
  { action: 'markIn', label: 'I', matches: letter('i') },
  { action: 'markOut', label: 'O', matches: letter('o') },
  { action: 'toggleTag', label: '1 – 9', matches: (e) => tagDigit(e) !== null },
  { action: 'create', label: 'Enter', matches: (e) => plain(e) && !e.shiftKey && (e.key === 'Enter' || e.code === 'NumpadEnter') },
  { action: 'toggleFeedback', label: 'Shift+F', matches: letter('f', true) },
  { action: 'setStart', label: 'Shift+I', matches: letter('i', true) },
  { action: 'setEnd', label: 'Shift+O', matches: letter('o', true) },
  { action: 'previous', label: '[', matches: (e) => plain(e) && (e.key === '[' || e.code === 'BracketLeft') },
  { action: 'next', label: ']', matches: (e) => plain(e) && (e.key === ']' || e.code === 'BracketRight') },
  { action: 'loop', label: 'Shift+L', matches: letter('l', true) },
  { action: 'remove', label: 'Delete', matches: (e) => plain(e) && (e.key === 'Delete' || e.key === 'Backspace') },
  { action: 'undo', label: 'Ctrl+Z', matches: (e) => command(e) && !e.shiftKey && (e.key.toLowerCase() === 'z' || e.code === 'KeyZ') },
  {
    action: 'redo',
    label: 'Ctrl+Shift+Z / Ctrl+Y',
    matches: (e) => command(e) && ((e.shiftKey && (e.key.toLowerCase() === 'z' || e.code === 'KeyZ')) || (!e.shiftKey && (e.key.toLowerCase() === 'y' || e.code === 'KeyY'))),
  },
  { action: 'cancel', label: 'Esc', matches: (e) => e.key === 'Escape' },
  { action: 'zoomIn', label: 'Z', matches: letter('z') },
  { action: 'zoomOut', label: 'Shift+Z', matches: letter('z', true) },
  { action: 'zoomAll', label: '0', matches: (e) => plain(e) && (e.key === '0' || e.code === 'Digit0' || e.code === 'Numpad0') },
];

export function fragmentActionFor(event: KeyEventLike): FragmentAction | null {
  return FRAGMENT_SHORTCUTS.find((shortcut) => shortcut.matches(event))?.action ?? null;
}

/**
 * Whether a key press belongs to whatever has focus rather than to the fragment keys: text fields
 * always; buttons, links and list rows keep Enter (and Space) to themselves.
 */
export function focusOwnsKey(target: EventTarget | null, action: FragmentAction): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('input:not([type="checkbox"]):not([type="radio"]):not([type="range"]):not([type="color"]), textarea, select, [contenteditable="true"], [role="radiogroup"]')) return true;
  if (action === 'create' && target.closest('button, a[href], summary, input, [role="option"], [role="button"]')) return true;
  return false;
}
