import { describe, expect, it } from 'vitest';
import { DEFAULT_SECRET_COST, hashSecret, verifySecret } from './secret-hash';

describe('secret hashing', () => {
  it('verifies the right secret and refuses a wrong one', async () => {
    const stored = await hashSecret('2468', 10);
    expect(await verifySecret('2468', stored)).toBe(true);
    expect(await verifySecret('2469', stored)).toBe(false);
    expect(stored).not.toContain('2468');
  });

  it('salts: the same secret hashes differently each time', async () => {
    expect(await hashSecret('2468', 10)).not.toBe(await hashSecret('2468', 10));
  });

  it('uses a slow default: scrypt N=2^16, r=8, and takes real time per guess', async () => {
    expect(DEFAULT_SECRET_COST).toBeGreaterThanOrEqual(16);
    const started = performance.now();
    const stored = await hashSecret('2468-1357');
    expect(stored.split('$').slice(0, 4)).toEqual(['scrypt', String(2 ** 16), '8', '1']);
    // Not a speed target: proves the default is not accidentally a test-cheap cost.
    expect(performance.now() - started).toBeGreaterThan(20);
  });

  it('refuses tampered or foreign hashes instead of crashing or trusting them', async () => {
    const stored = await hashSecret('2468', 10);
    const parts = stored.split('$');
    expect(await verifySecret('2468', ['scrypt', '2', '8', '1', parts[4], parts[5]].join('$'))).toBe(false);
    expect(await verifySecret('2468', ['scrypt', String(2 ** 30), '8', '1', parts[4], parts[5]].join('$'))).toBe(false);
    expect(await verifySecret('2468', 'plain$2468')).toBe(false);
    expect(await verifySecret('2468', '')).toBe(false);
    expect(await verifySecret('2468', [...parts.slice(0, 5), 'AAAA'].join('$'))).toBe(false);
  });
});
