import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

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

  /** Removes leftovers of imports or jobs that were interrupted by a crash. */
  sweepTemp(): void {
    for (const name of readdirSync(this.tempDir)) rmSync(join(this.tempDir, name), { recursive: true, force: true });
  }
}

export interface CopiedFile {
  path: string;
  sha256: string;
  size: number;
}

/**
 * Copies a stream into the library's temp folder in one pass while hashing it, then fsyncs, so the
 * bytes are on disk before anything refers to them. Large buffers: the copy should cost about
 * what `sha256sum` costs.
 */
export async function copyIntoTemp(library: MediaLibrary, source: Readable, options: { maxBytes?: number; signal?: AbortSignal } = {}): Promise<CopiedFile> {
  const path = join(library.tempDir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const meter = new Transform({
    highWaterMark: COPY_CHUNK,
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(new Error('too_large'));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  const out = createWriteStream(path, { highWaterMark: COPY_CHUNK, flags: 'wx' });
  try {
    await pipeline(source, meter, out, options.signal ? { signal: options.signal } : {});
    const handle = await open(path, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    return { path, sha256: hash.digest('hex'), size };
  } catch (error) {
    rmSync(path, { force: true });
    throw error;
  }
}

/** Renames a finished temp file into place and syncs the folder, so the rename itself survives a crash. */
export async function moveIntoPlace(tempPath: string, finalPath: string): Promise<void> {
  await rename(tempPath, finalPath);
  const dir = await open(dirname(finalPath), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

const COPY_CHUNK = 4 * 1024 * 1024;
