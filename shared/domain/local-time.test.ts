import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, formatLocalDateTimeForSheet, isTimeZone, localDayStartUtc, nextCalendarDate } from './local-time';

describe('local time', () => {
  it('shows a stored UTC moment in the reader’s zone, in Dutch or English', () => {
    expect(formatLocalDateTime('2026-12-03T13:05:09.123Z', 'Europe/Amsterdam')).toBe('3 dec. 2026 14:05:09');
    expect(formatLocalDateTime('2026-07-03T13:05:09.000Z', 'Europe/Amsterdam')).toBe('3 jul. 2026 15:05:09');
    expect(formatLocalDateTime('2026-05-31T23:30:00.000Z', 'Europe/Amsterdam', 'en')).toBe('1 Jun 2026 01:30:00');
    expect(formatLocalDateTime('2026-12-03T00:00:00.000Z', 'UTC')).toBe('3 dec. 2026 00:00:00');
    expect(formatLocalDateTimeForSheet('2026-12-03T13:05:09.000Z', 'Europe/Amsterdam')).toBe('03-12-2026 14:05:09');
  });

  it('turns a local date into the UTC moment it starts, also on the days the clocks change', () => {
    expect(localDayStartUtc('2026-12-03', 'Europe/Amsterdam')).toBe('2026-12-02T23:00:00.000Z');
    expect(localDayStartUtc('2026-07-03', 'Europe/Amsterdam')).toBe('2026-07-02T22:00:00.000Z');
    expect(localDayStartUtc('2026-03-29', 'Europe/Amsterdam')).toBe('2026-03-28T23:00:00.000Z');
    expect(localDayStartUtc('2026-03-30', 'Europe/Amsterdam')).toBe('2026-03-29T22:00:00.000Z');
    expect(localDayStartUtc('2026-10-25', 'Europe/Amsterdam')).toBe('2026-10-24T22:00:00.000Z');
    expect(localDayStartUtc('2026-10-26', 'Europe/Amsterdam')).toBe('2026-10-25T23:00:00.000Z');
    expect(localDayStartUtc('2026-12-03', 'UTC')).toBe('2026-12-03T00:00:00.000Z');
    expect(localDayStartUtc('2026-12-03', 'America/New_York')).toBe('2026-12-03T05:00:00.000Z');
    expect(nextCalendarDate('2026-12-31')).toBe('2027-01-01');
  });

  it('knows a time zone from a typo', () => {
    expect(isTimeZone('Europe/Amsterdam')).toBe(true);
    expect(isTimeZone('Europe/Amsterdm')).toBe(false);
  });
});
