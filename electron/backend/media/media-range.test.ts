import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRangeHeader, resolveInsideLibrary, serveLibraryFile, type ServableFile } from './media-range';

const dir = mkdtempSync(join(tmpdir(), 'afstemming-range-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const content = Buffer.from('0123456789abcdefghij'); // 20 bytes
const filePath = join(dir, 'clip.mp4');
writeFileSync(filePath, content);
const emptyPath = join(dir, 'empty.mp4');
writeFileSync(emptyPath, '');
const file: ServableFile = { path: filePath, size: content.length, contentType: 'video/mp4' };

function get(range?: string, init: RequestInit & { headers?: Record<string, string> } = {}): Request {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (range !== undefined) headers.Range = range;
  return new Request('http://127.0.0.1/media/1', { ...init, headers });
}

async function serve(range?: string, target: ServableFile | null = file, init?: RequestInit & { headers?: Record<string, string> }) {
  const response = await serveLibraryFile(get(range, init), target);
  const body = response.body ? Buffer.from(await response.arrayBuffer()).toString('latin1') : null;
  return { response, status: response.status, body, header: (name: string) => response.headers.get(name) };
}

describe('serveLibraryFile', () => {
  it('sends the whole file without a Range header', async () => {
    const r = await serve();
    expect(r.status).toBe(200);
    expect(r.body).toBe(content.toString());
    expect(r.header('content-length')).toBe('20');
    expect(r.header('accept-ranges')).toBe('bytes');
    expect(r.header('content-type')).toBe('video/mp4');
    expect(r.header('content-range')).toBeNull();
    expect(r.header('cache-control')).toBe('no-store');
  });

  it.each([
    ['bytes=0-0', 0, 0],
    ['bytes=2-5', 2, 5],
    ['bytes=5-', 5, 19],
    ['bytes=-3', 17, 19],
    ['bytes=-100', 0, 19],
    ['bytes=10-999', 10, 19],
    ['bytes=19-19', 19, 19],
    ['bytes= 2-5', 2, 5],
    ['bytes=2-5 ', 2, 5],
    ['bytes=2-5,', 2, 5],
    ['BYTES=2-5', 2, 5],
  ])('%s → 206 for bytes %i–%i', async (range, start, end) => {
    const r = await serve(range);
    expect(r.status).toBe(206);
    expect(r.header('content-range')).toBe(`bytes ${start}-${end}/20`);
    expect(r.header('content-length')).toBe(String(end - start + 1));
    expect(r.body).toBe(content.subarray(start, end + 1).toString());
  });

  it.each(['bytes=20-', 'bytes=20-25', 'bytes=999999999999999999999-', 'bytes=-0'])('%s → 416 with bytes */size', async (range) => {
    const r = await serve(range);
    expect(r.status).toBe(416);
    expect(r.header('content-range')).toBe('bytes */20');
    expect(r.body).toBeNull();
  });

  it.each([
    'bytes=5-2',
    'bytes=',
    'bytes=,',
    'items=0-1',
    'bytes 0-1',
    'bytes=0 - 1',
    'bytes=a-b',
    'bytes=--1',
    'bytes=0-1-2',
    'bytes=1.5-2',
    'garbage',
    '=0-1',
    'bytes=0-1,4-5',
    'bytes=0-1, -2',
  ])('%s → ignored, 200 with the full body', async (range) => {
    const r = await serve(range);
    expect(r.status).toBe(200);
    expect(r.header('content-length')).toBe('20');
    expect(r.header('content-range')).toBeNull();
    expect(r.body).toBe(content.toString());
  });

  it('answers HEAD with the same headers and no body', async () => {
    const full = await serve(undefined, file, { method: 'HEAD' });
    expect(full.status).toBe(200);
    expect(full.header('content-length')).toBe('20');
    expect(full.body).toBeNull();
    const part = await serve('bytes=4-7', file, { method: 'HEAD' });
    expect(part.status).toBe(206);
    expect(part.header('content-range')).toBe('bytes 4-7/20');
    expect(part.header('content-length')).toBe('4');
    expect(part.body).toBeNull();
  });

  it('handles a zero-byte file', async () => {
    const empty: ServableFile = { path: emptyPath, size: 0, contentType: 'video/mp4' };
    const full = await serve(undefined, empty);
    expect([full.status, full.header('content-length'), full.body]).toEqual([200, '0', null]);
    const first = await serve('bytes=0-', empty);
    expect([first.status, first.header('content-range')]).toEqual([416, 'bytes */0']);
    const suffix = await serve('bytes=-5', empty);
    expect([suffix.status, suffix.header('content-length')]).toEqual([200, '0']);
  });

  it('uses the size on disk, not a stale size from the caller', async () => {
    const r = await serve('bytes=15-', { ...file, size: 10 });
    expect(r.status).toBe(206);
    expect(r.header('content-range')).toBe('bytes 15-19/20');
  });

  it('answers 404 for no file, a missing file or a directory, and 405 for other methods', async () => {
    expect((await serve(undefined, null)).status).toBe(404);
    expect((await serve(undefined, { ...file, path: join(dir, 'gone.mp4') })).status).toBe(404);
    expect((await serve(undefined, { ...file, path: dir })).status).toBe(404);
    const post = await serveLibraryFile(new Request('http://127.0.0.1/media/1', { method: 'POST', body: 'x' }), file);
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('honours If-Range only when the validator matches', async () => {
    const tagged = { ...file, etag: '"abc"' };
    expect((await serve('bytes=0-1', tagged, { headers: { 'If-Range': '"abc"' } })).status).toBe(206);
    expect((await serve('bytes=0-1', tagged, { headers: { 'If-Range': '"old"' } })).status).toBe(200);
    expect((await serve('bytes=0-1', file, { headers: { 'If-Range': '"abc"' } })).status).toBe(200);
  });

  it('streams a large file in several chunks and opens nothing until read', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 7, 7);
    big[big.length - 1] = 9;
    const bigPath = join(dir, 'big.mp4');
    writeFileSync(bigPath, big);
    const response = await serveLibraryFile(get('bytes=1-'), { path: bigPath, contentType: 'video/mp4' });
    const received = Buffer.from(await response.arrayBuffer());
    expect(received.length).toBe(big.length - 1);
    expect(received[received.length - 1]).toBe(9);
    // A cancelled body closes the file; an unread one never opened it.
    const cancelled = await serveLibraryFile(get(), { path: bigPath, contentType: 'video/mp4' });
    const reader = cancelled.body!.getReader();
    await reader.read();
    await reader.cancel();
  });
});

describe('parseRangeHeader', () => {
  it('returns full for no header', () => {
    expect(parseRangeHeader(null, 10)).toEqual({ kind: 'full' });
  });
});

describe('resolveInsideLibrary', () => {
  const library = join(dir, 'library');
  const outside = join(dir, 'outside');
  mkdirSync(join(library, 'ab'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(library, 'abc.mp4'), 'x');
  writeFileSync(join(library, 'ab', 'abd.mp4'), 'x');
  writeFileSync(join(outside, 'secret.txt'), 'x');
  symlinkSync(join(outside, 'secret.txt'), join(library, 'escape.mp4'));
  symlinkSync(outside, join(library, 'linkdir'));
  symlinkSync(join(library, 'abc.mp4'), join(library, 'inside-link.mp4'));

  it('resolves plain and sharded names', async () => {
    expect(await resolveInsideLibrary(library, 'abc.mp4')).toBe(join(library, 'abc.mp4'));
    expect(await resolveInsideLibrary(library, 'ab/abd.mp4')).toBe(join(library, 'ab', 'abd.mp4'));
    expect(await resolveInsideLibrary(library, 'inside-link.mp4')).toBe(join(library, 'abc.mp4'));
  });

  it.each([
    '',
    '../outside/secret.txt',
    'ab/../../outside/secret.txt',
    '..',
    '.',
    './abc.mp4',
    '%2e%2e/outside/secret.txt',
    '..%2foutside',
    '/etc/passwd',
    join(outside, 'secret.txt'),
    'abc.mp4\0.jpg',
    'ab\\abd.mp4',
    'C:/Windows/win.ini',
    'ab//abd.mp4',
    'escape.mp4',
    'linkdir/secret.txt',
    'missing.mp4',
  ])('refuses %j', async (name) => {
    expect(await resolveInsideLibrary(library, name)).toBeNull();
  });
});
