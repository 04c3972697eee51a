import { describe, expect, it } from 'vitest';
import { ageInMonths, isCalendarDate, isCalendarMonth, localToday } from './dates';

describe('calendar values', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-13-01')).toBe(false);
    expect(isCalendarDate('2024-1-01')).toBe(false);
    expect(isCalendarDate('')).toBe(false);
  });
  it('accepts months YYYY-MM', () => {
    expect(isCalendarMonth('2026-11')).toBe(true);
    expect(isCalendarMonth('2026-00')).toBe(false);
    expect(isCalendarMonth('2026-11-01')).toBe(false);
  });
  it('counts whole months of age', () => {
    expect(ageInMonths('2026-01', '2026-07-15')).toBe(6);
    expect(ageInMonths('2025-11', '2026-02-01')).toBe(3);
  });
  it('formats the local day', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
