import type { Fragment } from '../../../../shared/domain/fragments';
import { msToFrame, type FrameRate } from '../../../../shared/domain/frames';
import type { ExportPiece, TitleLine } from '../../media/export-jobs';

/** A moment (start = end) is exported as this much video around it: enough to see what happened. */
export const POINT_CLIP_MS = 3000;
/** How long each title card of the feedback reel stays on screen. */
export const TITLE_CARD_MS = 2000;
/** About this many characters fit on one title line at the sizes export-jobs picks (see titleFontSizes). */
export const TITLE_LINE_CHARS = 34;
const TITLE_MAX_LINES = 3;

/**
 * The part of a recording a fragment stands for, in milliseconds, fixed when the export is asked
 * for (a later edit of the fragment does not change a queued export).
 */
export interface ClipWindow {
  fragmentId: number;
  fromMs: number;
  toMs: number;
  /** The card text: tag names and the fragment's time; only the reel uses it. */
  title: string[];
  /**
   * 'caption': a visit's feedback film, whose card is the caption written for the parents, every
   * line large. Absent (the recording's reel, and jobs queued before there were captions): the
   * last line is the time, drawn small.
   */
  titleStyle?: 'caption';
}

/**
 * [fromMs, toMs) of a fragment: a span as marked; a moment as POINT_CLIP_MS centred on it, shifted
 * inward at the start or end of the recording so it keeps its length when the recording allows.
 */
export function clipWindow(fragment: Pick<Fragment, 'startMs' | 'endMs'>, recordingMs: number): { fromMs: number; toMs: number } {
  const end = Math.min(fragment.endMs, recordingMs);
  const start = Math.min(fragment.startMs, end);
  if (end > start) return { fromMs: start, toMs: end };
  const length = Math.min(POINT_CLIP_MS, recordingMs);
  const fromMs = Math.max(0, Math.min(start - length / 2, recordingMs - length));
  return { fromMs: Math.round(fromMs), toMs: Math.round(fromMs + length) };
}

/**
 * The frames of a window at the playable file's rate: from the frame that shows at fromMs up to,
 * not including, the frame that shows at toMs; at least one frame, never past the last one.
 */
export function windowFrames(window: { fromMs: number; toMs: number }, rate: FrameRate, playableMs: number | null): { startFrame: number; frameCount: number } {
  const lastFrame = playableMs === null ? Number.POSITIVE_INFINITY : Math.max(0, msToFrame(Math.max(0, playableMs - 1), rate));
  const startFrame = Math.min(msToFrame(window.fromMs, rate), lastFrame);
  const endFrame = Math.min(msToFrame(window.toMs, rate), lastFrame + 1);
  return { startFrame, frameCount: Math.max(1, endFrame - startFrame) };
}

/** hh:mm:ss, as parents and practitioners read a time in the video. */
export function clockHms(ms: number): string {
  const total = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

/** Words into lines of at most `width` characters; a longer word is cut. At most `maxLines`, the last one ending in … when text was left out. */
export function wrapText(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ').filter(Boolean)) {
    for (let piece = word; piece.length > 0; ) {
      const room = current ? width - current.length - 1 : width;
      if (piece.length <= room) {
        current = current ? `${current} ${piece}` : piece;
        piece = '';
      } else if (current) {
        lines.push(current);
        current = '';
      } else {
        lines.push(piece.slice(0, width));
        piece = piece.slice(width);
      }
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${last.slice(0, width - 1)}…`;
  return kept;
}

/** What a title card says: the tag names (or just "Fragment"), then the time it starts in the recording. */
export function titleLines(tagNames: readonly string[], startMs: number): string[] {
  const tags = tagNames.join(' · ') || 'Fragment';
  return [...wrapText(tags, TITLE_LINE_CHARS, TITLE_MAX_LINES), clockHms(startMs)];
}

/** Lines of a caption card; a caption holds at most 200 characters, which fit in these lines. */
const CAPTION_MAX_LINES = 6;

/** A visit's feedback film: the card says only the caption written for the parents (no tags, no time). */
export function captionTitleLines(caption: string): string[] {
  return wrapText(caption.replace(/\s+/g, ' '), TITLE_LINE_CHARS, CAPTION_MAX_LINES);
}

/** The pieces ffmpeg joins: for a clip only the video, for the reel a title card before each fragment. */
export function exportPieces(windows: readonly ClipWindow[], rate: FrameRate, playableMs: number | null, withCards: boolean): ExportPiece[] {
  const cardFrames = Math.max(1, Math.round((TITLE_CARD_MS / 1000) * (rate.num / rate.den)));
  return windows.flatMap((window): ExportPiece[] => {
    const source: ExportPiece = { kind: 'source', ...windowFrames(window, rate, playableMs) };
    if (!withCards) return [source];
    const lines: TitleLine[] = window.title.map((text, i) => ({
      text,
      size: window.titleStyle !== 'caption' && i === window.title.length - 1 ? 'small' : 'large',
    }));
    return [{ kind: 'card', frameCount: cardFrames, lines }, source];
  });
}

const safeCode = (code: string) => code.replace(/[^A-Za-z0-9-]/g, '') || 'gezin';

/** `OB-26-001_2026-03-01_fragment-3_00-01-12.mp4`: family code, date, fragment id and time; never a name. */
export function clipFileName(familyCode: string, recordedOn: string, fragmentId: number, startMs: number): string {
  return `${safeCode(familyCode)}_${recordedOn}_fragment-${fragmentId}_${clockHms(startMs).replace(/:/g, '-')}.mp4`;
}

/** `OB-26-001_2026-03-08_feedbackfilm-bezoek.mp4`, a second recording of the visit `…-bezoek-2.mp4`. */
export function sessionFilmFileName(familyCode: string, visitDate: string, part: number): string {
  return `${safeCode(familyCode)}_${visitDate}_feedbackfilm-bezoek${part > 1 ? `-${part}` : ''}.mp4`;
}

/** `OB-26-001_2026-03-01_feedbackfilm.mp4`. */
export function reelFileName(familyCode: string, recordedOn: string): string {
  return `${safeCode(familyCode)}_${recordedOn}_feedbackfilm.mp4`;
}
