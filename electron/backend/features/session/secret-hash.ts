import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt with a cost that makes every guess against a stolen database take tens of milliseconds
 * and 64 MiB; the parameters are stored with the hash so they can be raised later without
 * invalidating existing PINs. Tests may pass a lower cost (log2 N) to stay fast; the verification
 * path is the same.
 */
export const DEFAULT_SECRET_COST = 16;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  const maxmem = 256 * options.N! * options.r! + 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashSecret(secret: string, cost = DEFAULT_SECRET_COST): Promise<string> {
  const N = 2 ** cost;
  const salt = randomBytes(16);
  const key = await derive(secret, salt, { N, r: BLOCK_SIZE, p: PARALLELISM });
  return ['scrypt', N, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), key.toString('base64')].join('$');
}

/** False for a wrong secret and for anything that is not a hash this code wrote. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, saltText, keyText] = stored.split('$');
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  if (kind !== 'scrypt' || !saltText || !keyText) return false;
  // Bounds keep a tampered row from making us allocate gigabytes or accept a trivial cost.
  if (!Number.isInteger(Math.log2(N)) || N < 2 ** 10 || N > 2 ** 20 || R < 1 || R > 32 || P < 1 || P > 4) return false;
  const expected = Buffer.from(keyText, 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await derive(secret, Buffer.from(saltText, 'base64'), { N, r: R, p: P });
  return timingSafeEqual(actual, expected);
}
