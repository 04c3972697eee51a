import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** One erased family, as kept in the register outside the database. Code and old id only, never a name. */
export interface ErasureRecord {
  familyId: number;
  familyCode: string;
  erasedAt: string;
}

/** Next to the database, outside it: a restored older backup must not bring an erased family back. */
export const ERASURE_REGISTER_FILE = 'erasures.jsonl';

/** Appends one line and fsyncs it before the erasure commits: a register that lists too much is safe, one that lists too little is not. */
export function appendErasureRecord(dataDir: string, record: ErasureRecord): void {
  const fd = openSync(join(dataDir, ERASURE_REGISTER_FILE), 'a');
  try {
    writeSync(fd, `${JSON.stringify(record)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function readErasureRegister(dataDir: string): ErasureRecord[] {
  const path = join(dataDir, ERASURE_REGISTER_FILE);
  if (!existsSync(path)) return [];
  const records: ErasureRecord[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as Partial<ErasureRecord>;
      if (typeof value.familyId === 'number' && typeof value.familyCode === 'string' && typeof value.erasedAt === 'string') {
        records.push({ familyId: value.familyId, familyCode: value.familyCode, erasedAt: value.erasedAt });
      }
    } catch {
      // A torn last line after a crash: that erasure did not commit in the database either.
    }
  }
  return records;
}
