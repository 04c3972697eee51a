import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

// The text of a PDF that our reports make, two ways. Poppler's pdftotext reads it as any reader
// would (CI installs poppler-utils); without it, the page streams are inflated and the strings of
// their text operators decoded, which is enough for the standard fonts pdfkit writes with
// (WinAnsi hex strings in TJ arrays, one BT…ET block per line).

export function hasPdfToText(): boolean {
  return spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error === undefined;
}

/** pdftotext's reading (-layout keeps table rows on one line), or null when poppler is not installed. */
export function pdfToText(bytes: Buffer): string | null {
  if (!hasPdfToText()) return null;
  const dir = mkdtempSync(join(tmpdir(), 'afstemming-pdf-text-'));
  try {
    const file = join(dir, 'file.pdf');
    writeFileSync(file, bytes);
    const result = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Windows-1252 where it differs from Latin-1 (0x80–0x9F); Node's TextDecoder reads that label as Latin-1.
const WIN_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const win1252 = (bytes: Buffer) => [...bytes].map((byte) => (byte >= 0x80 && byte <= 0x9f ? WIN_1252_HIGH[byte - 0x80]! : String.fromCharCode(byte))).join('');

/** Every line of text in the page streams, in drawing order; no poppler needed. */
export function pdfStreamText(bytes: Buffer): string {
  const source = bytes.toString('latin1');
  const lines: string[] = [];
  const streams = /<<([^]*?)>>\s*stream\r?\n/g;
  for (let match = streams.exec(source); match; match = streams.exec(source)) {
    const lengthMatch = /\/Length (\d+)/.exec(match[1]!);
    if (!lengthMatch) continue;
    const start = match.index + match[0].length;
    const raw = bytes.subarray(start, start + Number(lengthMatch[1]));
    let content: string;
    try {
      content = (/\/FlateDecode/.test(match[1]!) ? inflateSync(raw) : raw).toString('latin1');
    } catch {
      continue; // fonts, images: not text
    }
    for (const block of content.matchAll(/BT([^]*?)ET/g)) {
      const hex = [...block[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]!).join('');
      if (hex) lines.push(win1252(Buffer.from(hex, 'hex')));
    }
  }
  return lines.join('\n');
}
