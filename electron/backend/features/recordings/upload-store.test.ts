import { describe, expect, it } from 'vitest';
import { sanitizeOriginalName } from './upload-store';

describe('sanitizeOriginalName', () => {
  it('keeps only the base name without control characters', () => {
    expect(sanitizeOriginalName('C:\\Users\\x\\bad 1.mp4')).toBe('bad 1.mp4');
    expect(sanitizeOriginalName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeOriginalName('a\u0000b\nc.mov')).toBe('abc.mov');
    expect(sanitizeOriginalName('')).toBe('video');
    expect(sanitizeOriginalName('x'.repeat(400)).length).toBe(255);
  });
});
