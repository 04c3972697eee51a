import { describe, expect, it } from 'vitest';
import { lockoutMinutes, MAX_FAILED_ATTEMPTS, secretProblem } from './pin-rules';

describe('secretProblem', () => {
  it('accepts a rater PIN of four digits that is not a run', () => {
    expect(secretProblem('2468', 'rater')).toBeNull();
    expect(secretProblem('kortwoord', 'rater')).toBeNull();
  });

  it('refuses short, padded, trivial and oversized secrets in Dutch', () => {
    expect(secretProblem('246', 'rater')).toMatch(/minstens 4/);
    expect(secretProblem(' 2468', 'rater')).toMatch(/spatie/);
    for (const trivial of ['0000', '1111', '1234', '4321', '123456789', 'aaaaaaaa']) {
      expect(secretProblem(trivial, trivial.length >= 8 ? 'coordinator' : 'rater'), trivial).toMatch(/raden/);
    }
    expect(secretProblem('x'.repeat(129), 'rater')).toMatch(/Maximaal/);
  });

  it('asks the coordinator role for its own, longer secret', () => {
    expect(secretProblem('2468', 'coordinator')).toMatch(/coördinator.*minstens 8/);
    expect(secretProblem('2468-1357', 'coordinator')).toBeNull();
  });
});

describe('lockoutMinutes', () => {
  it('locks only from the fifth failure on, growing to at most an hour', () => {
    expect(lockoutMinutes(MAX_FAILED_ATTEMPTS - 1)).toBe(0);
    expect(lockoutMinutes(MAX_FAILED_ATTEMPTS)).toBe(5);
    expect(lockoutMinutes(MAX_FAILED_ATTEMPTS + 1)).toBe(10);
    expect(lockoutMinutes(50)).toBe(60);
  });
});
