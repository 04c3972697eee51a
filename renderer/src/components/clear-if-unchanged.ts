import type { Dispatch, SetStateAction } from 'react';

/**
 * After a save succeeds, empties a draft field only if it still holds what was sent. Whoever types
 * on while the save is under way (the next goal, the next logbook line) is writing the next entry:
 * clearing the field unconditionally would throw that away.
 */
export function clearIfUnchanged<T>(set: Dispatch<SetStateAction<T>>, submitted: T, empty: T): void {
  set((current) => (Object.is(current, submitted) ? empty : current));
}
