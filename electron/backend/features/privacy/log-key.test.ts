import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogKeyFile, deriveLogKey, familyCodeRef, isFamilyCodeRef, LOG_KEY_FILE, readLogKeyFile, resolveLogKey } from './log-key';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'afstemming-log-key-'));
  dirs.push(dir);
  return dir;
}

describe('the access-log key file', () => {
  it('is created with 32 random bytes, readable by this user only, and read back as the same key', () => {
    const dir = folder();
    const key = createLogKeyFile(dir, '2026-05-01T10:00:00.000Z');
    if (process.platform !== 'win32') expect(statSync(join(dir, LOG_KEY_FILE)).mode & 0o777).toBe(0o600);
    // Written through a temporary file that was renamed: nothing else is left in the folder.
    expect(readdirSync(dir)).toEqual([LOG_KEY_FILE]);
    const file = JSON.parse(readFileSync(join(dir, LOG_KEY_FILE), 'utf8')) as { secret: string; keyId: string };
    expect(file.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(file.keyId).toBe(key.keyId);
    const read = readLogKeyFile(dir);
    expect(read.state).toBe('ok');
    if (read.state === 'ok') expect(read.key.chainKey.equals(key.chainKey)).toBe(true);
    expect(createLogKeyFile(folder()).keyId).not.toBe(key.keyId);
  });

  it('is never replaced', () => {
    const dir = folder();
    const key = createLogKeyFile(dir);
    expect(() => createLogKeyFile(dir)).toThrow(/never replaced/);
    const again = resolveLogKey(dir, null);
    expect(again).toMatchObject({ ok: true, created: false });
    if (again.ok) expect(again.key.keyId).toBe(key.keyId);
  });

  it('derives a different key for each use', () => {
    const key = deriveLogKey(Buffer.alloc(32, 7));
    const all = [key.chainKey, key.codeKey, key.anchorKey].map((k) => k.toString('hex'));
    expect(new Set(all).size).toBe(3);
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reports an edited or foreign file as unreadable', () => {
    const dir = folder();
    createLogKeyFile(dir);
    const file = JSON.parse(readFileSync(join(dir, LOG_KEY_FILE), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, LOG_KEY_FILE), JSON.stringify({ ...file, secret: 'ab'.repeat(32) }));
    expect(readLogKeyFile(dir)).toMatchObject({ state: 'unreadable' });
    writeFileSync(join(dir, LOG_KEY_FILE), 'geen json');
    expect(readLogKeyFile(dir)).toMatchObject({ state: 'unreadable' });
  });
});

describe('resolveLogKey', () => {
  it('creates a key for a database whose log is not keyed yet, and uses the one that is there', () => {
    const fresh = folder();
    expect(resolveLogKey(fresh, null)).toMatchObject({ ok: true, created: true });
    const pending = folder();
    expect(resolveLogKey(pending, 'pending')).toMatchObject({ ok: true, created: true });
    expect(resolveLogKey(pending, 'pending')).toMatchObject({ ok: true, created: false });
  });

  it('never makes a new key for a keyed log: missing, foreign or unreadable is a problem to report', () => {
    const dir = folder();
    const key = createLogKeyFile(dir);
    expect(resolveLogKey(dir, key.keyId)).toMatchObject({ ok: true, created: false });
    expect(resolveLogKey(dir, '0123456789abcdef')).toMatchObject({ ok: false, detail: expect.stringContaining('was chained with key 0123456789abcdef') });
    const empty = folder();
    expect(resolveLogKey(empty, key.keyId)).toMatchObject({ ok: false, detail: expect.stringContaining('is missing') });
    expect(readdirSync(empty)).toEqual([]);
    writeFileSync(join(empty, LOG_KEY_FILE), '{}');
    expect(resolveLogKey(empty, null)).toMatchObject({ ok: false, detail: expect.stringContaining('unreadable') });
  });
});

describe('familyCodeRef', () => {
  it('is a keyed hash that cannot be taken for a code, the same for any case of the code', () => {
    const key = deriveLogKey(Buffer.alloc(32, 1));
    const ref = familyCodeRef(key, 'OB-26-701');
    expect(ref).toMatch(/^gewist:[0-9a-f]{32}$/);
    expect(isFamilyCodeRef(ref)).toBe(true);
    expect(isFamilyCodeRef('OB-26-701')).toBe(false);
    expect(familyCodeRef(key, 'ob-26-701')).toBe(ref);
    expect(familyCodeRef(key, 'OB-26-702')).not.toBe(ref);
    expect(familyCodeRef(deriveLogKey(Buffer.alloc(32, 2)), 'OB-26-701')).not.toBe(ref);
  });
});
