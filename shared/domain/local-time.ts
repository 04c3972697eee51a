/**
 * Moments (stored in UTC) as a person in a time zone reads them, and local calendar dates as UTC
 * bounds. The numbers come from Intl in the given zone; the month names are our own, because ICU
 * versions disagree on the Dutch abbreviations ("dec" or "dec."), and the screen, the CSV and
 * the tests must say the same thing on every machine.
 */

const NL_MONTHS = ['jan.', 'feb.', 'mrt.', 'apr.', 'mei', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone this process runs in (the user's own on the desktop). */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(at: Date, timeZone: string): LocalParts {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

const two = (n: number) => String(n).padStart(2, '0');

/** "3 dec. 2026 14:05:09" (Dutch) or "3 Dec 2026 14:05:09" (English), in the given zone. */
export function formatLocalDateTime(iso: string, timeZone: string, language: string = 'nl'): string {
  const p = localParts(new Date(iso), timeZone);
  const months = language.startsWith('en') ? EN_MONTHS : NL_MONTHS;
  return `${p.day} ${months[p.month - 1]} ${p.year} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

/** "03-12-2026 14:05:09": what Dutch Excel reads as a date and time, in the given zone. */
export function formatLocalDateTimeForSheet(iso: string, timeZone: string): string {
  const p = localParts(new Date(iso), timeZone);
  return `${two(p.day)}-${two(p.month)}-${p.year} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

/** The UTC moment (ISO) at which a local calendar date (YYYY-MM-DD) starts in the zone. */
export function localDayStartUtc(date: string, timeZone: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wanted = Date.UTC(year, month - 1, day);
  // The zone's offset at a moment, in ms (local minus UTC); twice, because the offset at the
  // first guess may differ from the one at the answer (a day that starts on a DST change).
  const offsetAt = (t: number) => {
    const p = localParts(new Date(t), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000;
  };
  let t = wanted - offsetAt(wanted);
  t = wanted - offsetAt(t);
  return new Date(t).toISOString();
}

/** The calendar date after a YYYY-MM-DD date (for an inclusive "to"). */
export function nextCalendarDate(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The local calendar date (YYYY-MM-DD) of a moment in the zone. */
export function localCalendarDate(iso: string, timeZone: string): string {
  const p = localParts(new Date(iso), timeZone);
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
}
