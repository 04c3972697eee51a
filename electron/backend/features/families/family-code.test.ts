import { describe, expect, it } from 'vitest';
import { suggestFamilyCode } from './family-code';

describe('suggestFamilyCode', () => {
  const today = new Date(2026, 10, 23);
  it('starts at 001 for the year', () => {
    expect(suggestFamilyCode([], today)).toBe('OB-26-001');
  });
  it('continues after the highest number of this year and ignores other years', () => {
    expect(suggestFamilyCode(['OB-26-001', 'ob-26-007', 'OB-25-120', 'X'], today)).toBe('OB-26-008');
  });
});
