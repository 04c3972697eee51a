import { describe, expect, it } from 'vitest';
import { sanitizeOriginalName } from './original-name';

describe('sanitizeOriginalName', () => {
  it('keeps only the base name without control characters', () => {
    expect(sanitizeOriginalName('C:\\Users\\x\\bad 1.mp4')).toBe('bad 1.mp4');
    expect(sanitizeOriginalName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeOriginalName('a\u0000b\nc.mov')).toBe('abc.mov');
    expect(sanitizeOriginalName('a\u0085b.mov')).toBe('ab.mov');
    expect(sanitizeOriginalName('')).toBe('video');
    expect(sanitizeOriginalName('x'.repeat(400)).length).toBe(255);
  });

  it('removes every bidi control, so a name cannot be drawn mirrored or reordered', () => {
    // With the override this is drawn as "VID_mp4.png"; without it, as what it is.
    expect(sanitizeOriginalName('VID_\u202Egnp.4pm')).toBe('VID_gnp.4pm');
    const controls = ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u2028', '\u2029'];
    for (const control of controls) {
      const cleaned = sanitizeOriginalName(`a${control}b${control}.mp4`);
      expect(cleaned, `U+${control.codePointAt(0)!.toString(16).toUpperCase()}`).toBe('ab.mp4');
    }
    // Only controls: nothing readable is left.
    expect(sanitizeOriginalName('\u202E\u2066')).toBe('video');
  });

  it('keeps ordinary right-to-left letters, accents and emoji', () => {
    expect(sanitizeOriginalName('مرحبا één 🎥.mp4')).toBe('مرحبا één 🎥.mp4');
  });

  it('is idempotent, so applying it again when a stored name is shown changes nothing more', () => {
    const once = sanitizeOriginalName('map/VID_\u2067x\u2069.mov');
    expect(sanitizeOriginalName(once)).toBe(once);
  });
});
