import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** fsync of a folder, so a rename inside it survives a power cut (a no-op where folders cannot be opened, e.g. Windows). */
export function syncFolder(path: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EACCES' && code !== 'EINVAL') throw error;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Replaces `path` crash-safely: a temporary file next to it is written and fsynced, then renamed
 * over it. After a crash the file is either the old or the new version, never a torn mix.
 * `syncDir` also fsyncs the folder, so the new version (not only a complete one) survives a power cut.
 */
export function writeFileDurably(path: string, content: string, opts: { mode?: number; syncDir?: boolean } = {}): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  // A left-over from a crash would keep its own permissions: start from a new file.
  rmSync(temp, { force: true });
  const fd = openSync(temp, 'wx', opts.mode ?? 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temp, path);
  if (opts.syncDir) syncFolder(dirname(path));
}
