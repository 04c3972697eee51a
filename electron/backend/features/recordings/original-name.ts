import { stripLayoutControls } from '../../../../shared/domain/layout-controls';

// Control characters as well: a file name is metadata, never typed text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * The original file name is kept only as metadata, for the coordinator: strip the folders, control
 * characters and the bidi controls (shared/domain/layout-controls.ts), and bound its length. Applied at import and again when a
 * stored name is shown, so names stored before this rule existed are shown neutralised as well.
 */
export function sanitizeOriginalName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = stripLayoutControls(base.replace(CONTROL, '')).trim();
  return (clean || 'video').slice(0, 255);
}
