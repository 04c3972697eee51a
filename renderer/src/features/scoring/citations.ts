// Citations in a rationale or a discussion note are plain text, so they survive copy-paste, the
// minutes and an export: a time code in square brackets, [01:23] or a span [01:23-01:31]
// (also [1:02:03] and an en dash). Clicking one plays the fragment from its start.

export interface Citation {
  startMs: number;
  endMs: number;
  /** The bracketed text as typed, e.g. "[01:23-01:31]". */
  text: string;
  index: number;
}

const TIME = String.raw`(?:(\d{1,2}):)?(\d{1,3}):([0-5]\d)(?:[.,](\d{1,3}))?`;
const CITATION = new RegExp(String.raw`\[${TIME}(?:\s*[-–]\s*${TIME})?\]`, 'g');

function toMs(h: string | undefined, m: string | undefined, s: string | undefined, frac: string | undefined): number {
  const fraction = frac ? Number(frac.padEnd(3, '0')) : 0;
  return ((Number(h ?? 0) * 60 + Number(m ?? 0)) * 60 + Number(s ?? 0)) * 1000 + fraction;
}

export function parseCitations(text: string): Citation[] {
  const found: Citation[] = [];
  for (const match of text.matchAll(CITATION)) {
    const startMs = toMs(match[1], match[2], match[3], match[4]);
    const endMs = match[6] !== undefined ? toMs(match[5], match[6], match[7], match[8]) : startMs;
    if (endMs < startMs) continue;
    found.push({ startMs, endMs, text: match[0], index: match.index ?? 0 });
  }
  return found;
}

/** Text split into plain runs and citations, for rendering citations as buttons in place. */
export function splitCitations(text: string): (string | Citation)[] {
  const parts: (string | Citation)[] = [];
  let at = 0;
  for (const citation of parseCitations(text)) {
    if (citation.index > at) parts.push(text.slice(at, citation.index));
    parts.push(citation);
    at = citation.index + citation.text.length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

/** mm:ss, or h:mm:ss from an hour on; whole seconds, as people cite. */
export function formatTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

export function citationFor(startMs: number, endMs?: number): string {
  return endMs !== undefined && endMs > startMs ? `[${formatTime(startMs)}-${formatTime(endMs)}]` : `[${formatTime(startMs)}]`;
}
