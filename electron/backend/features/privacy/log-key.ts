import Database from 'better-sqlite3';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurably } from './durable-file';

/**
 * The secret of the access log, in a file of its own next to the database, never in it:
 * whoever has only the database (a copy, a SQLite tool) cannot make a row, a link of the chain,
 * the anchor or a family's keyed code fit. Backups carry it as a separate file
 * (backup.ts); a restore brings the backup's key with its database.
 */
export const LOG_KEY_FILE = 'access-log.key';

/** The settings row that says which key the database's chain uses ('pending' until the first start after migration 0010). */
export const KEY_ID_SETTING = 'access_log_key_id';
export const KEYING_PENDING = 'pending';

export interface LogKey {
  /** Names the key without revealing it: recorded in the database, the anchor and backup manifests. */
  keyId: string;
  /** One key per use, derived from the secret, so no value made for one use fits another. */
  chainKey: Buffer;
  codeKey: Buffer;
  anchorKey: Buffer;
}

interface KeyFile {
  format: 'afstemming-access-log-key';
  version: 1;
  keyId: string;
  /** 32 random bytes, hex. */
  secret: string;
  createdAt: string;
}

const derive = (secret: Buffer, use: string) => createHmac('sha256', secret).update(`afstemming/${use}/v1`).digest();

export function deriveLogKey(secret: Buffer): LogKey {
  return {
    keyId: derive(secret, 'key-id').toString('hex').slice(0, 16),
    chainKey: derive(secret, 'access-log-chain'),
    codeKey: derive(secret, 'family-code'),
    anchorKey: derive(secret, 'access-log-anchor'),
  };
}

export type KeyFileState = { state: 'missing' } | { state: 'unreadable'; why: string } | { state: 'ok'; key: LogKey };

export function readLogKeyFile(dataDir: string): KeyFileState {
  const path = join(dataDir, LOG_KEY_FILE);
  if (!existsSync(path)) return { state: 'missing' };
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as Partial<KeyFile>;
    if (file.format !== 'afstemming-access-log-key' || file.version !== 1 || typeof file.secret !== 'string' || !/^[0-9a-f]{64}$/.test(file.secret)) {
      return { state: 'unreadable', why: 'not an Afstemming access-log key file' };
    }
    const key = deriveLogKey(Buffer.from(file.secret, 'hex'));
    if (file.keyId !== key.keyId) return { state: 'unreadable', why: 'the key id does not match the secret (edited file)' };
    return { state: 'ok', key };
  } catch (error) {
    return { state: 'unreadable', why: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Creates a new random key, crash-safe (temporary file, fsync, rename, fsync of the folder) and
 * readable by this user only (0600), before any row is chained with it. Never replaces a key file.
 */
export function createLogKeyFile(dataDir: string, now = new Date().toISOString()): LogKey {
  const path = join(dataDir, LOG_KEY_FILE);
  if (existsSync(path)) throw new Error(`${LOG_KEY_FILE} exists already; a key is never replaced`);
  const secret = randomBytes(32);
  const key = deriveLogKey(secret);
  const file: KeyFile = { format: 'afstemming-access-log-key', version: 1, keyId: key.keyId, secret: secret.toString('hex'), createdAt: now };
  writeFileDurably(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, syncDir: true });
  return key;
}

/** Which key the database says its chain uses: null before migration 0010 (or no database yet), KEYING_PENDING right after it. */
export function recordedKeyId(file: string, nativeBinding?: string): string | null {
  if (!existsSync(file)) return null;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY_ID_SETTING) as { value: string } | undefined;
    return row?.value ?? null;
  } catch {
    // No settings table yet (an empty file) or unreadable: the open that follows reports real damage.
    return null;
  } finally {
    db?.close();
  }
}

export type LogKeyResolution = { ok: true; key: LogKey; created: boolean } | { ok: false; detail: string };

/**
 * The key for this data folder and database. A database whose chain is not keyed yet (new, or
 * from before migration 0010) gets the key file that is there, or a new one. A database already
 * keyed needs exactly its own key: without it no row can be added verifiably, so the caller opens
 * it read-only until the key file is put back or a backup (which carries its key) is restored.
 */
export function resolveLogKey(dataDir: string, recorded: string | null): LogKeyResolution {
  const found = readLogKeyFile(dataDir);
  const keyed = recorded !== null && recorded !== KEYING_PENDING;
  if (found.state === 'ok') {
    if (keyed && found.key.keyId !== recorded) {
      return { ok: false, detail: `${LOG_KEY_FILE} holds key ${found.key.keyId}, but the access log was chained with key ${recorded}` };
    }
    return { ok: true, key: found.key, created: false };
  }
  if (found.state === 'unreadable') return { ok: false, detail: `${LOG_KEY_FILE} is unreadable: ${found.why}` };
  if (keyed) return { ok: false, detail: `${LOG_KEY_FILE} is missing; the access log was chained with key ${recorded}` };
  return { ok: true, key: createLogKeyFile(dataDir), created: true };
}

/** How an erased family's code is kept: letters, digits and dashes never contain ':', so it cannot be taken for a code. */
const CODE_REF = /^gewist:[0-9a-f]{32}$/;

export const isFamilyCodeRef = (value: string | null): boolean => value !== null && CODE_REF.test(value);

/**
 * The keyed hash of a family code (case-insensitive, as codes are unique without case). Enough to
 * recognise the family in a restored backup, useless to anyone without the key, even though codes
 * are short and guessable.
 */
export function familyCodeRef(key: LogKey, code: string): string {
  return `gewist:${createHmac('sha256', key.codeKey).update(code.toUpperCase()).digest('hex').slice(0, 32)}`;
}
