import { lstatSync, realpathSync } from 'node:fs';
import { relative, isAbsolute, sep } from 'node:path';
import type { Rater } from '../../../../shared/domain/entities';
import type { Db } from '../../db/open-database';
import type { MediaLibrary } from '../../media-library';
import { appendAccess } from '../access-log/access-log-repository';

export interface MediaRequestTarget {
  recordingId: number;
  /** live: the growing fragmented copy of a playable version being made; liveIndex: its fragments. */
  kind: 'video' | 'sprite' | 'peaks' | 'live' | 'liveIndex';
  /** Sprite sheet number. */
  index: number;
}

/** The only URL shapes media is served under: a recording id, never a path. */
const MEDIA_PATH = /^\/media\/([1-9]\d{0,11})(?:\/(sprite)\/(\d{1,4})|\/(peaks)|\/(live)(\/index)?)?$/;

export function parseMediaPath(pathname: string): MediaRequestTarget | null {
  const match = MEDIA_PATH.exec(pathname);
  if (!match) return null;
  const recordingId = Number(match[1]);
  if (match[2]) return { recordingId, kind: 'sprite', index: Number(match[3]) };
  if (match[4]) return { recordingId, kind: 'peaks', index: 0 };
  if (match[5]) return { recordingId, kind: match[6] ? 'liveIndex' : 'live', index: 0 };
  return { recordingId, kind: 'video', index: 0 };
}

export interface LibraryFile {
  path: string;
  size: number;
  contentType: string;
}

interface MediaRow {
  family_id: number;
  media_sha256: string;
  playback_plan: string;
  duration_ms: number;
  original: string;
}

/**
 * Finds the file to serve for a recording: its playable version (or the original when it plays as
 * is), a sprite sheet, or the peaks. Null for unknown or deleted recordings and for files not made yet.
 */
export function resolveMediaFile(db: Db, library: MediaLibrary, target: MediaRequestTarget): (LibraryFile & { familyId: number; durationMs: number }) | null {
  const row = db
    .prepare(
      `SELECT r.family_id, r.media_sha256, r.playback_plan, r.duration_ms, m.file_name AS original
       FROM recordings r JOIN media_files m ON m.sha256 = r.media_sha256 WHERE r.id = ?`,
    )
    .get(target.recordingId) as MediaRow | undefined;
  if (!row) return null;
  const derived = (kind: string) =>
    (db.prepare('SELECT file_name, meta_json FROM media_derivatives WHERE media_sha256 = ? AND kind = ?').get(row.media_sha256, kind) as
      | { file_name: string; meta_json: string }
      | undefined) ?? null;

  let path: string | null = null;
  let contentType = 'video/mp4';
  if (target.kind === 'video') {
    const playable = derived('playable');
    if (playable) path = library.derived(playable.file_name);
    else if (row.playback_plan === 'as_is') path = library.original(row.original);
  } else if (target.kind === 'live' || target.kind === 'liveIndex') {
    // Only while the playable version is being made: once it exists, that is what plays.
    if (!derived('playable')) path = library.live(row.media_sha256);
  } else if (target.kind === 'peaks') {
    const peaks = derived('peaks');
    if (peaks) path = library.derived(peaks.file_name);
    contentType = 'application/json';
  } else {
    const sprite = derived('sprite');
    const sheets = sprite ? ((JSON.parse(sprite.meta_json) as { files?: string[] }).files ?? []) : [];
    const name = sheets[target.index];
    if (name) path = library.derived(name);
    contentType = 'image/jpeg';
  }
  if (!path) return null;
  try {
    // Only a regular file the app wrote itself: a symbolic link planted in the library (to a file
    // elsewhere on the disk) is not followed, whatever it points at.
    const stat = lstatSync(path);
    if (!stat.isFile() || !insideLibrary(library, path)) return null;
    return { path, size: stat.size, contentType, familyId: row.family_id, durationMs: row.duration_ms };
  } catch {
    return null;
  }
}

function insideLibrary(library: MediaLibrary, path: string): boolean {
  const rel = relative(realpathSync(library.root), realpathSync(path));
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** A play is logged once per start (a request from byte 0), not for every range the player asks. */
export function logPlay(db: Db, rater: Rater | null, familyId: number, recordingId: number, rangeHeader: string | null): void {
  if (rangeHeader && !/^bytes=0-/.test(rangeHeader.trim())) return;
  appendAccess(db, { at: new Date().toISOString(), rater, familyId, action: 'recording.play', outcome: 'ok', detail: `opname ${recordingId}` });
}
