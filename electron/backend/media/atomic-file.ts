import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Marks every half-written file in the library, so a crash clean-up can find them by name. */
export const PARTIAL_SUFFIX = '.part';

/**
 * A hidden name unique per attempt (two concurrent jobs never share one), next to the final file
 * or in `tempDir`, which must be on the same file system so the final rename stays atomic.
 */
export function partialPathFor(finalPath: string, tempDir?: string): string {
  return join(tempDir ?? dirname(finalPath), `.${basename(finalPath)}.${randomBytes(6).toString('hex')}${PARTIAL_SUFFIX}`);
}

/** Whether a directory entry is one of our half-written files (for start-up clean-up). */
export const isPartialName = (name: string): boolean => name.startsWith('.') && name.endsWith(PARTIAL_SUFFIX);

/** Flushes a file's bytes to disk. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes the file's bytes to disk, then renames it into place and flushes the directory entry. */
export async function commitPartial(partialPath: string, finalPath: string): Promise<void> {
  await syncFile(partialPath);
  await rename(partialPath, finalPath);
  await syncDirectory(dirname(finalPath));
}

/** Best effort: Windows cannot open a directory for fsync, and there the rename is durable enough. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems refuse fsync on directories; the data itself is already synced.
  }
}

export async function removeQuietly(path: string): Promise<void> {
  await rm(path, { force: true }).catch(() => undefined);
}
