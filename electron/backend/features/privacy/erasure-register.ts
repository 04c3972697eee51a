import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurably } from './durable-file';
import { familyCodeRef, isFamilyCodeRef, type LogKey } from './log-key';

/**
 * One erased family, as kept in the register outside the database: its old id and the keyed hash
 * of its code (log-key.ts), never the code itself or a name. Enough to recognise the family in a
 * restored older backup; nothing to anyone without the key.
 */
export interface ErasureRecord {
  familyId: number;
  familyCodeRef: string;
  erasedAt: string;
}

/** A line written before migration 0010 held the code in clear; the next start replaces it (pseudonymiseErasureRegister). */
export interface LegacyErasureRecord {
  familyId: number;
  familyCode: string;
  erasedAt: string;
}

export type StoredErasureRecord = ErasureRecord | LegacyErasureRecord;

/** Next to the database, outside it: a restored older backup must not bring an erased family back. */
export const ERASURE_REGISTER_FILE = 'erasures.jsonl';

/** The same erasure, whichever form its line has (a restore merges two registers). */
export const erasureIdentity = (record: StoredErasureRecord) => `${record.familyId}|${record.erasedAt}`;

export function codeRefOf(key: LogKey, record: StoredErasureRecord): string {
  return 'familyCodeRef' in record ? record.familyCodeRef : familyCodeRef(key, record.familyCode);
}

/** Appends one line and fsyncs it before the erasure commits: a register that lists too much is safe, one that lists too little is not. */
export function appendErasureRecord(dataDir: string, record: StoredErasureRecord): void {
  const fd = openSync(join(dataDir, ERASURE_REGISTER_FILE), 'a');
  try {
    writeSync(fd, `${JSON.stringify(record)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function readErasureRegister(dataDir: string): StoredErasureRecord[] {
  const path = join(dataDir, ERASURE_REGISTER_FILE);
  if (!existsSync(path)) return [];
  const records: StoredErasureRecord[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as Partial<ErasureRecord & LegacyErasureRecord>;
      if (typeof value.familyId !== 'number' || typeof value.erasedAt !== 'string') continue;
      if (typeof value.familyCodeRef === 'string' && isFamilyCodeRef(value.familyCodeRef)) {
        records.push({ familyId: value.familyId, familyCodeRef: value.familyCodeRef, erasedAt: value.erasedAt });
      } else if (typeof value.familyCode === 'string') {
        records.push({ familyId: value.familyId, familyCode: value.familyCode, erasedAt: value.erasedAt });
      }
    } catch {
      // A torn last line after a crash: that erasure did not commit in the database either.
    }
  }
  return records;
}

/**
 * Rewrites the register with every code in clear replaced by its keyed hash (registers from
 * before migration 0010, or merged in from an older backup by a restore). Crash-safe: the file is
 * replaced whole (temporary file, fsync, rename, fsync of the folder), so it is the old or the new
 * register, never less. Returns how many lines were replaced.
 */
export function pseudonymiseErasureRegister(dataDir: string, key: LogKey): number {
  const path = join(dataDir, ERASURE_REGISTER_FILE);
  if (!existsSync(path)) return 0;
  const records = readErasureRegister(dataDir);
  const clear = records.filter((record) => !('familyCodeRef' in record)).length;
  // Also when nothing was in clear but a line could not be read: a torn line might hold a code.
  const text = records.map((record) => `${JSON.stringify({ familyId: record.familyId, familyCodeRef: codeRefOf(key, record), erasedAt: record.erasedAt })}\n`).join('');
  if (clear === 0 && readFileSync(path, 'utf8') === text) return 0;
  writeFileDurably(path, text, { mode: 0o600, syncDir: true });
  return clear;
}
