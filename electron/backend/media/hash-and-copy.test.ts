import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { isPartialName } from './atomic-file';
import { hashAndCopy, safeExtension } from './hash-and-copy';
import { MediaError } from './media-error';

const dir = mkdtempSync(join(tmpdir(), 'afstemming-hash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const content = Buffer.alloc(9 * 1024 * 1024 + 123);
for (let i = 0; i < content.length; i += 4096) content[i] = i % 251;
const sha = createHash('sha256').update(content).digest('hex');
const source = join(dir, 'Opname van dinsdag.MTS');
writeFileSync(source, content);

const partials = (path: string) => (existsSync(path) ? readdirSync(path, { recursive: true }).map(String).filter((name) => isPartialName(name.split('/').pop()!)) : []);

describe('hashAndCopy', () => {
  it('copies under the SHA-256 with a lower-case extension, and deduplicates a second import', async () => {
    const library = join(dir, 'lib-a');
    const progress: number[] = [];
    const first = await hashAndCopy(source, library, { onProgress: (copied) => progress.push(copied) });
    expect(first).toEqual({ sha256: sha, path: join(library, `${sha}.mts`), name: `${sha}.mts`, sizeBytes: content.length, deduplicated: false });
    expect(readFileSync(first.path).equals(content)).toBe(true);
    expect(progress.at(-1)).toBe(content.length);

    const second = await hashAndCopy(source, library);
    expect(second).toMatchObject({ sha256: sha, path: first.path, deduplicated: true });
    expect(readdirSync(library)).toEqual([`${sha}.mts`]);
  });

  it('shards into sub-folders and takes an explicit extension', async () => {
    const library = join(dir, 'lib-b');
    const result = await hashAndCopy(source, library, { shard: true, extension: 'MP4' });
    expect(result.name).toBe(`${sha.slice(0, 2)}/${sha}.mp4`);
    expect(result.path).toBe(join(library, sha.slice(0, 2), `${sha}.mp4`));
    expect(existsSync(result.path)).toBe(true);
  });

  it('reads from a stream (browser upload) and never puts unsafe text in the name', async () => {
    const library = join(dir, 'lib-c');
    const result = await hashAndCopy(Readable.from([content.subarray(0, 100), content.subarray(100)]), library, { extension: '../x' });
    expect(result.name).toBe(sha);
    expect(safeExtension('.M2TS')).toBe('m2ts');
    expect(safeExtension('mp4;rm')).toBeNull();
    expect(safeExtension('')).toBeNull();
  });

  it('replaces a damaged library copy with the right bytes', async () => {
    const library = join(dir, 'lib-d');
    const first = await hashAndCopy(source, library);
    writeFileSync(first.path, 'damaged');
    const again = await hashAndCopy(source, library);
    expect(again.deduplicated).toBe(false);
    expect(readFileSync(again.path).length).toBe(content.length);
  });

  it('cancels without leaving a half file', async () => {
    const library = join(dir, 'lib-e');
    const controller = new AbortController();
    const slow = new Readable({
      read() {
        setTimeout(() => this.push(Buffer.alloc(64 * 1024, 1)), 5);
      },
    });
    setTimeout(() => controller.abort(), 50);
    const error = await hashAndCopy(slow, library, { signal: controller.signal }).catch((e: unknown) => e as MediaError);
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).kind).toBe('cancelled');
    expect((error as MediaError).message).toBe('Het importeren is geannuleerd.');
    expect(readdirSync(library)).toEqual([]);
  });

  it('fails cleanly when the source stream breaks', async () => {
    const library = join(dir, 'lib-f');
    const broken = new Readable({
      read() {
        this.destroy(new Error('disk unplugged'));
      },
    });
    const error = await hashAndCopy(broken, library).catch((e: unknown) => e as MediaError);
    expect((error as MediaError).kind).toBe('failed');
    expect((error as MediaError).detail).toContain('disk unplugged');
    expect(partials(library)).toEqual([]);
    expect(readdirSync(library)).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO instead of blocking on it', async () => {
    const fifo = join(dir, 'pipe.mp4');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const error = await hashAndCopy(fifo, join(dir, 'lib-g')).catch((e: unknown) => e as MediaError);
    expect((error as MediaError).kind).toBe('not_a_file');
  });
});
