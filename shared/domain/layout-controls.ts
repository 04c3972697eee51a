/**
 * Characters that change the order or direction in which text is drawn without being visible
 * themselves: the bidi marks (ALM, LRM, RLM), embeddings and overrides (LRE…RLO), isolates
 * (LRI…PDI) and the line and paragraph separators. No one types them into a name or a note in
 * this app; they only serve to disguise text: "VID_\u202E4pm.exe" is drawn as "VID_exe.mp4", and a
 * tag or rater name can be drawn mirrored in every list.
 */
const LAYOUT_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

export function stripLayoutControls(text: string): string {
  return text.replace(LAYOUT_CONTROLS, '');
}
