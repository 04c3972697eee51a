import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MediaError } from './media-error';
import { refusalFor, sniffMediaFile } from './sniff';

const dir = mkdtempSync(join(tmpdir(), 'afstemming-sniff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (...values: number[]) => Buffer.from(values);
const mp4Head = Buffer.concat([bytes(0, 0, 0, 0x20), Buffer.from('ftypisom'), bytes(0, 0, 2, 0), Buffer.from('isomiso2avc1mp41')]);
const tsHead = Buffer.concat([bytes(0x47, 0x40, 0x00, 0x10, 0x00, 0x00, 0xb0, 0x0d), Buffer.alloc(180, 0xff)]);

describe('refusalFor', () => {
  it.each([
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), /afbeelding \(PNG\)/],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16), /JPEG/],
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), /GIF/],
    ['HEIC', Buffer.concat([bytes(0, 0, 0, 0x18), Buffer.from('ftypheic')]), /HEIC/],
    ['PDF', Buffer.from('%PDF-1.7\n'), /PDF/],
    ['ZIP', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0), /ZIP/],
    ['MP3 with ID3', Buffer.from('ID3\x04\x00\x00\x00\x00', 'latin1'), /geluidsbestand/],
    ['HLS playlist', Buffer.from('#EXTM3U\n#EXT-X-VERSION:3\n'), /afspeellijst/],
    ['HLS playlist with BOM and blank lines', Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from('\r\n  #EXTM3U\n')]), /afspeellijst/],
    ['plain text', Buffer.from('ffconcat version 1.0\nfile /etc/passwd\n'), /tekstbestand/],
    ['UTF-8 text', Buffer.from('Verslag van het huisbezoek: één baby, twee ouders.\n'), /tekstbestand/],
  ])('refuses %s', (_label, head, reason) => {
    expect(refusalFor(head)).toMatch(reason);
  });

  it.each([
    ['MP4', mp4Head],
    ['MPEG-TS', tsHead],
    ['Matroska', bytes(0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01)],
    ['AVI', Buffer.concat([Buffer.from('RIFF'), bytes(0, 0, 1, 0), Buffer.from('AVI LIST')])],
  ])('lets %s through to ffprobe', (_label, head) => {
    expect(refusalFor(head)).toBeNull();
  });
});

describe('sniffMediaFile', () => {
  const refusal = (path: string) => sniffMediaFile(path).then(() => null, (error: unknown) => error as MediaError);

  it('accepts a file that starts like a video and reports its size', async () => {
    const path = join(dir, 'clip.mp4');
    writeFileSync(path, Buffer.concat([mp4Head, Buffer.alloc(1000)]));
    expect(await sniffMediaFile(path)).toEqual({ sizeBytes: mp4Head.length + 1000 });
  });

  it('refuses an empty file', async () => {
    const path = join(dir, 'empty.mp4');
    writeFileSync(path, '');
    const error = await refusal(path);
    expect(error).toBeInstanceOf(MediaError);
    expect(error?.kind).toBe('empty_file');
    expect(error?.message).toMatch(/leeg/);
  });

  it('refuses a missing file and a directory', async () => {
    expect((await refusal(join(dir, 'missing.mp4')))?.message).toMatch(/bestaat niet/);
    mkdirSync(join(dir, 'folder.mp4'));
    expect((await refusal(join(dir, 'folder.mp4')))?.kind).toBe('not_a_file');
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO without blocking on it', async () => {
    const path = join(dir, 'pipe.mp4');
    expect(spawnSync('mkfifo', [path]).status).toBe(0);
    const started = Date.now();
    const error = await refusal(path);
    expect(error?.kind).toBe('not_a_file');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a picture with a Dutch reason', async () => {
    const path = join(dir, 'photo.mp4');
    writeFileSync(path, bytes(0xff, 0xd8, 0xff, 0xe1, 0, 0));
    const error = await refusal(path);
    expect(error?.kind).toBe('not_video');
    expect(error?.code).toBe('invalid_input');
    expect(error?.message).toBe('Dit is een foto of afbeelding (JPEG), geen video.');
  });
});
