import type { Db } from '../../db/open-database';
import { serveLibraryFile } from '../../media/media-range';
import type { MediaLibrary } from '../../media-library';
import { appendAccess } from '../access-log/access-log-repository';
import type { Rater } from '../../../../shared/domain/entities';
import { exportOutputName, findExportJob, mayViewExport, readExportParams } from './video-export-repository';

/** The only URL shape of a download: a job id, never a file name or path. */
const DOWNLOAD_PATH = /^\/downloads\/([1-9]\d{0,15})$/;

export function parseDownloadPath(pathname: string): number | null {
  const match = DOWNLOAD_PATH.exec(pathname);
  if (!match) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) ? id : null;
}

/**
 * `attachment` with both forms of the name: a plain ASCII one for old clients and the exact one
 * (RFC 6266/8187) for the rest. Our names are ASCII already; the fallback only guards that.
 */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  const exact = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

const text = (status: number, body: string) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

/**
 * GET /downloads/<jobId>: the finished file of a fragment clip or feedback reel, as an attachment,
 * for the active rater if they may see it (see mayViewExport). Unknown, unfinished and hidden
 * exports all answer 404, so an id says nothing about what exists. Each download is logged.
 */
export async function serveExportDownload(db: Db, library: MediaLibrary, rater: Rater | null, request: Request): Promise<Response> {
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } });
  const at = new Date().toISOString();
  const jobId = parseDownloadPath(new URL(request.url).pathname);
  const row = jobId === null ? null : findExportJob(db, jobId);
  const refuse = (detail: string) => appendAccess(db, { at, rater, familyId: row?.family_id ?? null, action: 'export.download', outcome: 'refused', detail });
  if (jobId === null) {
    refuse('ongeldig downloadadres');
    return text(404, 'Niet gevonden.');
  }
  if (!rater) {
    refuse(`export ${jobId}: geen beoordelaar gekozen`);
    return text(403, 'Kies eerst wie u bent.');
  }
  if (!row || !mayViewExport(db, row, rater.id)) {
    if (row) refuse(`export ${jobId}: niet zichtbaar voor deze beoordelaar`);
    return text(404, 'Niet gevonden.');
  }
  if (row.status !== 'done' || row.output_file !== exportOutputName(row.id)) return text(404, 'Deze video is nog niet klaar.');

  const { fileName } = readExportParams(row);
  const response = await serveLibraryFile(request, { path: library.derived(row.output_file), contentType: 'video/mp4' });
  if (response.status !== 200 && response.status !== 206) return response;
  // A download is logged once, at its first byte; a resumed download's later ranges are not new reads.
  const range = request.headers.get('range');
  if (method === 'GET' && (!range || /^bytes=0-/.test(range.trim()))) {
    appendAccess(db, {
      at,
      rater,
      familyId: row.family_id,
      action: 'export.download',
      outcome: 'ok',
      detail: `opname ${row.recording_id ?? '?'}: ${row.kind === 'reel' ? 'feedbackfilm' : 'fragment als video'} ${fileName}`,
    });
  }
  const headers = new Headers(response.headers);
  headers.set('Content-Disposition', attachmentHeader(fileName));
  return new Response(response.body, { status: response.status, headers });
}
