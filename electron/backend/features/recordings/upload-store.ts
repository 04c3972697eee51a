import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { copyIntoTemp, type CopiedFile, type MediaLibrary } from '../../media-library';
import { sanitizeOriginalName } from './original-name';

export interface Upload extends CopiedFile {
  originalName: string;
  receivedAt: number;
}

/** Teams film ~15 minutes; a few GB is normal. Beyond this is a mistake, not a home visit. */
export const MAX_UPLOAD_BYTES = 64 * 1024 ** 3;
const UNCLAIMED_TTL_MS = 60 * 60 * 1000;

/**
 * Files streamed in by a transport (HTTP upload, Electron protocol) wait here, hashed and on disk
 * in the library's temp folder, until `recordings.importUpload` claims them with their metadata.
 * Unclaimed uploads are removed after an hour (and at every start, with the temp folder).
 */
export class UploadStore {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly library: MediaLibrary) {}

  async receive(source: Readable, originalName: string): Promise<{ uploadId: string; size: number }> {
    this.expire();
    const copied = await copyIntoTemp(this.library, source, { maxBytes: MAX_UPLOAD_BYTES });
    const uploadId = randomUUID();
    this.uploads.set(uploadId, { ...copied, originalName: sanitizeOriginalName(originalName), receivedAt: Date.now() });
    return { uploadId, size: copied.size };
  }

  /** Hands the upload over exactly once. */
  take(uploadId: string): Upload | null {
    const upload = this.uploads.get(uploadId) ?? null;
    this.uploads.delete(uploadId);
    return upload;
  }

  private expire(): void {
    const limit = Date.now() - UNCLAIMED_TTL_MS;
    for (const [id, upload] of this.uploads) {
      if (upload.receivedAt < limit) {
        rmSync(upload.path, { force: true });
        this.uploads.delete(id);
      }
    }
  }
}
