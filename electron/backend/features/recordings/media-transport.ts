import { existsSync, lstatSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { errorBody, msg, type Envelope } from '../../../../shared/api/envelope';
import { CHOOSE_WHO_YOU_ARE } from '../../refusals';
import type { Db } from '../../db/open-database';
import { MediaError } from '../../media/media-error';
import { serveLibraryFile } from '../../media/media-range';
import type { BackendServices } from '../../services';
import { appendAccess } from '../access-log/access-log-repository';
import { workingActor } from '../session/session-handlers';
import type { CallerSession } from '../session/session-registry';
import { serveExportDownload } from '../video-exports/export-download';
import { readOnlyMessage } from '../../read-only';
import { logPlay, parseMediaPath, resolveMediaFile } from './media-access';
import { emptyScan, scanLiveFile, type LiveScan } from '../../media/live-fragments';

/**
 * The two streaming endpoints both transports share (HTTP in browser mode, app:// in Electron):
 * uploads into the library's temp folder, media by recording id with byte ranges, and finished
 * video exports by job id as downloads.
 */
const UPLOAD_BROKEN = msg(
  'Het uploaden is afgebroken; er is niets bewaard. Probeer het opnieuw.',
  'The upload was interrupted; nothing has been kept. Please try again.',
);

export function createMediaTransport(db: Db, services: BackendServices) {
  // Video bytes, uploads and downloads belong to this computer's windows only: a device in the
  // meeting scores while the clip plays on the projector, and never receives the clip itself.
  const workstationActor = (caller: CallerSession) => (caller.scope.kind === 'workstation' ? workingActor(db, services.sessions, caller) : null);
  // Each growing file is scanned from where the previous request stopped, not from the start.
  const liveScans = new Map<string, { ino: number; scan: LiveScan }>();
  const scanOf = (path: string): LiveScan | null => {
    try {
      const ino = lstatSync(path).ino;
      const known = liveScans.get(path);
      // A new copy begins: forget those of finished jobs (their files are gone), or the cache grows with every transcode.
      if (!known) for (const other of liveScans.keys()) if (!existsSync(other)) liveScans.delete(other);
      const scan = scanLiveFile(path, known?.ino === ino ? known.scan : emptyScan());
      liveScans.set(path, { ino, scan });
      return scan;
    } catch {
      liveScans.delete(path);
      return null;
    }
  };
  return {
    async receiveUpload(body: Readable, encodedFileName: string | null, caller: CallerSession): Promise<Envelope<{ uploadId: string; size: number }>> {
      if (services.readOnly) {
        // Nothing could import the upload while the database is read-only; don't store it.
        body.resume();
        return { ok: false, error: errorBody('read_only', readOnlyMessage(services.readOnly)) };
      }
      if (!workstationActor(caller)) {
        body.resume();
        return { ok: false, error: errorBody('no_rater', CHOOSE_WHO_YOU_ARE) };
      }
      let fileName = 'video';
      try {
        fileName = decodeURIComponent(encodedFileName ?? 'video');
      } catch {
        // A malformed name is only metadata; keep the default.
      }
      try {
        return { ok: true, value: await services.uploads.receive(body, fileName) };
      } catch (error) {
        // Too large or out of disk space: the copy says why in Dutch; a broken connection says nothing useful.
        const known = error instanceof MediaError && error.kind !== 'failed' ? error.text : null;
        const noSpace = error instanceof MediaError && /schijfruimte/.test(error.message) ? error.text : null;
        return { ok: false, error: errorBody(known ? 'invalid_input' : 'unavailable', known ?? noSpace ?? UPLOAD_BROKEN) };
      }
    },

    async serveMedia(request: Request, caller: CallerSession): Promise<Response> {
      const target = parseMediaPath(new URL(request.url).pathname);
      const rater = workstationActor(caller);
      if (!target || !rater) {
        if (!target) appendAccess(db, { at: new Date().toISOString(), rater, familyId: null, action: 'recording.play', outcome: 'refused', detail: 'ongeldig media-adres' });
        return new Response(rater ? 'Niet gevonden.' : 'Kies eerst wie u bent.', { status: rater ? 404 : 403 });
      }
      const file = resolveMediaFile(db, services.library, target);
      if (file && (target.kind === 'video' || target.kind === 'live') && request.method === 'GET') logPlay(db, rater, file.familyId, target.recordingId, request.headers.get('range'));
      if (target.kind === 'video' || target.kind === 'sprite' || target.kind === 'peaks') return serveLibraryFile(request, file);
      const scan = file ? scanOf(file.path) : null;
      // Nothing to play yet (no index written) is the same as no live copy: the player waits.
      if (!file || !scan || !scan.initBytes || !scan.mimeType) return new Response('Niet gevonden.', { status: 404, headers: { 'Cache-Control': 'no-store' } });
      if (target.kind === 'live') return serveLibraryFile(request, { ...file, limit: scan.completeBytes });
      return Response.json(
        {
          mimeType: scan.mimeType,
          initBytes: scan.initBytes,
          madeMs: Math.min(scan.madeMs, file.durationMs),
          durationMs: file.durationMs,
          // [startMs, offset, length] per fragment: compact, a 15-minute clip has thousands.
          fragments: scan.fragments.map((f) => [Math.round(f.startMs), f.offset, f.length]),
        },
        { headers: { 'Cache-Control': 'no-store' } },
      );
    },

    /** GET /downloads/<jobId>: a finished fragment clip or feedback reel as an attachment. */
    serveDownload(request: Request, caller: CallerSession): Promise<Response> {
      return serveExportDownload(db, services.library, workstationActor(caller), request);
    },
  };
}

export type MediaTransport = ReturnType<typeof createMediaTransport>;
