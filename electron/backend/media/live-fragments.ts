import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Reads a fragmented MP4 that ffmpeg is still writing (the live copy of a playable version, see
 * runFfmpeg's `liveCopy`): ftyp + moov (the init segment), then moof + mdat pairs, one per
 * keyframe. Only whole boxes count, so a player never receives half a fragment. Scans are
 * incremental: a later scan continues where the previous one stopped.
 */
export interface LiveFragment {
  /** Presentation start of the fragment's video, in ms. */
  startMs: number;
  /** Byte offset of its moof and the length of moof + mdat. */
  offset: number;
  length: number;
}

export interface LiveScan {
  /** Bytes from the start that form whole boxes; what may be served. */
  completeBytes: number;
  /** End of the moov box (0 until it is written): the init segment is bytes [0, initBytes). */
  initBytes: number;
  /** The MSE type of the init segment, e.g. `video/mp4; codecs="avc1.64001f, mp4a.40.2"`. */
  mimeType: string | null;
  fragments: LiveFragment[];
  /** Where the made part ends (start of the next fragment to come), in ms. */
  madeMs: number;
  /** Internal: timescale per track id, the video track, the moof waiting for its mdat. */
  timescales: Map<number, number>;
  videoTrack: number | null;
  pendingMoof: { offset: number; startMs: number } | null;
  lastDurationMs: number;
}

export const emptyScan = (): LiveScan => ({
  completeBytes: 0,
  initBytes: 0,
  mimeType: null,
  fragments: [],
  madeMs: 0,
  timescales: new Map(),
  videoTrack: null,
  pendingMoof: null,
  lastDurationMs: 0,
});

interface Box {
  type: string;
  start: number;
  headerSize: number;
  size: number;
}

function readBoxHeader(buffer: Buffer, offset: number, end: number): Box | null {
  if (offset + 8 > end) return null;
  let size = buffer.readUInt32BE(offset);
  const type = buffer.toString('latin1', offset + 4, offset + 8);
  let headerSize = 8;
  if (size === 1) {
    if (offset + 16 > end) return null;
    size = Number(buffer.readBigUInt64BE(offset + 8));
    headerSize = 16;
  }
  if (size < headerSize) return null;
  return { type, start: offset, headerSize, size };
}

/** The child boxes of a container box held in `buffer`. */
function children(buffer: Buffer, from: number, to: number): Box[] {
  const boxes: Box[] = [];
  for (let offset = from; offset < to; ) {
    const box = readBoxHeader(buffer, offset, to);
    if (!box || box.start + box.size > to) break;
    boxes.push(box);
    offset += box.size;
  }
  return boxes;
}

const inside = (buffer: Buffer, box: Box) => children(buffer, box.start + box.headerSize, box.start + box.size);
const find = (boxes: Box[], type: string) => boxes.find((box) => box.type === type);

/** Track ids, timescales and handler types from moov; the codec string from the sample entries. */
function readMoov(buffer: Buffer, moov: Box, scan: LiveScan): void {
  const codecs: string[] = [];
  for (const trak of inside(buffer, moov).filter((box) => box.type === 'trak')) {
    const parts = inside(buffer, trak);
    const tkhd = find(parts, 'tkhd');
    const mdia = find(parts, 'mdia');
    if (!tkhd || !mdia) continue;
    const tkhdBody = tkhd.start + tkhd.headerSize;
    const trackId = buffer.readUInt32BE(tkhdBody + (buffer[tkhdBody] === 1 ? 20 : 12));
    const mdiaParts = inside(buffer, mdia);
    const mdhd = find(mdiaParts, 'mdhd');
    const hdlr = find(mdiaParts, 'hdlr');
    if (!mdhd || !hdlr) continue;
    const mdhdBody = mdhd.start + mdhd.headerSize;
    scan.timescales.set(trackId, buffer.readUInt32BE(mdhdBody + (buffer[mdhdBody] === 1 ? 20 : 12)));
    const handler = buffer.toString('latin1', hdlr.start + hdlr.headerSize + 8, hdlr.start + hdlr.headerSize + 12);
    const trackBytes = buffer.subarray(trak.start, trak.start + trak.size);
    if (handler === 'vide') {
      scan.videoTrack ??= trackId;
      const avcC = trackBytes.indexOf('avcC', 0, 'latin1');
      if (avcC >= 0) {
        const hex = (at: number) => trackBytes[at]!.toString(16).padStart(2, '0');
        codecs.push(`avc1.${hex(avcC + 5)}${hex(avcC + 6)}${hex(avcC + 7)}`);
      }
    } else if (handler === 'soun' && trackBytes.indexOf('mp4a', 0, 'latin1') >= 0) {
      codecs.push('mp4a.40.2');
    }
  }
  scan.mimeType = codecs.length ? `video/mp4; codecs="${codecs.join(', ')}"` : null;
}

/** The video track's baseMediaDecodeTime in this moof, in ms (null when the moof has none). */
function moofStartMs(buffer: Buffer, moof: Box, scan: LiveScan): number | null {
  for (const traf of inside(buffer, moof).filter((box) => box.type === 'traf')) {
    const parts = inside(buffer, traf);
    const tfhd = find(parts, 'tfhd');
    const tfdt = find(parts, 'tfdt');
    if (!tfhd || !tfdt) continue;
    const trackId = buffer.readUInt32BE(tfhd.start + tfhd.headerSize + 4);
    if (scan.videoTrack !== null && trackId !== scan.videoTrack) continue;
    const body = tfdt.start + tfdt.headerSize;
    const time = buffer[body] === 1 ? Number(buffer.readBigUInt64BE(body + 4)) : buffer.readUInt32BE(body + 4);
    const timescale = scan.timescales.get(trackId) ?? 1000;
    return (time / timescale) * 1000;
  }
  return null;
}

/** Reads `[from, to)` of the file into a buffer. */
function readRange(fd: number, from: number, to: number): Buffer {
  const buffer = Buffer.allocUnsafe(to - from);
  let done = 0;
  while (done < buffer.length) {
    const read = readSync(fd, buffer, done, buffer.length - done, from + done);
    if (read === 0) break;
    done += read;
  }
  return buffer.subarray(0, done);
}

/**
 * Continues `scan` over what has been added to the file since. Pure bookkeeping: a box that is
 * not yet whole ends the scan until the next call. moov and moof are read; media data is skipped.
 */
export function scanLiveFile(path: string, scan: LiveScan = emptyScan()): LiveScan {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    let offset = scan.completeBytes;
    while (offset + 8 <= size) {
      const head = readRange(fd, offset, Math.min(size, offset + 16));
      const box = readBoxHeader(head, 0, head.length);
      if (!box) break;
      const end = offset + box.size;
      if (end > size) break;
      if (box.type === 'moov' || box.type === 'moof') {
        const body = readRange(fd, offset, end);
        const local = { ...box, start: 0 };
        if (box.type === 'moov') {
          readMoov(body, local, scan);
          scan.initBytes = end;
        } else {
          const startMs = moofStartMs(body, local, scan);
          scan.pendingMoof = { offset, startMs: startMs ?? scan.madeMs };
        }
      } else if (box.type === 'mdat' && scan.pendingMoof) {
        const fragment = { startMs: scan.pendingMoof.startMs, offset: scan.pendingMoof.offset, length: end - scan.pendingMoof.offset };
        const previous = scan.fragments[scan.fragments.length - 1];
        if (previous) scan.lastDurationMs = Math.max(0, fragment.startMs - previous.startMs);
        scan.fragments.push(fragment);
        scan.pendingMoof = null;
        // The next fragment starts about one fragment later; until then this one is the end of what is made.
        scan.madeMs = fragment.startMs + scan.lastDurationMs;
      }
      offset = end;
      // Only whole fragments (and the boxes before the first) may be served.
      if (!scan.pendingMoof) scan.completeBytes = offset;
    }
    return scan;
  } finally {
    closeSync(fd);
  }
}
