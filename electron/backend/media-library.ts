import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { partialPathFor } from './media/atomic-file';
import { copyHashed } from './media/hash-and-copy';

/**
 * The app's video library inside the data folder. Originals are stored under their SHA-256, derived
 * files (playable version, sprite, peaks) next to them; unfinished work lives in .tmp and is swept
 * at start-up, so a crash never leaves half files that look finished.
 */
export class MediaLibrary {
  readonly root: string;
  readonly originalsDir: string;
  readonly derivedDir: string;
  readonly tempDir: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'library');
    this.originalsDir = join(this.root, 'originals');
    this.derivedDir = join(this.root, 'derived');
    this.tempDir = join(this.root, '.tmp');
    for (const dir of [this.originalsDir, this.derivedDir, this.tempDir]) mkdirSync(dir, { recursive: true });
  }

  original(fileName: string): string {
    return join(this.originalsDir, fileName);
  }

  derived(fileName: string): string {
    return join(this.derivedDir, fileName);
  }

  /**
   * The fragmented copy of a playable version while it is being made (runFfmpeg's liveCopy): in
   * the temp folder, so a crash leaves nothing that looks finished, named by the media's hash so
   * the media route finds it without asking the job.
   */
  live(sha256: string): string {
    return join(this.tempDir, `${sha256}.live.mp4`);
  }

  /** Removes leftovers of imports or jobs that were interrupted by a crash. */
  sweepTemp(): void {
    for (const name of readdirSync(this.tempDir)) rmSync(join(this.tempDir, name), { recursive: true, force: true });
  }
}

export interface CopiedFile {
  /** A not-yet-committed partial file in the library's temp folder. */
  path: string;
  sha256: string;
  size: number;
}

/** Copies a stream into the library's temp folder in one hashing pass (see copyHashed). */
export async function copyIntoTemp(library: MediaLibrary, source: Readable, options: { maxBytes?: number; signal?: AbortSignal } = {}): Promise<CopiedFile> {
  const path = partialPathFor(join(library.tempDir, 'upload'));
  const { sha256, sizeBytes } = await copyHashed(source, path, options);
  return { path, sha256, size: sizeBytes };
}
