import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSignedPoint, LOG_ANCHOR_FILE, readAnchor, signPoint, writeAnchor } from './log-anchor';
import { deriveLogKey } from './log-key';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'afstemming-anchor-'));
  dirs.push(dir);
  return dir;
}

const key = deriveLogKey(Buffer.alloc(32, 3));
const other = deriveLogKey(Buffer.alloc(32, 4));
const point = { logId: 42, mac: 'a'.repeat(64) };

describe('the anchor of the access log', () => {
  it('is written crash-safely and read back with its signature checked', () => {
    const dir = folder();
    expect(readAnchor(dir, key)).toEqual({ state: 'missing' });
    writeAnchor(dir, key, point, '2026-05-01T10:00:00.000Z');
    expect(readdirSync(dir)).toEqual([LOG_ANCHOR_FILE]);
    expect(readAnchor(dir, key)).toEqual({ state: 'ok', point, writtenAt: '2026-05-01T10:00:00.000Z' });
    writeAnchor(dir, key, { logId: 43, mac: 'b'.repeat(64) });
    expect(readAnchor(dir, key)).toMatchObject({ state: 'ok', point: { logId: 43 } });
  });

  it('cannot be moved back to an earlier row without the key', () => {
    const dir = folder();
    writeAnchor(dir, key, point);
    const file = JSON.parse(readFileSync(join(dir, LOG_ANCHOR_FILE), 'utf8')) as Record<string, unknown>;
    // Someone who has only the database knows every row's link, but cannot sign it.
    writeFileSync(join(dir, LOG_ANCHOR_FILE), JSON.stringify({ ...file, logId: 40, mac: 'c'.repeat(64) }));
    expect(readAnchor(dir, key)).toEqual({ state: 'invalid', why: 'signature' });
    writeFileSync(join(dir, LOG_ANCHOR_FILE), '{"format":');
    expect(readAnchor(dir, key)).toEqual({ state: 'invalid', why: 'unreadable' });
  });

  it('belongs to one key', () => {
    const dir = folder();
    writeAnchor(dir, other, point);
    expect(readAnchor(dir, key)).toEqual({ state: 'invalid', why: 'other_key' });
  });

  it('signs a point for backup manifests the same way', () => {
    const signed = signPoint(key, point);
    expect(checkSignedPoint(key, signed)).toEqual({ ok: true, point });
    expect(checkSignedPoint(key, { ...signed, logId: 41 })).toEqual({ ok: false, why: 'signature' });
    expect(checkSignedPoint(other, signed)).toEqual({ ok: false, why: 'other_key' });
    expect(checkSignedPoint(key, null)).toEqual({ ok: false, why: 'unreadable' });
    expect(checkSignedPoint(key, { ...signed, sig: 'zz' })).toEqual({ ok: false, why: 'signature' });
  });
});
