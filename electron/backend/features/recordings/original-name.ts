/**
 * Characters that change the order or direction in which text is drawn without being visible
 * themselves: the bidi marks (ALM, LRM, RLM), embeddings and overrides (LRE…RLO) and isolates
 * (LRI…PDI), plus the line and paragraph separators. In a file name they only serve to disguise it:
 * "VID_\u202E4pm.exe" is drawn as "VID_exe.mp4" in a list.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE_LAYOUT = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * The original file name is kept only as metadata, for the coordinator: strip the folders, control
 * characters and the bidi controls above, and bound its length. Applied at import and again when a
 * stored name is shown, so names stored before this rule existed are shown neutralised as well.
 */
export function sanitizeOriginalName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(INVISIBLE_LAYOUT, '').trim();
  return (clean || 'video').slice(0, 255);
}
