import { msg, type Bilingual } from '../../../shared/api/envelope';
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { MediaError } from './media-error';

const HEAD_BYTES = 4096;

export interface SniffResult {
  sizeBytes: number;
}

/**
 * Refuses a path that is not a regular file without opening it: opening a FIFO for reading blocks
 * until a writer appears, and a device or directory is never a video.
 */
export async function assertRegularFile(path: string): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? msg('Het bestand bestaat niet (meer).', 'The file does not exist (any more).')
        : msg('Het bestand kan niet worden gelezen (geen toegang).', 'The file cannot be read (no access).');
    throw new MediaError('not_a_file', message, `${String(code)}: ${path}`);
  }
  if (!info.isFile()) throw notRegular(path);
  return info.size;
}

function notRegular(path: string): MediaError {
  return new MediaError('not_a_file', msg(
    'Dit is geen gewoon bestand (maar bijvoorbeeld een map, apparaat of pipe) en kan niet als video worden ingelezen.',
    'This is not an ordinary file (but, for example, a folder, device or pipe) and cannot be read as a video.',
  ), path);
}

/**
 * A fast look at the first bytes before ffprobe sees the file: refuses empty files, pictures,
 * documents, audio-only formats, HLS playlists and plain text with a Dutch reason. Playlists
 * matter most: ffprobe would follow their entries to other local files.
 */
export async function sniffMediaFile(path: string): Promise<SniffResult> {
  await assertRegularFile(path);
  // O_NONBLOCK: if the path was swapped for a FIFO after the stat, the open still returns at once
  // and the fstat below refuses it.
  const flags = constants.O_RDONLY | (process.platform === 'win32' ? 0 : constants.O_NONBLOCK);
  let handle;
  try {
    handle = await open(path, flags);
  } catch (error) {
    throw new MediaError('not_a_file', msg('Het bestand kan niet worden geopend.', 'The file cannot be opened.'), `${String((error as NodeJS.ErrnoException).code)}: ${path}`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw notRegular(path);
    if (info.size === 0) throw new MediaError('empty_file', msg(
      'Het bestand is leeg (0 bytes). Kopieer de opname opnieuw van de camera.',
      'The file is empty (0 bytes). Copy the recording from the camera again.',
    ), path);
    const head = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const reason = refusalTextFor(head.subarray(0, bytesRead));
    if (reason) throw new MediaError('not_video', reason, path);
    return { sizeBytes: info.size };
  } finally {
    await handle.close();
  }
}

const PICTURE_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'mif1', 'avif']);

/** The Dutch reason to refuse these first bytes, or null when they may be a video. */
export const refusalFor = (head: Buffer): string | null => refusalTextFor(head)?.nl ?? null;

/** The reason to refuse these first bytes in both languages, or null when they may be a video. */
export function refusalTextFor(head: Buffer): Bilingual | null {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString('latin1');
  const startsWith = (...bytes: number[]) => bytes.every((byte, i) => head[i] === byte);

  if (startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return picture('PNG');
  if (startsWith(0xff, 0xd8, 0xff)) return picture('JPEG');
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return picture('GIF');
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return picture('WebP');
  if (ascii(4, 8) === 'ftyp' && PICTURE_BRANDS.has(ascii(8, 12))) return picture('HEIC/AVIF');
  if (ascii(0, 5) === '%PDF-') return msg('Dit is een PDF-document, geen video.', 'This is a PDF document, not a video.');
  if (startsWith(0x50, 0x4b, 0x03, 0x04)) {
    return msg('Dit is een ZIP-archief of kantoordocument, geen video. Pak het eerst uit.', 'This is a ZIP archive or office document, not a video. Unpack it first.');
  }
  if (ascii(0, 3) === 'ID3' || ascii(0, 4) === 'fLaC' || (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE')) {
    return msg('Dit is een geluidsbestand zonder videobeeld.', 'This is a sound file without a video picture.');
  }

  const text = head.subarray(startsWith(0xef, 0xbb, 0xbf) ? 3 : 0).toString('latin1').trimStart();
  if (text.startsWith('#EXTM3U') || text.startsWith('#EXT-X-')) {
    return msg(
      'Dit is een afspeellijst (HLS/M3U), geen videobestand. Importeer het videobestand zelf.',
      'This is a playlist (HLS/M3U), not a video file. Import the video file itself.',
    );
  }
  if (looksLikeText(head)) return msg('Dit is een tekstbestand, geen video.', 'This is a text file, not a video.');
  return null;
}

const picture = (kind: string) => msg(`Dit is een foto of afbeelding (${kind}), geen video.`, `This is a photo or picture (${kind}), not a video.`);

/** Text has no NUL bytes and almost no control characters; every video container has both. */
function looksLikeText(head: Buffer): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  let control = 0;
  for (const byte of head) {
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f) control += 1;
  }
  return control / head.length < 0.02;
}
