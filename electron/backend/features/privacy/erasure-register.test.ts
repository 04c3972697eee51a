import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendErasureRecord, codeRefOf, ERASURE_REGISTER_FILE, pseudonymiseErasureRegister, readErasureRegister } from './erasure-register';
import { deriveLogKey, familyCodeRef } from './log-key';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'afstemming-register-'));
  dirs.push(dir);
  return dir;
}
const key = deriveLogKey(Buffer.alloc(32, 5));

describe('the erasure register', () => {
  it('replaces every code in clear (a register from before migration 0010) by its keyed hash, once', () => {
    const dir = folder();
    const path = join(dir, ERASURE_REGISTER_FILE);
    writeFileSync(
      path,
      [
        JSON.stringify({ familyId: 4, familyCode: 'OB-26-701', erasedAt: '2026-03-01T10:00:00.000Z' }),
        JSON.stringify({ familyId: 5, familyCodeRef: familyCodeRef(key, 'OB-26-702'), erasedAt: '2026-03-02T10:00:00.000Z' }),
        '{"familyId": 6, "familyCode": "OB-26-7', // torn by a crash: that erasure never committed
      ].join('\n'),
    );
    expect(pseudonymiseErasureRegister(dir, key)).toBe(1);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toMatch(/OB-26-70/);
    expect(readErasureRegister(dir)).toEqual([
      { familyId: 4, familyCodeRef: familyCodeRef(key, 'OB-26-701'), erasedAt: '2026-03-01T10:00:00.000Z' },
      { familyId: 5, familyCodeRef: familyCodeRef(key, 'OB-26-702'), erasedAt: '2026-03-02T10:00:00.000Z' },
    ]);
    expect(pseudonymiseErasureRegister(dir, key)).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('recognises a legacy line and a keyed line as the same family', () => {
    const dir = folder();
    appendErasureRecord(dir, { familyId: 4, familyCode: 'ob-26-701', erasedAt: 'x' });
    appendErasureRecord(dir, { familyId: 4, familyCodeRef: familyCodeRef(key, 'OB-26-701'), erasedAt: 'x' });
    const [legacy, keyed] = readErasureRegister(dir);
    expect(codeRefOf(key, legacy!)).toBe(codeRefOf(key, keyed!));
  });
});
