import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurably } from './durable-file';
import type { LogKey } from './log-key';

/**
 * The head of the access log's chain, kept outside the database: a log that ends before it lost
 * rows at the end, a log whose link at its row differs was rewritten. Signed with a key derived
 * from the log key, so whoever has only the database cannot write an anchor for a shorter log.
 */
export const LOG_ANCHOR_FILE = 'access-log.anchor';

/** The anchor of a keying in progress (log-keying.ts): put in place only once its transaction has committed. */
export const KEYING_ANCHOR_FILE = 'access-log.anchor.keying';

/** One link of the chain: the row id and its MAC. */
export interface ChainPoint {
  logId: number;
  mac: string;
}

export interface SignedPoint extends ChainPoint {
  keyId: string;
  sig: string;
}

interface AnchorFile extends SignedPoint {
  format: 'afstemming-access-log-anchor';
  version: 1;
  writtenAt: string;
}

export type AnchorState = { state: 'missing' } | { state: 'invalid'; why: 'unreadable' | 'other_key' | 'signature' } | { state: 'ok'; point: ChainPoint; writtenAt: string };

const signature = (key: LogKey, point: ChainPoint) => createHmac('sha256', key.anchorKey).update(JSON.stringify([key.keyId, point.logId, point.mac])).digest('hex');

export function signPoint(key: LogKey, point: ChainPoint): SignedPoint {
  return { logId: point.logId, mac: point.mac, keyId: key.keyId, sig: signature(key, point) };
}

/** Whether a signed point (an anchor, a backup manifest's head) was made with this key and not changed since. */
export function checkSignedPoint(key: LogKey, value: unknown): { ok: true; point: ChainPoint } | { ok: false; why: 'unreadable' | 'other_key' | 'signature' } {
  const p = value as Partial<SignedPoint> | null;
  if (!p || typeof p !== 'object' || !Number.isSafeInteger(p.logId) || typeof p.mac !== 'string' || !/^[0-9a-f]{64}$/.test(p.mac) || typeof p.sig !== 'string') {
    return { ok: false, why: 'unreadable' };
  }
  if (p.keyId !== key.keyId) return { ok: false, why: 'other_key' };
  const point = { logId: p.logId!, mac: p.mac };
  const expected = Buffer.from(signature(key, point), 'hex');
  const given = Buffer.from(p.sig, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, why: 'signature' };
  return { ok: true, point };
}

export function readAnchor(dataDir: string, key: LogKey, fileName = LOG_ANCHOR_FILE): AnchorState {
  const path = join(dataDir, fileName);
  if (!existsSync(path)) return { state: 'missing' };
  let file: Partial<AnchorFile>;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as Partial<AnchorFile>;
  } catch {
    return { state: 'invalid', why: 'unreadable' };
  }
  if (file.format !== 'afstemming-access-log-anchor' || file.version !== 1) return { state: 'invalid', why: 'unreadable' };
  const checked = checkSignedPoint(key, file);
  if (!checked.ok) return { state: 'invalid', why: checked.why };
  return { state: 'ok', point: checked.point, writtenAt: typeof file.writtenAt === 'string' ? file.writtenAt : '' };
}

/**
 * Replaces the anchor crash-safely (temporary file, fsync, rename). The folder is not fsynced:
 * after a power cut the rename may be lost and the previous anchor is back, which verify accepts
 * (it is an earlier link of the same chain); a torn or half-written anchor cannot happen.
 */
export function writeAnchor(dataDir: string, key: LogKey, point: ChainPoint, now = new Date().toISOString(), fileName = LOG_ANCHOR_FILE): void {
  const file: AnchorFile = { format: 'afstemming-access-log-anchor', version: 1, ...signPoint(key, point), writtenAt: now };
  writeFileDurably(join(dataDir, fileName), `${JSON.stringify(file)}\n`, { mode: 0o600 });
}
